import CRMKit
import Foundation

extension StoreContract {
    static func deal(_ id: Int64, _ change: (inout Deal) -> Void = { _ in }) -> Deal {
        var deal = Deal()
        deal.id = ItemID(id)
        deal.title = "Deal \(id)"
        deal.stageID = "NEW"
        change(&deal)
        return deal
    }

    static func create(_ deals: [Deal], in store: any CRMStore) async throws {
        for deal in deals {
            while try await store.allocateID(for: .deal) < deal.id.rawValue {}
        }
        _ = try await store.commit(ChangeSet(writes: deals.map { .create(.deal($0)) }))
    }

    static let allocation = Check("allocates increasing IDs per entity type and never the same one twice") { store, context in
        let first = try await store.allocateID(for: .deal)
        let second = try await store.allocateID(for: .deal)
        try context.expect(first >= 1 && second > first, "IDs must increase: \(first), \(second)")
        let lead = try await store.allocateID(for: .lead)
        try context.expect(lead >= 1, "lead IDs start at 1 or more, got \(lead)")
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<200 { group.addTask { try await store.allocateID(for: .deal) } }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        try context.expect(Set(ids).count == 200, "200 concurrent allocations gave \(Set(ids).count) distinct IDs")
        try context.expect(!ids.contains(first) && !ids.contains(second), "an ID was handed out twice")
        var deal = deal(try await store.allocateID(for: .deal))
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(deal))]))
        _ = try await store.commit(ChangeSet(writes: [.delete(ItemReference(deal.id), expectedRevision: 1)]))
        let next = try await store.allocateID(for: .deal)
        try context.expect(next > deal.id.rawValue, "an ID was reused after delete: \(next)")
        deal.id = ItemID(next)
    }

    static let createAndLoad = Check("creates an item at revision 1 and loads it back unchanged") { store, context in
        let id = try await store.allocateID(for: .deal)
        let deal = deal(id) {
            $0.opportunity = Decimal(string: "1250.50")
            $0.contactIDs = [3, 4]
            $0.observerIDs = [5, 6]
            $0.customFields["UF_CRM_REGION"] = .integer(2)
        }
        let receipt = try await store.commit(ChangeSet(writes: [.create(.deal(deal))]))
        try context.expect(receipt.revisions[ItemReference(deal.id)] == 1, "receipt revision \(String(describing: receipt.revisions))")
        let loaded = try await store.load(deal.id)
        try context.expect(loaded == Versioned(item: deal, revision: 1), "loaded \(String(describing: loaded))")
        try context.expect(try await store.load(ItemReference(.lead, id)) == nil, "a deal ID must not load as a lead")
        try context.expect(try await store.contains(ItemReference(deal.id)), "the store does not contain the created deal")
        try context.expect(try await !store.contains(ItemReference(.lead, id)), "a deal ID must not be contained as a lead")
    }

    static let createExisting = Check("refuses to create an item that exists") { store, context in
        let deal = deal(try await store.allocateID(for: .deal))
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(deal))]))
        var other = deal
        other.title = "Impostor"
        try await context.expectError(.conflict, "second create") {
            _ = try await store.commit(ChangeSet(writes: [.create(.deal(other))]))
        }
        try context.expect(try await store.load(deal.id)?.item.title == deal.title, "the first item was overwritten")
    }

    static let updateRevisions = Check("updates at the current revision and refuses a stale one") { store, context in
        var deal = deal(try await store.allocateID(for: .deal))
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(deal))]))
        deal.title = "Second"
        let receipt = try await store.commit(ChangeSet(writes: [.update(.deal(deal), expectedRevision: 1)]))
        try context.expect(receipt.revisions[ItemReference(deal.id)] == 2, "revision after update")
        var stale = deal
        stale.title = "Stale"
        try await context.expectError(.conflict, "update at revision 1") {
            _ = try await store.commit(ChangeSet(writes: [.update(.deal(stale), expectedRevision: 1)]))
        }
        try context.expect(try await store.load(deal.id) == Versioned(item: deal, revision: 2), "the stale write changed the item")
    }

    static let deleteRevisions = Check("deletes at the current revision; a deleted item is gone") { store, context in
        let deal = deal(try await store.allocateID(for: .deal))
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(deal))]))
        try await context.expectError(.conflict, "delete at revision 7") {
            _ = try await store.commit(ChangeSet(writes: [.delete(ItemReference(deal.id), expectedRevision: 7)]))
        }
        _ = try await store.commit(ChangeSet(writes: [.delete(ItemReference(deal.id), expectedRevision: 1)]))
        try context.expect(try await store.load(deal.id) == nil, "the deleted item still loads")
        try context.expect(try await !store.contains(ItemReference(deal.id)), "the store still contains the deleted item")
        try context.expect(try await store.count(.deal) == 0, "the deleted item is still listed")
    }

    static let atomicChangeSet = Check("a change set with one failing write writes nothing") { store, context in
        let first = deal(try await store.allocateID(for: .deal))
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(first))]))
        let second = deal(try await store.allocateID(for: .deal))
        var changedFirst = first
        changedFirst.title = "Changed"
        let changes = ChangeSet(
            writes: [.create(.deal(second)), .update(.deal(changedFirst), expectedRevision: 5)],
            timeline: [TimelineRecord(item: ItemReference(second.id), entry: .event(TimelineEvent(kind: .comment(text: "x"))))],
            configuration: ["contract": Data("x".utf8)])
        try await context.expectError(.conflict, "change set with a stale update") { _ = try await store.commit(changes) }
        try context.expect(try await store.load(second.id) == nil, "the create of a failed change set was applied")
        try context.expect(try await store.load(first.id)?.item.title == first.title, "the failed update was applied")
        try context.expect(try await store.timeline(of: ItemReference(second.id)).isEmpty, "its timeline was applied")
        try context.expect(try await store.configuration("contract") == nil, "its configuration was applied")
    }

    static let missingItems = Check("an update or delete of a missing item is notFound") { store, context in
        try await context.expectError(.notFound, "update of a missing deal") {
            _ = try await store.commit(ChangeSet(writes: [.update(.deal(deal(999)), expectedRevision: 1)]))
        }
        try await context.expectError(.notFound, "delete of a missing deal") {
            _ = try await store.commit(ChangeSet(writes: [.delete(ItemReference(.deal, 999), expectedRevision: 1)]))
        }
    }

    static let orderAndNulls = Check("orders by several keys, empty first ascending and last descending, ties by ID") { store, context in
        let amounts: [Decimal?] = [300, nil, 100, 300, nil, 200]
        let deals = amounts.enumerated().map { index, amount in
            deal(Int64(index + 1)) {
                $0.opportunity = amount
                $0.stageID = index % 2 == 0 ? "NEW" : "WON"
            }
        }
        try await create(deals, in: store)
        let ascending = try await store.query(Query(.deal, order: [.ascending("OPPORTUNITY")])).items.map(\.item.id)
        try context.expect(ascending == [2, 5, 3, 6, 1, 4], "ascending by amount: \(ascending)")
        let descending = try await store.query(Query(.deal, order: [.descending("opportunity")])).items.map(\.item.id)
        try context.expect(descending == [1, 4, 6, 3, 2, 5], "descending by amount: \(descending)")
        let twoKeys = try await store.query(Query(.deal, order: [.ascending("STAGE_ID"), .descending("OPPORTUNITY")]))
            .items.map(\.item.id)
        try context.expect(twoKeys == [1, 3, 5, 4, 6, 2], "by stage then amount: \(twoKeys)")
    }

    static let paging = Check("pages with limit and offset and counts all matches") { store, context in
        try await create((1...25).map { deal(Int64($0)) { $0.stageID = $0.id.rawValue % 5 == 0 ? "WON" : "NEW" } }, in: store)
        let page = try await store.query(Query(.deal, filter: .equal("STAGE_ID", .string("NEW")), order: [.ascending("ID")], limit: 7, offset: 14))
        try context.expect(page.total == 20, "total \(page.total)")
        try context.expect(page.items.map(\.item.id) == [18, 19, 21, 22, 23, 24], "page \(page.items.map(\.item.id))")
        let empty = try await store.query(Query(.deal, limit: 10, offset: 100))
        try context.expect(empty.items.isEmpty && empty.total == 25, "past the end: \(empty.items.count) items, total \(empty.total)")
        let none = try await store.query(Query(.deal, limit: 0))
        try context.expect(none.items.isEmpty && none.total == 25, "limit 0")
    }

    static let selection = Check("fills only the selected fields, and always the ID") { store, context in
        try await create([deal(1) { $0.comments = "secret"; $0.opportunity = 5 }], in: store)
        let result = try await store.query(Query(.deal, select: ["TITLE", "opportunity"]))
        let item = result.items.first?.item.entity(as: Deal.self)
        try context.expect(item?.id == 1 && item?.title == "Deal 1" && item?.opportunity == 5, "selected fields: \(String(describing: item))")
        try context.expect(item?.comments == nil && item?.stageID == nil, "unselected fields were filled")
    }

    static let indexConsistency = Check("finds items by their new values after updates, and not after deletes") { store, context in
        try await create((1...10).map { deal(Int64($0)) { $0.assignedByID = UserID(Int64($0.id.rawValue % 3)) } }, in: store)
        var moved = try await store.load(ItemID<Deal>(4))
        moved?.item.stageID = "WON"
        moved?.item.assignedByID = 9
        if let moved { _ = try await store.commit(ChangeSet(writes: [.update(.deal(moved.item), expectedRevision: moved.revision)])) }
        _ = try await store.commit(ChangeSet(writes: [.delete(ItemReference(.deal, 5), expectedRevision: 1)]))
        func ids(_ filter: Filter) async throws -> [Int64] {
            try await store.query(Query(.deal, filter: filter, order: [.ascending("ID")])).items.map(\.item.id)
        }
        try context.expect(try await ids(.equal("STAGE_ID", .string("WON"))) == [4], "by new stage")
        try context.expect(try await ids(.equal("STAGE_ID", .string("NEW"))) == [1, 2, 3, 6, 7, 8, 9, 10], "by old stage")
        try context.expect(try await ids(.equal("ASSIGNED_BY_ID", .integer(1))) == [1, 7, 10], "by old responsible")
        try context.expect(try await ids(.in("ASSIGNED_BY_ID", [.integer(9), .integer(2)])) == [2, 4, 8], "by new responsible")
    }

    static let configuration = Check("keeps configuration documents, written atomically with items") { store, context in
        try context.expect(try await store.configuration("settings") == nil, "a new store has no documents")
        let deal = deal(try await store.allocateID(for: .deal))
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(deal))], configuration: ["settings": Data("{\"a\":1}".utf8)]))
        try context.expect(try await store.configuration("settings") == Data("{\"a\":1}".utf8), "document after commit")
        try await store.writeConfiguration(Data("{\"a\":2}".utf8), for: "settings")
        try context.expect(try await store.configuration("settings") == Data("{\"a\":2}".utf8), "document replaced")
    }

    static let pendingWork = Check("keeps pending work with its item change, by due time, schedules and finishes it once") { store, context in
        func work(_ name: String, due: Int64) -> PendingWork {
            PendingWork(id: PendingWorkID(name), due: Timestamp(millisecondsSince1970: due), item: ItemReference(.deal, 1),
                        attempts: 0, payload: Data(name.utf8))
        }
        try context.expect(try await store.pendingWork(dueBy: nil).isEmpty, "a new store has no pending work")
        let deal = deal(try await store.allocateID(for: .deal))
        _ = try await store.commit(
            ChangeSet(writes: [.create(.deal(deal))], work: [.schedule(work("b", due: 20)), .schedule(work("a", due: 20)), .schedule(work("c", due: 10))]))
        try context.expect(try await store.pendingWork(dueBy: nil).map(\.id.rawValue) == ["c", "a", "b"], "all work, by due time then ID")
        try context.expect(try await store.pendingWork(dueBy: Timestamp(millisecondsSince1970: 19)).map(\.id.rawValue) == ["c"], "due by 19")
        var retried = work("c", due: 30)
        retried.attempts = 2
        try await context.expectError(.conflict, "scheduling a pending ID") {
            _ = try await store.commit(ChangeSet(work: [.schedule(retried)]))
        }
        _ = try await store.commit(ChangeSet(work: [.finish("c"), .schedule(retried)]))
        try context.expect(try await store.pendingWork(dueBy: nil).last == retried, "finish then schedule replaces it")
        try await context.expectError(.conflict, "a change set whose item write conflicts finishes no work") {
            _ = try await store.commit(ChangeSet(writes: [.create(.deal(deal))], work: [.finish("a")]))
        }
        try context.expect(try await store.pendingWork(dueBy: nil).count == 3, "nothing finished by the refused commit")
        _ = try await store.commit(ChangeSet(work: [.finish("a")]))
        try await context.expectError(.conflict, "finishing finished work") {
            _ = try await store.commit(ChangeSet(work: [.finish("a")]))
        }
        try context.expect(try await store.pendingWork(dueBy: nil).map(\.id.rawValue) == ["b", "c"], "a finished")
    }

    static let timeline = Check("appends timeline lines per item, in commit order") { store, context in
        let item = ItemReference(.deal, 1)
        let lines = (1...3).map { index in
            TimelineRecord(item: item, entry: .event(TimelineEvent(kind: .comment(text: "comment \(index)"), time: Timestamp(millisecondsSince1970: Int64(index)))))
        }
        _ = try await store.commit(ChangeSet(timeline: [lines[0], lines[1]]))
        _ = try await store.commit(ChangeSet(timeline: [TimelineRecord(item: ItemReference(.lead, 1), entry: lines[2].entry)]))
        _ = try await store.commit(ChangeSet(timeline: [lines[2]]))
        try context.expect(try await store.timeline(of: item) == lines, "timeline of deal 1")
        try context.expect(try await store.timeline(of: ItemReference(.lead, 1)).count == 1, "timeline of lead 1")
    }

    static let concurrentUpdates = Check("100 concurrent read-modify-write loops lose no update") { store, context in
        try await create([deal(1) { $0.probability = 0 }], in: store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    while true {
                        guard var current = try await store.load(ItemID<Deal>(1)) else { return }
                        current.item.probability = (current.item.probability ?? 0) + 1
                        do {
                            _ = try await store.commit(ChangeSet(writes: [.update(.deal(current.item), expectedRevision: current.revision)]))
                            return
                        } catch let error as StoreError where error.code == .conflict {
                            continue
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await store.load(ItemID<Deal>(1))
        try context.expect(final?.item.probability == 100 && final?.revision == 101, "after 100 increments: \(String(describing: final?.item.probability)) at revision \(String(describing: final?.revision))")
    }

    static let multifieldFilter = Check("matches multifield values with = and like") { store, context in
        var leads: [Lead] = []
        for index in 1...6 {
            var lead = Lead()
            lead.id = ItemID(Int64(index))
            lead.emails = index % 2 == 0 ? [Multifield(value: "buyer\(index)@acme.it", valueType: "WORK")] : []
            lead.phones = [Multifield(value: "+39061234567\(index)", valueType: "MOBILE")]
            leads.append(lead)
            _ = try await store.allocateID(for: .lead)
        }
        _ = try await store.commit(ChangeSet(writes: leads.map { .create(.lead($0)) }))
        func ids(_ filter: Filter) async throws -> [Int64] {
            try await store.query(Query(.lead, filter: filter, order: [.ascending("ID")])).items.map(\.item.id)
        }
        try context.expect(try await ids(.like("EMAIL", "%@ACME.it")) == [2, 4, 6], "like on e-mail")
        try context.expect(try await ids(.equal("PHONE", .string("+390612345673"))) == [3], "= on phone")
        try context.expect(try await ids(.isNull("EMAIL")) == [1, 3, 5], "empty e-mail list")
    }

    static let queryErrors = Check("refuses queries on unknown fields and operators that do not fit") { store, context in
        let cases: [(Filter, QueryError.Code)] = [
            (.equal("NOPE", .string("x")), .unknownField),
            (.greater("TITLE", .string("a")), .operatorMismatch),
            (.like("OPPORTUNITY", "%1%"), .operatorMismatch),
            (.equal("OPPORTUNITY", .string("many")), .valueMismatch),
        ]
        for (filter, code) in cases {
            do {
                _ = try await store.query(Query(.deal, filter: filter))
                throw ContractFailure(check: context.check, message: "\(filter) was accepted")
            } catch let error as QueryError {
                try context.expect(error.code == code, "\(filter): expected \(code), got \(error.code)")
            }
        }
    }
}
