import CRMKit
import Foundation
import Testing

@Suite("Automation: rules and actions")
struct AutomationRuleTests {
    typealias F = AutomationFixture

    @Test("entering a stage runs its rules in order, recorded with source automation, rule ID and one causation ID")
    func immediateRules() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { automation in
            automation.rules = [
                F.rule("title", "PREPARATION", [.setField("TITLE", .value(.string("Prepared")))]),
                F.rule("begin", "PREPARATION", [.setField("BEGINDATE", .today(offsetDays: 2)), .addComment("Preparation started")]),
                F.rule("probability", "PREPARATION", when: .item(.equal("TITLE", .string("Prepared"))),
                       [.setField("PROBABILITY", .value(.integer(40)))]),
                F.rule("never", "PREPARATION", when: .previous(.equal("STAGE_ID", .string("WON"))), [.setField("PROBABILITY", .value(.integer(99)))]),
            ]
        }
        let created = try await fixture.session.create(Deal())
        let moved = try await fixture.session.move(created.item.id, to: "PREPARATION")
        #expect(moved.item.title == "Prepared")
        #expect(moved.item.beginDate == WorkspaceFixture.date("2026-03-04"))
        #expect(moved.item.probability == 40)
        #expect(moved.revision == 2)
        let timeline = try await fixture.session.timeline(of: ItemReference(created.item.id))
        let lines = F.fieldLines(timeline)
        let byField = Dictionary(lines.map { ($0.field.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byField["TITLE"]?.source == .automation)
        #expect(byField["TITLE"]?.cause == ChangeCause(ruleID: "title", causationID: "deal 1@2"))
        #expect(byField["BEGINDATE"]?.cause?.ruleID == "begin")
        #expect(byField["PROBABILITY"]?.cause?.ruleID == "probability")
        #expect(byField["STAGE_ID"]?.source == .user && byField["STAGE_ID"]?.cause == nil)
        #expect(Set(lines.compactMap(\.cause?.causationID)) == ["deal 1@2"])
        let comment = F.events(timeline).first { if case .comment = $0.kind { true } else { false } }
        #expect(comment?.kind == .comment(text: "Preparation started"))
    }

    @Test("a rule that moves the stage runs the next stage's rules; the stage history has a line per move")
    func chainedStages() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { automation in
            automation.rules = [
                F.rule("to-executing", "PREPARATION", [.moveToStage("EXECUTING"), .setField("COMMENTS", .value(.string("skipped")))]),
                F.rule("after-move", "PREPARATION", [.setField("TITLE", .value(.string("must not run")))]),
                F.rule("executing", "EXECUTING", [.setField("PROBABILITY", .value(.integer(80)))]),
            ]
        }
        let created = try await fixture.session.create(Deal())
        let moved = try await fixture.session.move(created.item.id, to: "PREPARATION")
        #expect(moved.item.stageID == "EXECUTING")
        #expect(moved.item.comments == "skipped")
        #expect(moved.item.title == "Deal #1")
        #expect(moved.item.probability == 80)
        let stages = F.stageLines(try await fixture.session.timeline(of: ItemReference(created.item.id)))
        #expect(stages.map(\.toStage) == ["NEW", "PREPARATION", "EXECUTING"])
        #expect(stages.map(\.source) == [.user, .user, .automation])
        #expect(stages.last?.cause == ChangeCause(ruleID: "to-executing", causationID: "deal 1@2"))
    }

    @Test("rules of the first stage run on create")
    func onCreate() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("new", "NEW", [.addObservers([3, 4]), .addObservers([4, 5])])] }
        let created = try await fixture.session.create(Deal())
        #expect(created.item.observerIDs == [3, 4, 5])
        let stored = try await fixture.session.get(created.item.id)
        #expect(stored.item.observerIDs == [3, 4, 5])
    }

    @Test("a loop is stopped at the depth limit with an error naming its rules, and nothing is committed")
    func loop() async throws {
        let fixture = try await WorkspaceFixture()
        let warnings = try await fixture.session.editAutomation { automation in
            automation.depthLimit = 5
            automation.rules = [
                F.rule("forth", "PREPARATION", [.moveToStage("EXECUTING")]),
                F.rule("back", "EXECUTING", [.moveToStage("PREPARATION")]),
            ]
        }
        #expect(warnings == [AutomationWarning(stages: ["PREPARATION", "EXECUTING"], rules: ["forth", "back"])])
        let created = try await fixture.session.create(Deal())
        let error = await #expect(throws: AutomationError.self) { try await fixture.session.move(created.item.id, to: "PREPARATION") }
        #expect(error?.code == .loop)
        #expect(error?.rules == ["forth", "back"])
        let stored = try await fixture.session.get(created.item.id)
        #expect(stored.revision == 1 && stored.item.stageID == "NEW")
    }

    @Test("responsible selection: a user, in turn, first available, and a random pick that is the same on every run")
    func responsible() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editOrgChart { chart in
            try chart.addUser(OrgUser(id: 4, name: "Away", departments: [1], isActive: false))
            try chart.addUser(OrgUser(id: 5, name: "Here", departments: [1]))
        }
        try await fixture.session.editAutomation { automation in
            automation.rules = [F.rule("turn", "NEW", [.assign(.inTurn([10, 11, 12]))])]
        }
        var assigned: [UserID?] = []
        for _ in 0..<4 { assigned.append(try await fixture.session.create(Deal()).item.assignedByID) }
        #expect(assigned == [10, 11, 12, 10])
        try await fixture.session.editAutomation { $0.rules = [F.rule("first", "NEW", [.assign(.firstAvailable([4, 99, 5]))])] }
        #expect(try await fixture.session.create(Deal()).item.assignedByID == 5)
        try await fixture.session.editAutomation { $0.rules = [F.rule("pick", "NEW", [.assign(.random([20, 21, 22, 23]))])] }
        let picked = try await fixture.session.create(Deal()).item.assignedByID
        #expect(picked.map { [20, 21, 22, 23].contains($0) } == true)
        try await fixture.session.editAutomation { $0.rules = [F.rule("user", "NEW", [.assign(.user(9))])] }
        #expect(try await fixture.session.create(Deal()).item.assignedByID == 9)
    }

    @Test("changing the pipeline moves the item to the pipeline's first stage and runs its rules")
    func changePipeline() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editCatalogs { _ = try $0.addPipeline(for: .deal, name: "Rentals") }
        try await fixture.session.editAutomation { automation in
            automation.rules = [
                F.rule("to-rentals", "PREPARATION", [.moveToPipeline(1, stage: nil)]),
                F.rule("rentals-new", "C1:NEW", [.setField("COMMENTS", .value(.string("welcome to rentals")))]),
            ]
        }
        let created = try await fixture.session.create(Deal())
        let moved = try await fixture.session.move(created.item.id, to: "PREPARATION")
        #expect(moved.item.categoryID == 1)
        #expect(moved.item.stageID == "C1:NEW")
        #expect(moved.item.comments == "welcome to rentals")
        let stages = F.stageLines(try await fixture.session.timeline(of: ItemReference(created.item.id)))
        #expect(stages.last?.kind == .pipelineChanged)
    }

    @Test("a rule whose result fails validation refuses the whole save, naming the field")
    func invalidResult() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("bad", "PREPARATION", [.setField("CURRENCY_ID", .value(.string("XXX")))])] }
        let created = try await fixture.session.create(Deal())
        let error = await #expect(throws: ValidationError.self) { try await fixture.session.move(created.item.id, to: "PREPARATION") }
        #expect(error?.issues.map(\.field) == ["CURRENCY_ID"])
        #expect(try await fixture.session.get(created.item.id).revision == 1)
    }

    static let misfits: [(String, AutomationRule)] = [
        ("unknown stage", F.rule("a", "NOPE", .immediately, [AutomationAction.addComment("x")])),
        ("move to another pipeline's stage", F.rule("a", "NEW", .immediately, [AutomationAction.moveToStage("C9:NEW")])),
        ("unknown pipeline", F.rule("a", "NEW", .immediately, [AutomationAction.moveToPipeline(9, stage: nil)])),
    ]

    @Test("configuration that does not fit the catalogs is refused and nothing is saved", arguments: misfits)
    func invalidConfiguration(name: String, rule: AutomationRule) async throws {
        let fixture = try await WorkspaceFixture()
        let error = await #expect(throws: AutomationError.self) { try await fixture.session.editAutomation { $0.rules = [rule] } }
        #expect(error?.code == .invalidConfiguration, "\(name)")
        #expect(fixture.workspace.configuration.automation.rules.isEmpty)
    }

    @Test("duplicate IDs and contacts are refused")
    func duplicateIDs() async throws {
        let fixture = try await WorkspaceFixture()
        let duplicate = await #expect(throws: AutomationError.self) {
            try await fixture.session.editAutomation { $0.rules = [F.rule("a", "NEW", []), F.rule("a", "WON", [])] }
        }
        #expect(duplicate?.rules == ["a"])
        let contact = await #expect(throws: AutomationError.self) {
            try await fixture.session.editAutomation { $0.rules = [AutomationRule(id: "c", entityType: .contact, stage: "NEW", actions: [])] }
        }
        #expect(contact?.code == .invalidConfiguration)
    }

    @Test("rules and triggers are stored configuration: a reopened workspace has them")
    func persisted() async throws {
        let fixture = try await WorkspaceFixture()
        let rule = F.rule("r", "PREPARATION", .relative(to: "CLOSEDATE", offsetSeconds: -86_400),
                          when: .all([.item(.greater("OPPORTUNITY", .decimal(10))), .not(.previous(.isNull("TITLE")))]),
                          [.emit(.webhook(url: "https://example.com/h", payload: ["k": "v"])), .custom(name: "x", parameters: ["a": "b"])])
        let trigger = AutomationTrigger(id: "t", entityType: .deal, stage: "WON", event: .fieldChanged(["OPPORTUNITY"]), allowsMovingBack: true)
        try await fixture.session.editAutomation { $0.rules = [rule]; $0.triggers = [trigger] }
        let reopened = try await Workspace.open(store: fixture.store, accessPolicy: .unrestricted)
        #expect(reopened.configuration.automation.rules == [rule])
        #expect(reopened.configuration.automation.triggers == [trigger])
    }

    @Test("app-defined actions and conditions run by name")
    func customExtensions() async throws {
        struct Shout: AutomationActionHandler {
            let name = "shout"
            func perform(_ parameters: [String: String], on item: inout AnyItem, context: AutomationActionContext) throws -> [AutomationEffect] {
                if case .deal(var deal) = item {
                    deal.title = (deal.title ?? "").uppercased() + (parameters["suffix"] ?? "")
                    item = .deal(deal)
                }
                return []
            }
        }
        struct BigDeal: AutomationConditionEvaluator {
            let name = "big"
            func holds(_ parameters: [String: String], item: AnyItem, previous: AnyItem?) -> Bool {
                item.value(of: "OPPORTUNITY") == .decimal(Decimal(string: parameters["over"] ?? "0") ?? 0) || parameters["over"] == "any"
            }
        }
        let fixture = try await WorkspaceFixture(automation: AutomationExtensions(actions: [Shout()], conditions: [BigDeal()]))
        try await fixture.session.editAutomation { automation in
            automation.rules = [
                F.rule("shout", "NEW", when: .custom(name: "big", parameters: ["over": "any"]), [.custom(name: "shout", parameters: ["suffix": "!"])]),
                F.rule("quiet", "NEW", when: .custom(name: "unknown", parameters: [:]), [.setField("TITLE", .value(.string("no")))]),
            ]
        }
        var deal = Deal()
        deal.title = "acme"
        #expect(try await fixture.session.create(deal).item.title == "ACME!")
    }
}

@Suite("Automation: conditions and entity types")
struct AutomationConditionTests {
    typealias F = AutomationFixture

    /// Conditions on a deal of 500 EUR moved from NEW to PREPARATION by user 7.
    static let conditions: [(String, AutomationCondition, Bool)] = [
        ("new value", .item(.greater("OPPORTUNITY", .decimal(100))), true),
        ("new value fails", .item(.greater("OPPORTUNITY", .decimal(1_000))), false),
        ("previous value", .previous(.equal("STAGE_ID", .string("NEW"))), true),
        ("previous value fails", .previous(.equal("STAGE_ID", .string("PREPARATION"))), false),
        ("all", .all([.item(.equal("ASSIGNED_BY_ID", .integer(7))), .previous(.isNotNull("TITLE"))]), true),
        ("all with one false", .all([.item(.equal("ASSIGNED_BY_ID", .integer(7))), .previous(.isNull("TITLE"))]), false),
        ("any", .any([.item(.equal("ASSIGNED_BY_ID", .integer(8))), .item(.like("TITLE", "%refit%"))]), true),
        ("any all false", .any([.item(.equal("ASSIGNED_BY_ID", .integer(8))), .item(.like("TITLE", "%kitchen%"))]), false),
        ("not", .not(.item(.in("CURRENCY_ID", [.string("USD")]))), true),
        ("empty all", .all([]), true),
        ("empty any", .any([]), false),
        ("unknown custom condition", .custom(name: "nobody", parameters: [:]), false),
    ]

    @Test("a rule runs exactly when its condition holds", arguments: conditions)
    func condition(name: String, condition: AutomationCondition, runs: Bool) async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("r", "PREPARATION", when: condition, [.setField("PROBABILITY", .value(.integer(11)))])] }
        var deal = Deal()
        deal.title = "Showroom refit"
        deal.opportunity = 500
        let created = try await fixture.session.create(deal)
        let moved = try await fixture.session.move(created.item.id, to: "PREPARATION")
        #expect(moved.item.probability == (runs ? 11 : nil), "\(name)")
    }

    @Test("leads, quotes and invoices have rules too", arguments: [EntityType.lead, .quote, .invoice])
    func entityTypes(type: EntityType) async throws {
        let fixture = try await WorkspaceFixture()
        let stage = try #require(fixture.workspace.catalogs.stageBook(for: type)?.initialEntry?.id)
        try await fixture.session.editAutomation {
            $0.rules = [AutomationRule(id: "t", entityType: type, stage: stage, actions: [.setField("TITLE", .value(.string("automated")))])]
        }
        let title: String?
        switch type {
        case .lead: title = try await fixture.session.create(Lead()).item.title
        case .quote:
            var quote = Quote()
            quote.title = "Offer"  // a quote's title is required on input
            title = try await fixture.session.create(quote).item.title
        default: title = try await fixture.session.create(Invoice()).item.title
        }
        #expect(title == "automated")
    }

    @Test("imports do not run automation (every row is checked before any is written)")
    func importsSkipRules() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("r", "NEW", [.setField("PROBABILITY", .value(.integer(11)))])] }
        let directory = TemporaryDirectory("automation-import")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending("deals.jsonl")
        try Data((#"{"TITLE":"Imported","STAGE_ID":"NEW"}"# + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let report = try await fixture.session.importItems(.deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal))
        #expect(report.created.count == 1)
        let page = try await fixture.session.list(Deal.self)
        #expect(page.items.map(\.item.title) == ["Imported"])
        #expect(page.items.first?.item.probability == nil)
        #expect(try await fixture.session.create(Deal()).item.probability == 11)
    }

    @Test("a Filter survives a JSON round trip in every form")
    func filterCodable() throws {
        let filter: Filter = .and([
            .equal("STAGE_ID", .string("WON")), .notEqual("A", .null), .less("B", .integer(1)), .lessOrEqual("C", .decimal(2)),
            .greater("D", .date(WorkspaceFixture.date("2026-01-02"))), .greaterOrEqual("E", .bool(true)),
            .in("F", [.integer(1), .integer(2)]), .notIn("G", []), .like("H", "%x%"), .isNull("I"), .isNotNull("J"),
            .or([.not(.equal("K", .string("k")))]),
        ])
        let data = try JSONEncoder().encode(filter)
        #expect(try JSONDecoder().decode(Filter.self, from: data) == filter)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Filter.self, from: Data(#"{"op":"between","field":"A"}"#.utf8)) }
    }
}
