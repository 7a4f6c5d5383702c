import CRMKit
import CRMKitStoreContract
import Foundation
import Testing

/// The indexed query planner (composite buckets, sorted runs, checked conjunctions) must give exactly the page
/// and total that filtering every item and sorting the matches gives, for random items, filters, orders and
/// paging, and keep giving it after items move between buckets or change their sort values.
@Suite("Storage: planned queries equal filtering every item")
struct QueryPlannerPropertyTests {
    static let stages = ["NEW", "PREPARATION", "WON", "C1:NEW", "C1:WON", "C2:NEW"]

    struct World {
        var random: SeededGenerator
        var store = InMemoryStore()
        var ids: [Int64] = []

        mutating func deal(_ id: Int64) -> Deal {
            var deal = Deal()
            deal.id = ItemID(id)
            deal.categoryID = CategoryID(Int64.random(in: 0...2, using: &random))
            deal.stageID = Int.random(in: 0..<10, using: &random) == 0 ? nil : StatusID(QueryPlannerPropertyTests.stages.randomElement(using: &random) ?? "NEW")
            deal.assignedByID = Int.random(in: 0..<8, using: &random) == 0 ? nil : UserID(Int64.random(in: 1...6, using: &random))
            deal.observerIDs = (0..<Int.random(in: 0...2, using: &random)).map { _ in UserID(Int64.random(in: 1...6, using: &random)) }
            // Few distinct amounts, so ties fall back to the ID.
            deal.opportunity = Int.random(in: 0..<6, using: &random) == 0 ? nil : Decimal(Int.random(in: 0...8, using: &random) * 250)
            deal.title = ["Alpha", "beta", "Gamma", nil].randomElement(using: &random) ?? nil
            return deal
        }

        mutating func condition(depth: Int) -> Filter {
            let users = (0..<Int.random(in: 0...3, using: &random)).map { _ in FieldValue.integer(Int64.random(in: 1...7, using: &random)) }
            let stage = FieldValue.string(QueryPlannerPropertyTests.stages.randomElement(using: &random) ?? "NEW")
            let pick = Int.random(in: 0..<(depth > 0 ? 13 : 10), using: &random)
            switch pick {
            case 0: return .equal("STAGE_ID", stage)
            case 1: return .in("STAGE_ID", [stage, .string("WON")])
            case 2: return .equal("CATEGORY_ID", .integer(Int64.random(in: 0...3, using: &random)))
            case 3: return .in("ASSIGNED_BY_ID", users)
            case 4: return .equal("ASSIGNED_BY_ID", .integer(Int64.random(in: 1...7, using: &random)))
            case 5: return .equal("OBSERVERS", .integer(Int64.random(in: 1...6, using: &random)))
            case 6: return .greaterOrEqual("OPPORTUNITY", .decimal(Decimal(Int.random(in: 0...8, using: &random) * 250)))
            case 7: return .isNull("ASSIGNED_BY_ID")
            case 8: return .like("TITLE", "%a%")
            case 9: return .notEqual("STAGE_ID", stage)
            case 10: return .and((0..<Int.random(in: 0...3, using: &random)).map { _ in condition(depth: depth - 1) })
            case 11: return .or((0..<Int.random(in: 0...3, using: &random)).map { _ in condition(depth: depth - 1) })
            default: return .not(condition(depth: depth - 1))
            }
        }

        mutating func query() -> Query {
            let fields: [FieldCode] = ["OPPORTUNITY", "ID", "TITLE", "STAGE_ID", "ASSIGNED_BY_ID"]
            let order = (0..<Int.random(in: 0...2, using: &random)).map { _ in
                SortKey(fields.randomElement(using: &random) ?? "ID", descending: Bool.random(using: &random))
            }
            return Query(
                .deal, filter: Int.random(in: 0..<8, using: &random) == 0 ? nil : condition(depth: 3), order: order,
                limit: Int.random(in: 0..<4, using: &random) == 0 ? nil : Int.random(in: 0...12, using: &random),
                offset: Int.random(in: 0..<3, using: &random) == 0 ? Int.random(in: 0...20, using: &random) : 0,
                select: Int.random(in: 0..<5, using: &random) == 0 ? ["TITLE"] : nil)
        }

        /// The answer computed the slow way: every item loaded by ID, filtered, then paged.
        func expected(_ query: Query) async throws -> QueryResult {
            let resolved = try query.validated()
            var all: [Versioned<AnyItem>] = []
            for id in ids {
                if let item = try await store.load(ItemReference(.deal, id)) { all.append(item) }
            }
            return resolved.page(of: all.filter { resolved.filter?.matches($0.item) ?? true })
        }

        /// Updates or deletes a few items, moving them between buckets and changing their amounts.
        mutating func churn() async throws {
            _ = try await store.commit(try await churnChanges())
        }

        /// The writes of a churn, against the store's current revisions, not committed.
        mutating func churnChanges() async throws -> ChangeSet {
            var writes: [ChangeSet.Write] = []
            for id in Set((0..<8).compactMap { _ in ids.randomElement(using: &random) }).sorted() {
                guard let current = try await store.load(ItemReference(.deal, id)) else { continue }
                if Int.random(in: 0..<4, using: &random) == 0 {
                    writes.append(.delete(current.item.reference, expectedRevision: current.revision))
                } else {
                    writes.append(.update(.deal(deal(id)), expectedRevision: current.revision))
                }
            }
            return ChangeSet(writes: writes)
        }
    }

    @Test("random queries answer as a full scan does", arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func plannedEqualsScan(seed: UInt64) async throws {
        var world = World(random: SeededGenerator(seed: seed))
        world.ids = Array(1...Int64(60 + Int(seed) * 10))
        _ = try await world.store.commit(ChangeSet(writes: world.ids.map { .create(.deal(world.deal($0))) }))
        for round in 0..<4 {
            for _ in 0..<40 {
                let query = world.query()
                let actual = try await world.store.query(query)
                let expected = try await world.expected(query)
                #expect(actual.total == expected.total, "round \(round): \(query)")
                #expect(actual.items == expected.items, "round \(round): \(query)")
            }
            try await world.churn()
        }
    }

    @Test("a stage-and-responsible page is merged from buckets and stays right as items move")
    func bucketsFollowUpdates() async throws {
        let store = InMemoryStore()
        var deals: [Deal] = []
        for id in Int64(1)...12 {
            var deal = Deal()
            deal.id = ItemID(id)
            deal.categoryID = 0
            deal.stageID = id % 2 == 0 ? "NEW" : "WON"
            deal.assignedByID = UserID(id % 3 + 1)
            deal.opportunity = Decimal(id * 100)
            deals.append(deal)
        }
        _ = try await store.commit(ChangeSet(writes: deals.map { .create(.deal($0)) }))
        let query = Query(
            .deal, filter: .and([.equal("STAGE_ID", .string("NEW")), .in("ASSIGNED_BY_ID", [.integer(1), .integer(2)])]),
            order: [.descending("OPPORTUNITY")], limit: 3)
        // NEW: 2, 4, 6, 8, 10, 12; responsible 1 or 2: id % 3 is 0 or 1 → 4, 6, 10, 12.
        #expect(try await store.query(query).items.map(\.item.id) == [12, 10, 6])
        #expect(try await store.query(query).total == 4)
        // Deal 4 becomes the largest; deal 12 leaves the stage.
        deals[3].opportunity = 5_000
        deals[11].stageID = "WON"
        _ = try await store.commit(
            ChangeSet(writes: [.update(.deal(deals[3]), expectedRevision: 1), .update(.deal(deals[11]), expectedRevision: 1)]))
        #expect(try await store.query(query).items.map(\.item.id) == [4, 10, 6])
        #expect(try await store.query(query).total == 3)
    }

    @Test(
        "amounts a Double cannot tell apart still sort exactly",
        arguments: [
            ["1000000000000.0000002", "1000000000000.0000001", "1000000000000.0000003"],
            ["0.30000000000000000001", "0.3", "0.29999999999999999999"],
            ["-5", "-5.000000000000000001", "-4.999999999999999999"],
            ["12345678901234567890.5", "12345678901234567890.25", "12345678901234567890.75"],
        ])
    func exactOrderOfCloseAmounts(amounts: [String]) async throws {
        let store = InMemoryStore()
        var writes: [ChangeSet.Write] = []
        for (index, text) in amounts.enumerated() {
            var deal = Deal()
            deal.id = ItemID(Int64(index + 1))
            deal.stageID = "NEW"
            deal.opportunity = Decimal(string: text)
            writes.append(.create(.deal(deal)))
        }
        _ = try await store.commit(ChangeSet(writes: writes))
        let expected = amounts.indices.sorted { (Decimal(string: amounts[$0]) ?? 0) > (Decimal(string: amounts[$1]) ?? 0) }
            .map { Int64($0 + 1) }
        for filter in [nil, Filter.equal("STAGE_ID", .string("NEW"))] {
            let result = try await store.query(Query(.deal, filter: filter, order: [.descending("OPPORTUNITY")]))
            #expect(result.items.map(\.item.id) == expected)
        }
    }
}
