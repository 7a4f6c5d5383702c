import CRMKit
import Foundation

extension StoreContract {
    /// 400 deals with seeded random values, some fields empty.
    static func randomDeals() -> [Deal] {
        var random = SeededGenerator(seed: 0x5EED_C0DE)
        let stages: [StatusID] = ["NEW", "PREPARATION", "EXECUTING", "WON", "LOSE"]
        let words = ["Acme", "Rossi", "Bianchi", "Globex", "Initech", "Umbrella", "Stark", "Wayne"]
        let base = Timestamp(iso8601: "2024-01-01T00:00:00Z")?.millisecondsSince1970 ?? 0
        let firstDay = CalendarDate(year: 2024, month: 1, day: 1)?.daysSince1970 ?? 0
        return (1...400).map { index in
            deal(Int64(index)) { deal in
                deal.title = Bool.random(using: &random) || index % 7 == 0
                    ? "\(words.randomElement(using: &random) ?? "x") deal \(index)" : nil
                deal.stageID = stages.randomElement(using: &random)
                deal.assignedByID = index % 11 == 0 ? nil : UserID(Int64.random(in: 1...8, using: &random))
                deal.opportunity = index % 9 == 0 ? nil : Decimal(Int.random(in: 0...500_000, using: &random)) / 100
                deal.probability = index % 5 == 0 ? nil : Int.random(in: 0...100, using: &random)
                deal.contactIDs = (0..<Int.random(in: 0...3, using: &random)).map { _ in ItemID(Int64.random(in: 1...20, using: &random)) }
                deal.companyID = index % 3 == 0 ? nil : ItemID(Int64.random(in: 1...10, using: &random))
                deal.closeDate = index % 4 == 0 ? nil : CalendarDate(daysSince1970: firstDay + Int64.random(in: 0...1000, using: &random))
                deal.createdTime = Timestamp(millisecondsSince1970: base + Int64.random(in: 0...(86_400_000 * 900), using: &random))
                deal.isRecurring = Bool.random(using: &random)
            }
        }
    }

    struct FilterCase: Sendable {
        let name: String
        let filter: Filter
        let expected: @Sendable (Deal) -> Bool
    }

    static let mid = Decimal(2_500)
    static let day = CalendarDate(year: 2025, month: 3, day: 1) ?? CalendarDate(daysSince1970: 0)
    static let instant = Timestamp(iso8601: "2025-01-01T00:00:00+01:00") ?? Timestamp(millisecondsSince1970: 0)

    static let filterCases: [FilterCase] = [
        FilterCase(name: "= on an indexed stage", filter: .equal("STAGE_ID", .string("WON"))) { $0.stageID == "WON" },
        FilterCase(name: "= by crm.item key", filter: .equal("stageId", .string("LOSE"))) { $0.stageID == "LOSE" },
        FilterCase(name: "!= includes empty values", filter: .notEqual("ASSIGNED_BY_ID", .integer(3))) { $0.assignedByID != 3 },
        FilterCase(name: "< on a decimal", filter: .less("OPPORTUNITY", .decimal(mid))) { ($0.opportunity.map { $0 < mid }) ?? false },
        FilterCase(name: "<= on an integer", filter: .lessOrEqual("PROBABILITY", .integer(30))) { ($0.probability.map { $0 <= 30 }) ?? false },
        FilterCase(name: "> on a decimal with an integer", filter: .greater("OPPORTUNITY", .integer(4000))) { ($0.opportunity.map { $0 > 4000 }) ?? false },
        FilterCase(name: ">= on a date", filter: .greaterOrEqual("CLOSEDATE", .date(day))) { ($0.closeDate.map { $0 >= day }) ?? false },
        FilterCase(name: "< on a date-time", filter: .less("DATE_CREATE", .dateTime(instant))) { ($0.createdTime.map { $0 < instant }) ?? false },
        FilterCase(name: "in on an indexed user", filter: .in("ASSIGNED_BY_ID", [.integer(1), .integer(5)])) { [1, 5].contains($0.assignedByID) },
        FilterCase(name: "not in", filter: .notIn("STAGE_ID", [.string("WON"), .string("LOSE")])) { !["WON", "LOSE"].contains($0.stageID) },
        FilterCase(name: "= on a multiple field matches any value", filter: .equal("CONTACT_IDS", .integer(7))) { $0.contactIDs.contains(7) },
        FilterCase(name: "in on a multiple field", filter: .in("contactIds", [.integer(2), .integer(3)])) { $0.contactIDs.contains(2) || $0.contactIDs.contains(3) },
        FilterCase(name: "like, ignoring case", filter: .like("TITLE", "%ROSSI%")) { $0.title?.lowercased().contains("rossi") ?? false },
        FilterCase(name: "like with _ and a prefix", filter: .like("TITLE", "acm_ deal 1%")) { ($0.title?.lowercased().hasPrefix("acme deal 1")) ?? false },
        FilterCase(name: "contains escapes wildcards", filter: .contains("TITLE", "deal 1_")) { _ in false },
        FilterCase(name: "is null", filter: .isNull("COMPANY_ID")) { $0.companyID == nil },
        FilterCase(name: "is not null on a multiple field", filter: .isNotNull("CONTACT_IDS")) { !$0.contactIDs.isEmpty },
        FilterCase(name: "= null means empty", filter: .equal("TITLE", .null)) { $0.title == nil },
        FilterCase(name: "= on a boolean", filter: .equal("IS_RECURRING", .bool(true))) { $0.isRecurring },
        FilterCase(
            name: "and over indexed and unindexed fields",
            filter: .and([.equal("STAGE_ID", .string("NEW")), .in("ASSIGNED_BY_ID", [.integer(2), .integer(4)]), .greater("OPPORTUNITY", .decimal(mid))])
        ) { $0.stageID == "NEW" && [2, 4].contains($0.assignedByID) && ($0.opportunity.map { $0 > mid } ?? false) },
        FilterCase(
            name: "or of indexed fields",
            filter: .or([.equal("STAGE_ID", .string("WON")), .equal("ASSIGNED_BY_ID", .integer(8))])
        ) { $0.stageID == "WON" || $0.assignedByID == 8 },
        FilterCase(
            name: "or with an unindexed branch",
            filter: .or([.equal("STAGE_ID", .string("WON")), .less("PROBABILITY", .integer(10))])
        ) { $0.stageID == "WON" || ($0.probability.map { $0 < 10 } ?? false) },
        FilterCase(name: "not", filter: .not(.equal("STAGE_ID", .string("NEW")))) { $0.stageID != "NEW" },
        FilterCase(name: "empty and is everything", filter: .and([])) { _ in true },
        FilterCase(name: "empty or is nothing", filter: .or([])) { _ in false },
        FilterCase(
            name: "nested not, and, or",
            filter: .and([.not(.or([.isNull("CLOSEDATE"), .equal("STAGE_ID", .string("LOSE"))])), .notIn("ASSIGNED_BY_ID", [.integer(1)])])
        ) { !($0.closeDate == nil || $0.stageID == "LOSE") && $0.assignedByID != 1 },
        FilterCase(name: "user field", filter: .equal("UF_CRM_REGION", .integer(2))) { $0.customFields["UF_CRM_REGION"] == .integer(2) },
    ]

    static let topPages = Check("small pages of a large list are the same slice as a full sort") { store, context in
        let deals = randomDeals()
        try await create(deals, in: store)
        let orders: [[SortKey]] = [
            [.descending("OPPORTUNITY")], [.ascending("TITLE")], [.ascending("STAGE_ID"), .descending("PROBABILITY")],
            [.descending("CLOSEDATE"), .ascending("ASSIGNED_BY_ID")], [],
        ]
        for order in orders {
            let all = try await store.query(Query(.deal, order: order)).items.map(\.item.id)
            try context.expect(all.count == deals.count, "full list of \(order)")
            for (limit, offset) in [(1, 0), (10, 0), (10, 5), (20, 30), (3, 398), (50, 0)] {
                let page = try await store.query(Query(.deal, order: order, limit: limit, offset: offset))
                let expected = Array(all[min(offset, all.count)..<min(all.count, offset + limit)])
                try context.expect(page.items.map(\.item.id) == expected, "limit \(limit) offset \(offset) by \(order)")
                try context.expect(page.total == deals.count, "total with limit \(limit)")
            }
        }
        let sorted = deals.sorted { ($0.opportunity ?? -1, $1.id.rawValue) > ($1.opportunity ?? -1, $0.id.rawValue) }.prefix(5).map(\.id.rawValue)
        let top = try await store.query(Query(.deal, order: [.descending("OPPORTUNITY")], limit: 5)).items.map(\.item.id)
        try context.expect(top == sorted, "top 5 by amount: \(top), expected \(sorted)")
    }

    static let filterChecks: [Check] = filterCases.map { filterCase in
        Check("filter '\(filterCase.name)' matches a brute-force evaluation") { store, context in
            var deals = randomDeals()
            for index in deals.indices where index % 4 == 0 { deals[index].customFields["UF_CRM_REGION"] = .integer(Int64(index % 3)) }
            try await create(deals, in: store)
            let expected = deals.filter(filterCase.expected).map(\.id.rawValue).sorted()
            let result = try await store.query(Query(.deal, filter: filterCase.filter, order: [.ascending("ID")]))
            let found = result.items.map(\.item.id)
            try context.expect(found == expected, "found \(found.count) items, expected \(expected.count); first differences: \(Array(Set(found).symmetricDifference(expected).sorted().prefix(5)))")
            try context.expect(result.total == expected.count, "total \(result.total), expected \(expected.count)")
            try context.expect(!expected.isEmpty || filterCase.name.contains("nothing") || filterCase.name.contains("escapes"), "the case selects nothing; the data do not exercise it")
        }
    }
}
