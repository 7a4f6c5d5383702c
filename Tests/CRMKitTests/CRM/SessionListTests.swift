import CRMKit
import Foundation
import Testing

/// A policy for tests: everyone reads and edits only the items they are responsible for.
struct OwnItemsPolicy: AccessPolicy {
    func decide(_ request: AccessRequest) -> AccessDecision {
        if request.operation == .configure || request.operation == .add { return AccessDecision(isAllowed: true, reasons: ["test"]) }
        let own = request.subject.responsible == request.user
        return AccessDecision(isAllowed: own, reasons: [own ? "responsible" : "not responsible"])
    }

    func readFilter(for user: UserID, entityType: EntityType) -> Filter? {
        .equal("ASSIGNED_BY_ID", .integer(user.rawValue))
    }
}

/// Records what it sees and can veto deals titled "veto".
final class RecordingHook: SaveHook, Sendable {
    let committed = Mutex<[WriteOperation]>([])

    func beforeCommit(_ change: inout PendingChange) async throws {
        guard case .deal(var deal) = change.item else { return }
        if deal.title == "veto" { throw ValidationError(.malformed, field: "TITLE", "vetoed") }
        if deal.comments == nil {
            deal.comments = "checked by hook"
            change.item = .deal(deal)
        }
    }

    func afterCommit(_ change: CommittedChange) async {
        committed.withLock { $0.append(change.operation) }
    }
}

import Synchronization

@Suite("Sessions: lists, access seam, hooks, configuration")
struct SessionListTests {
    @Test("lists filter, order and page, and count the total")
    func list() async throws {
        let fixture = try await WorkspaceFixture()
        for index in 1...12 {
            var deal = Deal()
            deal.title = "Deal \(index)"
            deal.opportunity = Decimal(index * 100)
            deal.stageID = index % 3 == 0 ? "WON" : "NEW"
            _ = try await fixture.session.create(deal)
        }
        let filter = try RESTFilter.parse(#"{"=STAGE_ID": "NEW", ">OPPORTUNITY": "250"}"#, for: .deal)
        let page = try await fixture.session.list(Deal.self, filter: filter, order: [.descending("OPPORTUNITY")], limit: 3, offset: 1)
        #expect(page.total == 6)
        #expect(page.items.map(\.item.title) == ["Deal 10", "Deal 8", "Deal 7"])
    }

    @Test("a list only sees what the policy lets the user read, and so does its total")
    func accessFilter() async throws {
        let fixture = try await WorkspaceFixture(policy: OwnItemsPolicy())
        for user in [7, 7, 8] {
            var deal = Deal()
            deal.assignedByID = UserID(Int64(user))
            _ = try await fixture.session.create(deal)
        }
        let page = try await fixture.session.list(Deal.self)
        #expect(page.total == 2)
        #expect(page.items.allSatisfy { $0.item.assignedByID == 7 })
        await #expect(throws: AccessDeniedError.self) { try await fixture.session.get(ItemID<Deal>(3)) }
        let other = fixture.workspace.session(for: 8)
        #expect(try await other.list(Deal.self).total == 1)
        await #expect(throws: AccessDeniedError.self) { try await other.move(ItemID<Deal>(1), to: "WON") }
        #expect(try await fixture.session.get(ItemID<Deal>(1)).item.stageID == "NEW")
    }

    @Test("hooks may change an item before commit, veto it, and see every commit")
    func hooks() async throws {
        let hook = RecordingHook()
        let fixture = try await WorkspaceFixture(hooks: [hook])
        let deal = try await fixture.session.create(Deal()).item
        #expect(deal.comments == "checked by hook")
        var vetoed = Deal()
        vetoed.title = "veto"
        await #expect(throws: ValidationError(.malformed, field: "TITLE", "vetoed")) { try await fixture.session.create(vetoed) }
        #expect(try await fixture.store.count(.deal) == 1)
        _ = try await fixture.session.move(deal.id, to: "WON")
        try await fixture.session.delete(deal.id)
        #expect(hook.committed.withLock { $0 } == [.create, .move, .delete])
    }

    @Test("configuration edits persist in the store and survive reopening the workspace")
    func configurationPersists() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editCatalogs { catalogs in
            try catalogs.addEntry(StatusEntry(id: "FAIR", name: "Trade fair", sort: 5), to: "SOURCE")
        }
        let region = try CustomFieldDefinition(code: "UF_CRM_REGION", entityType: .deal, type: .string, label: "Region")
        try await fixture.session.defineCustomField(region)
        let reopened = try await Workspace.open(store: fixture.store, accessPolicy: .unrestricted)
        #expect(reopened.catalogs.book("SOURCE")?.entries.first?.id == "FAIR")
        #expect(reopened.settings.timeZoneIdentifier == "Europe/Rome")
        #expect(reopened.configuration.customFields == [region])
        var deal = Deal()
        deal.customFields["UF_CRM_REGION"] = .integer(3)
        await #expect(throws: ValidationError([ValidationIssue(.typeMismatch, field: "UF_CRM_REGION", "UF_CRM_REGION takes string, not integer")])) {
            try await reopened.session(for: 1).create(deal)
        }
    }

    @Test("a catalog edit that breaks an invariant changes nothing, in memory or in the store")
    func refusedCatalogEdit() async throws {
        let fixture = try await WorkspaceFixture()
        let before = try await fixture.store.configuration(.catalogs)
        await #expect(throws: CatalogError.self) {
            try await fixture.session.editCatalogs { try $0.removeEntry("WON", from: "DEAL_STAGE", force: true) }
        }
        #expect(try await fixture.store.configuration(.catalogs) == before)
        #expect(fixture.workspace.catalogs.book("DEAL_STAGE")?.contains("WON") == true)
    }
}

@Suite("Catalog edits and items")
struct CatalogUsageTests {
    @Test("an entry or stage still used by items cannot be removed; an unused one can")
    func entryInUse() async throws {
        let fixture = try await WorkspaceFixture()
        var deal = Deal()
        deal.stageID = "PREPARATION"
        deal.sourceID = "WEB"
        _ = try await fixture.session.create(deal)
        await #expect(throws: CatalogError(.inUse, "PREPARATION of DEAL_STAGE is used by 1 deal item(s)")) {
            try await fixture.session.editCatalogs { try $0.removeEntry("PREPARATION", from: "DEAL_STAGE") }
        }
        await #expect(throws: CatalogError(.inUse, "WEB of SOURCE is used by 1 deal item(s)")) {
            try await fixture.session.editCatalogs { try $0.removeEntry("WEB", from: "SOURCE", force: true) }
        }
        let catalogs = try await fixture.session.editCatalogs { try $0.removeEntry("EXECUTING", from: "DEAL_STAGE") }
        #expect(catalogs.book("DEAL_STAGE")?.contains("EXECUTING") == false)
        #expect(fixture.workspace.catalogs.book("DEAL_STAGE")?.contains("PREPARATION") == true)
    }
}
