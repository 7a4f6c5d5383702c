import CRMKit
import Foundation
import Testing

@Suite("Save pipeline: system side effects")
struct SavePipelineTests {
    @Test("a new deal gets every system field Bitrix24 sets")
    func createDeal() async throws {
        let fixture = try await WorkspaceFixture()
        let stored = try await fixture.session.create(Deal())
        let deal = stored.item
        #expect(stored.revision == 1)
        #expect(deal.id == 1)
        #expect(deal.title == "Deal #1")
        #expect(deal.categoryID == 0)
        #expect(deal.stageID == "NEW")
        #expect(deal.stageSemanticID == .process)
        #expect(deal.isClosed == false)
        #expect(deal.isNew == true)
        #expect(deal.createdTime == WorkspaceFixture.start)
        #expect(deal.updatedTime == WorkspaceFixture.start)
        #expect(deal.createdBy == 7)
        #expect(deal.updatedBy == 7)
        #expect(deal.assignedByID == 7)
        #expect(deal.movedTime == WorkspaceFixture.start)
        #expect(deal.movedBy == 7)
        #expect(deal.beginDate == WorkspaceFixture.date("2026-03-02"))
        #expect(deal.closeDate == WorkspaceFixture.date("2026-03-09"))
        #expect(deal.isOpened == true)
        #expect(deal.currencyID == "EUR")
        #expect(deal.typeID == "SALE")
        #expect(deal.sourceID == "CALL")
        #expect(deal.lastActivityTime == WorkspaceFixture.start)
        #expect(deal.lastActivityBy == 7)
        #expect(try await fixture.store.load(deal.id) == stored)
        let timeline = try await fixture.session.timeline(of: ItemReference(deal.id))
        #expect(timeline == [
            TimelineRecord(
                item: ItemReference(deal.id),
                entry: .stageChange(
                    StageChange(
                        kind: .created, time: WorkspaceFixture.start, actor: 7, fromStage: nil, toStage: "NEW", fromPipeline: nil,
                        toPipeline: 0, semantics: .process, source: .user)))
        ])
    }

    @Test("today is computed in the workspace's time zone")
    func todayInTimeZone() async throws {
        let fixture = try await WorkspaceFixture()
        fixture.clock.set(Timestamp(iso8601: "2026-03-02T23:30:00Z") ?? WorkspaceFixture.start)  // 00:30 on the 3rd in Rome
        let deal = try await fixture.session.create(Deal()).item
        #expect(deal.beginDate == WorkspaceFixture.date("2026-03-03"))
        #expect(deal.closeDate == WorkspaceFixture.date("2026-03-10"))
    }

    @Test("client values are kept where allowed: title, stage, responsible, dates, opened")
    func clientValuesKept() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Deal()
        input.title = "  Website redesign  "
        input.stageID = "PREPARATION"
        input.assignedByID = 9
        input.closeDate = WorkspaceFixture.date("2026-06-30")
        input.isOpened = false
        let deal = try await fixture.session.create(input).item
        #expect(deal.title == "Website redesign")
        #expect(deal.stageID == "PREPARATION")
        #expect(deal.isNew == false)
        #expect(deal.assignedByID == 9)
        #expect(deal.closeDate == WorkspaceFixture.date("2026-06-30"))
        #expect(deal.isOpened == false)
    }

    @Test("read-only values from the client are refused, naming each field, and nothing is written")
    func readOnlyRefused() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Deal()
        input.createdTime = WorkspaceFixture.start
        input.isNew = true
        await #expect(throws: ValidationError([
            ValidationIssue(.readOnly, field: "IS_NEW", "IS_NEW is read-only"),
            ValidationIssue(.readOnly, field: "DATE_CREATE", "DATE_CREATE is read-only"),
        ])) { try await fixture.session.create(input) }
        #expect(try await fixture.store.count(.deal) == 0)
        #expect(try await fixture.session.create(Deal()).item.id == 1)
    }

    @Test("invalid values are refused before an ID is taken")
    func invalidRefused() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Deal()
        input.stageID = "C3:WON"
        input.probability = 101
        await #expect(throws: ValidationError.self) { try await fixture.session.create(input) }
        #expect(try await fixture.store.count(.deal) == 0)
        #expect(try await fixture.store.allocateID(for: .deal) == 1)
    }

    @Test("the \"available to everyone\" default comes from the settings")
    func openedFromSettings() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editSettings { $0.openedByDefault[.deal] = false }
        #expect(try await fixture.session.create(Deal()).item.isOpened == false)
        #expect(try await fixture.session.create(Lead()).item.isOpened == true)
    }

    @Test("placeholder titles and generated numbers use the new ID")
    func placeholdersAndNumbers() async throws {
        let fixture = try await WorkspaceFixture()
        _ = try await fixture.session.create(Lead())
        let lead = try await fixture.session.create(Lead()).item
        #expect(lead.title == "Lead #2")
        #expect(lead.stageID == "NEW")
        let invoice = try await fixture.session.create(Invoice()).item
        #expect(invoice.title == "Invoice #1")
        #expect(invoice.accountNumber == "1")
        #expect(invoice.categoryID == 1)
        #expect(invoice.stageID == "DT31_1:N")
        var quote = Quote()
        quote.title = "Offer"
        let stored = try await fixture.session.create(quote).item
        #expect(stored.quoteNumber == "1")
        #expect(stored.stageID == "DRAFT")
        #expect(stored.isClosed == false)
        var contact = Contact()
        contact.name = "Anna"
        let created = try await fixture.session.create(contact).item
        #expect(created.typeID == "CLIENT")
        #expect(created.honorific == nil)
    }

    @Test("the amount is the product rows' total unless it is manual")
    func amountFromProductRows() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Deal()
        input.opportunity = 1
        input.productRows = [
            ProductRow(name: "Design", price: 100, quantity: 3, discount: .rate(10), taxRate: 22),
            ProductRow(name: "Hosting", price: 122, taxRate: 22, isTaxIncluded: true),
        ]
        let deal = try await fixture.session.create(input).item
        #expect(deal.opportunity == Decimal(string: "451.40"))
        #expect(deal.taxValue == Decimal(string: "81.40"))

        var manual = input
        manual.isManualOpportunity = true
        manual.opportunity = 400
        #expect(try await fixture.session.create(manual).item.opportunity == 400)
    }

    @Test("an update sets modification time and user, keeps creation, clamps probability, records field history")
    func update() async throws {
        let fixture = try await WorkspaceFixture()
        var stored = try await fixture.session.create(Deal())
        fixture.clock.advance(byMilliseconds: 3_600_000)
        let editor = fixture.workspace.session(for: 8)
        stored.item.probability = 150
        stored.item.comments = "Call back"
        stored = try await editor.update(stored)
        let later = WorkspaceFixture.start.adding(milliseconds: 3_600_000)
        #expect(stored.revision == 2)
        #expect(stored.item.probability == 100)
        #expect(stored.item.updatedTime == later)
        #expect(stored.item.updatedBy == 8)
        #expect(stored.item.createdTime == WorkspaceFixture.start)
        #expect(stored.item.createdBy == 7)
        #expect(stored.item.lastActivityTime == WorkspaceFixture.start)
        let history = try await fixture.session.timeline(of: ItemReference(stored.item.id)).compactMap { record -> FieldChange? in
            if case .fieldChange(let change) = record.entry { change } else { nil }
        }
        #expect(history == [
            FieldChange(field: "PROBABILITY", oldValue: .null, newValue: .integer(100), actor: 8, time: later, source: .user),
            FieldChange(field: "COMMENTS", oldValue: .null, newValue: .string("Call back"), actor: 8, time: later, source: .user),
        ])
    }

    @Test("a stale update is a conflict and changes nothing")
    func staleUpdate() async throws {
        let fixture = try await WorkspaceFixture()
        let first = try await fixture.session.create(Deal())
        var winner = first
        winner.item.title = "Winner"
        _ = try await fixture.session.update(winner)
        var loser = first
        loser.item.title = "Loser"
        await #expect(throws: StoreError.self) { try await fixture.session.update(loser) }
        #expect(try await fixture.session.get(first.item.id).item.title == "Winner")
    }

    @Test("100 concurrent modifications lose no update")
    func concurrentModifications() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Deal()
        input.probability = 0
        let id = try await fixture.session.create(input).item.id
        try await withThrowingTaskGroup(of: Void.self) { group in
            for user in 1...100 {
                let session = fixture.workspace.session(for: UserID(Int64(user)))
                group.addTask {
                    _ = try await session.modify(id, attempts: 1_000) { deal in
                        deal.comments = (deal.comments ?? "") + "x"
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await fixture.session.get(id)
        #expect(final.item.comments?.count == 100)
        #expect(final.revision == 101)
    }

    @Test("entering a final stage sets a deal's close date to today, and records the move")
    func dealFinalStage() async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Deal())
        fixture.clock.advance(byMilliseconds: 2 * WorkspaceFixture.day)
        let moved = try await fixture.workspace.session(for: 8).move(created.item.id, to: "WON")
        let deal = moved.item
        let now = WorkspaceFixture.start.adding(milliseconds: 2 * WorkspaceFixture.day)
        #expect(deal.stageID == "WON")
        #expect(deal.stageSemanticID == .success)
        #expect(deal.isClosed == true)
        #expect(deal.isNew == false)
        #expect(deal.closeDate == WorkspaceFixture.date("2026-03-04"))
        #expect(deal.movedTime == now)
        #expect(deal.movedBy == 8)
        let stageLines = try await fixture.session.timeline(of: ItemReference(deal.id)).compactMap { record -> StageChange? in
            if case .stageChange(let change) = record.entry { change } else { nil }
        }
        #expect(stageLines.map(\.kind) == [.created, .finalized])
        #expect(stageLines.last?.fromStage == "NEW")
        #expect(stageLines.last?.actor == 8)
    }

    @Test("an invoice entering a final stage keeps its close date, and remembers the previous stage")
    func invoiceFinalStage() async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Invoice())
        fixture.clock.advance(byMilliseconds: 2 * WorkspaceFixture.day)
        let invoice = try await fixture.session.move(created.item.id, to: "DT31_1:P").item
        #expect(invoice.closeDate == WorkspaceFixture.date("2026-03-09"))
        #expect(invoice.previousStageID == "DT31_1:N")
        #expect(invoice.movedTime == WorkspaceFixture.start.adding(milliseconds: 2 * WorkspaceFixture.day))
    }

    @Test("a lead gets its closing date when it enters a final stage, and loses it when it leaves")
    func leadClosing() async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Lead())
        fixture.clock.advance(byMilliseconds: WorkspaceFixture.day)
        let junk = try await fixture.session.move(created.item.id, to: "JUNK").item
        #expect(junk.dateClosed == WorkspaceFixture.start.adding(milliseconds: WorkspaceFixture.day))
        #expect(junk.stageSemanticID == .failure)
        let reopened = try await fixture.session.move(created.item.id, to: "IN_PROCESS").item
        #expect(reopened.dateClosed == nil)
    }

    @Test("moving to another pipeline goes to its first stage; the pipeline cannot change by update")
    func pipelineMove() async throws {
        let fixture = try await WorkspaceFixture()
        let rentals = try await fixture.session.editCatalogs { try $0.addPipeline(for: .deal, name: "Rentals") }
            .pipelines(for: .deal).first { $0.id != 0 }
        let created = try await fixture.session.create(Deal())
        var sneaky = created
        sneaky.item.categoryID = rentals?.id ?? 1
        sneaky.item.stageID = "C1:NEW"
        await #expect(throws: ValidationError([ValidationIssue(.immutable, field: "CATEGORY_ID", "CATEGORY_ID cannot change after creation")])) {
            try await fixture.session.update(sneaky)
        }
        let moved = try await fixture.session.move(created.item.id, to: nil, pipeline: 1).item
        #expect(moved.categoryID == 1)
        #expect(moved.stageID == "C1:NEW")
        let lines = try await fixture.session.timeline(of: ItemReference(moved.id)).compactMap { record -> StageChange? in
            if case .stageChange(let change) = record.entry { change } else { nil }
        }
        #expect(lines.last == StageChange(
            kind: .pipelineChanged, time: WorkspaceFixture.start, actor: 7, fromStage: "NEW", toStage: "C1:NEW", fromPipeline: 0,
            toPipeline: 1, semantics: .process, source: .user))
    }

    @Test("an unknown stage or one of another pipeline is refused and nothing changes")
    func invalidMove() async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Deal())
        await #expect(throws: ValidationError([ValidationIssue(.notInCatalog, field: "STAGE_ID", "NEGOTIATION is not a stage in DEAL_STAGE")])) {
            try await fixture.session.move(created.item.id, to: "NEGOTIATION")
        }
        #expect(try await fixture.session.get(created.item.id) == created)
    }

    @Test("links must point at existing items")
    func references() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Deal()
        input.companyID = 5
        input.contactIDs = [3]
        await #expect(throws: ValidationError([
            ValidationIssue(.missingReference, field: "COMPANY_ID", "company 5 does not exist"),
            ValidationIssue(.missingReference, field: "CONTACT_IDS", "contact 3 does not exist"),
        ])) { try await fixture.session.create(input) }
        var company = Company()
        company.title = "Rossi S.r.l."
        let companyID = try await fixture.session.create(company).item.id
        input.companyID = companyID
        input.contactIDs = []
        #expect(try await fixture.session.create(input).item.companyID == companyID)
    }

    @Test("text is trimmed, e-mail domains lower-cased, phones reduced to digits and a leading +")
    func normalization() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Lead()
        input.name = "  Anna "
        input.emails = [Multifield(value: " Anna.Rossi@Example.IT ", valueType: "work")]
        input.phones = [Multifield(value: "+39 (06) 1234-5678", valueType: "MOBILE")]
        let lead = try await fixture.session.create(input).item
        #expect(lead.name == "Anna")
        #expect(lead.emails == [Multifield(value: "Anna.Rossi@example.it", valueType: "WORK")])
        #expect(lead.phones == [Multifield(value: "+390612345678", valueType: "MOBILE")])
        #expect(lead.hasEmail == true)
        #expect(lead.hasPhone == true)
        #expect(lead.hasOpenLine == false)
    }

    @Test("deleting removes the item; a stale delete is a conflict")
    func delete() async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Deal())
        await #expect(throws: StoreError.self) { try await fixture.session.delete(created.item.id, revision: 9) }
        try await fixture.session.delete(created.item.id)
        await #expect(throws: StoreError(.notFound, "deal 1 does not exist", item: ItemReference(.deal, 1))) {
            try await fixture.session.get(created.item.id)
        }
    }
}
