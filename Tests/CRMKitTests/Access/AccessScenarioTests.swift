import CRMKit
import Foundation
import Testing

@Suite("Access: scenarios")
struct AccessScenarioTests {
    /// Sales (head 10) with Sales Italy (head 12) below it and Sales Rome below that; roles given through U, D
    /// and DR; deals with observers and a stage-specific READ; an open lead; READ, WRITE, ADD, TRANSITION and
    /// DELETE checks.
    static let scenario = """
        {
          "departments": [
            {"id": 1, "name": "Company", "parent": null, "head": 1},
            {"id": 2, "name": "Sales", "parent": 1, "head": 10},
            {"id": 3, "name": "Sales Italy", "parent": 2, "head": 12},
            {"id": 4, "name": "Sales Rome", "parent": 3}
          ],
          "users": [
            {"id": 1, "name": "Admin", "departments": [1], "admin": true},
            {"id": 10, "departments": [2]},
            {"id": 11, "departments": [2], "admin": "N"},
            {"id": 12, "departments": [3]},
            {"id": 13, "departments": [4]},
            {"id": 14, "departments": [3], "active": false},
            {"id": 15, "departments": [1], "active": "Y"},
            {"id": 16, "departments": [3]}
          ],
          "roles": [
            {"id": 1, "name": "Manager",
             "permissions": [
               {"entity": "DEAL", "op": "READ", "attr": "D"},
               {"entity": "DEAL", "op": "ADD", "attr": "A"},
               {"entity": "DEAL", "op": "WRITE", "attr": "D"},
               {"entity": "DEAL", "op": "TRANSITION", "field": "STAGE_ID", "value": "NEW", "settings": ["PREPARATION", "LOSE"]},
               {"entity": "DEAL", "op": "TRANSITION", "settings": "BLOCKED"}
             ],
             "relations": ["U10", "D2"]},
            {"id": 2, "name": "Italy",
             "permissions": [
               {"entity": "DEAL", "op": "READ", "attr": "F"},
               {"entity": "DEAL", "op": "READ", "attr": "X", "field": "STAGE_ID", "value": "WON"},
               {"entity": "LEAD", "op": "READ", "attr": "O"},
               {"entity": "LEAD", "op": "ADD", "attr": "D"},
               {"entity": "DEAL", "op": "TRANSITION", "field": "STAGE_ID", "value": "WON"}
             ],
             "relations": ["DR3"]},
            {"id": 3, "name": "Watcher", "permissions": [{"entity": "DEAL", "op": "READ", "attr": "A"}], "relations": ["U15"]}
          ],
          "items": [
            {"entityTypeId": 2, "fields": {"ID": 1, "STAGE_ID": "NEW", "ASSIGNED_BY_ID": 11, "OBSERVERS": [15]}},
            {"entityTypeId": 2, "fields": {"ID": 2, "STAGE_ID": "WON", "ASSIGNED_BY_ID": "1"}},
            {"entityTypeId": 2, "fields": {"ID": 3, "STAGE_ID": "EXECUTING", "ASSIGNED_BY_ID": 13, "OPENED": "Y"}},
            {"entityTypeId": 1, "fields": {"ID": 1, "STATUS_ID": "NEW", "ASSIGNED_BY_ID": 10, "OPENED": "Y"}}
          ],
          "checks": [
            {"user": 11, "op": "READ", "entityTypeId": 2, "id": 1},
            {"user": 10, "op": "READ", "entityTypeId": 2, "id": 1},
            {"user": 10, "op": "READ", "entityTypeId": 2, "id": 3},
            {"user": 11, "op": "READ", "entityTypeId": 2, "id": 3},
            {"user": 16, "op": "READ", "entityTypeId": 2, "id": 3},
            {"user": 13, "op": "READ", "entityTypeId": 2, "id": 2},
            {"user": 16, "op": "READ", "entityTypeId": 2, "id": 1},
            {"user": 15, "op": "READ", "entityTypeId": 2, "id": 1},
            {"user": 15, "op": "WRITE", "entityTypeId": 2, "id": 1},
            {"user": 14, "op": "READ", "entityTypeId": 2, "id": 3},
            {"user": 11, "op": "ADD", "entityTypeId": 2, "fields": {"ASSIGNED_BY_ID": 10, "STAGE_ID": "NEW"}},
            {"user": 13, "op": "ADD", "entityTypeId": 1, "fields": {"ASSIGNED_BY_ID": 11}},
            {"user": 16, "op": "ADD", "entityTypeId": 1, "fields": {"ASSIGNED_BY_ID": 12}},
            {"user": 10, "op": "TRANSITION", "entityTypeId": 2, "id": 1, "to": "PREPARATION"},
            {"user": 10, "op": "TRANSITION", "entityTypeId": 2, "id": 1, "to": "WON"},
            {"user": 16, "op": "READ", "entityTypeId": 1, "id": 1},
            {"user": 1, "op": "DELETE", "entityTypeId": 2, "id": 3},
            {"user": 99, "op": "READ", "entityTypeId": 2, "id": 3}
          ]
        }
        """

    /// allowed, level, attribute, roles, a word of the explanation, forced responsible.
    typealias Expected = (Bool, PermissionLevel, AccessAttribute, [String], String, UserID?)

    static let expected: [Expected] = [
        (true, .department, .responsible, ["Manager"], "the user is the responsible person", nil),
        (true, .department, .department, ["Manager"], "responsible 11 is in one of the user's departments", nil),
        (true, .department, .headOf, ["Manager"], "the user heads a department responsible 13 is in", nil),
        (false, .department, .none, ["Manager"], "level D does not reach responsible 13", nil),
        (true, .subDepartments, .subDepartment, ["Italy"], "responsible 13 is in a sub-department", nil),
        (true, .all, .all, ["Italy"], "DEAL[WON] READ X", nil),
        (false, .subDepartments, .none, ["Italy"], "level F does not reach responsible 11", nil),
        (true, .own, .observer, ["Watcher"], "as an observer", nil),
        (false, .own, .none, ["Watcher"], "observers may only read", nil),
        (false, .none, .none, [], "user 14 is inactive", nil),
        (true, .own, .responsible, ["Manager"], "becomes the responsible person", 11),
        (false, .department, .none, ["Italy"], "responsible 11 is outside level D", nil),
        (true, .department, .department, ["Italy"], "user 16 may ADD LEAD at level D", nil),
        (true, .department, .department, ["Manager"], "user 10 may TRANSITION deal 1", nil),
        (false, .department, .department, ["Manager"], "from NEW the TRANSITION setting allows LOSE, PREPARATION, not WON", nil),
        (true, .open, .opened, ["Italy"], "the item is available to everyone", nil),
        (true, .all, .administrator, [], "portal administrator", nil),
        (false, .none, .none, [], "user 99 is not in the org chart", nil),
    ]

    @Test("a scenario parses into the org chart, roles, items and checks it describes")
    func parse() throws {
        let scenario = try AccessScenario(json: Self.scenario)
        #expect(scenario.orgChart.departments.count == 4)
        #expect(scenario.orgChart.departments[3]?.parent == 2)
        #expect(scenario.orgChart.departments[3]?.head == 12)
        #expect(scenario.orgChart.users[1]?.isPortalAdministrator == true)
        #expect(scenario.orgChart.users[11]?.isPortalAdministrator == false)
        #expect(scenario.orgChart.users[14]?.isActive == false)
        #expect(scenario.orgChart.users[15]?.isActive == true)
        #expect(scenario.orgChart.subordinates(of: 10) == [10, 11, 12, 13, 14, 16])
        #expect(scenario.roles.map(\.name) == ["Manager", "Italy", "Watcher"])
        #expect(scenario.roles[0].members == [.user(10), .department(2)])
        #expect(scenario.roles[1].members == [.departmentWithSubdepartments(3)])
        #expect(scenario.roles[0].permissions[3] == RolePermission(
            entity: "DEAL", operation: .transition, stage: "NEW", transition: .stages(["PREPARATION", "LOSE"])))
        #expect(scenario.roles[0].permissions[4] == RolePermission(entity: "DEAL", operation: .transition, transition: .blocked))
        #expect(scenario.roles[1].permissions[1] == RolePermission(entity: "DEAL", operation: .read, level: .all, stage: "WON"))
        #expect(scenario.roles[1].permissions[4].transition == .inherit, "a TRANSITION row without settings inherits")
        #expect(scenario.items.map(\.reference) == [
            ItemReference(.deal, 1), ItemReference(.deal, 2), ItemReference(.deal, 3), ItemReference(.lead, 1),
        ])
        let first = try #require(scenario.items[0].entity(as: Deal.self))
        #expect(first.observerIDs == [15])
        #expect(first.assignedByID == 11)
        #expect(scenario.items[1].entity(as: Deal.self)?.assignedByID == 1, "a number in a string is read as a number")
        #expect(scenario.items[3].entity(as: Lead.self)?.isOpened == true)
        #expect(scenario.checks.count == Self.expected.count)
        #expect(scenario.checks[13].targetStage == "PREPARATION")
        #expect(scenario.checks[10].operation == .add)
        #expect(scenario.checks[10].item.entityType == .deal)
        #expect(scenario.checks[0].targetStage == nil)
    }

    @Test("every check of the scenario gets the expected decision")
    func run() throws {
        let scenario = try AccessScenario(json: Self.scenario)
        let decisions = scenario.run()
        #expect(decisions.count == Self.expected.count)
        for (index, (decision, expected)) in zip(decisions, Self.expected).enumerated() {
            let (allowed, level, attribute, roles, word, forced) = expected
            let context = "check \(index): \(decision.explanation)"
            #expect(decision.isAllowed == allowed, "\(context)")
            #expect(decision.level == level, "\(context)")
            #expect(decision.attribute == attribute, "\(context)")
            #expect(decision.roles == roles, "\(context)")
            #expect(decision.explanation.contains(word), "\(context)")
            #expect(decision.forcedResponsible == forced, "\(context)")
        }
        // The decisions are the policy's, for the stored subject of each item.
        let check = scenario.checks[1]
        let subject = AccessSubject(try #require(check.item.entity(as: Deal.self)))
        #expect(scenario.policy.decide(AccessRequest(user: check.user, operation: check.operation, subject: subject)) == decisions[1])
    }

    @Test("an empty scenario with only the required parts")
    func minimal() throws {
        let scenario = try AccessScenario(json: #"{"departments": [], "users": [], "roles": []}"#)
        #expect(scenario.orgChart == OrgChart())
        #expect(scenario.roles.isEmpty && scenario.items.isEmpty && scenario.checks.isEmpty)
        #expect(scenario.run().isEmpty)
    }

    // MARK: Malformed scenarios

    /// A small valid scenario with one part replaced.
    static func scenario(
        departments: String = #"[{"id": 1, "name": "Sales", "head": 10}]"#,
        users: String = #"[{"id": 10, "departments": [1]}]"#,
        roles: String = #"[{"id": 1, "name": "Manager", "permissions": [{"entity": "DEAL", "op": "READ", "attr": "D"}], "relations": ["U10", "D1"]}]"#,
        items: String = #"[{"entityTypeId": 2, "fields": {"ID": 1, "STAGE_ID": "NEW", "ASSIGNED_BY_ID": 10}}]"#,
        checks: String = #"[{"user": 10, "op": "READ", "entityTypeId": 2, "id": 1}]"#
    ) -> String {
        #"{"departments": \#(departments), "users": \#(users), "roles": \#(roles), "items": \#(items), "checks": \#(checks)}"#
    }

    static let malformed: [(String, String, String)] = [
        ("bad level letter",
         scenario(roles: #"[{"id": 1, "permissions": [{"entity": "DEAL", "op": "READ", "attr": "D"}, {"entity": "DEAL", "op": "WRITE", "attr": "Z"}]}]"#),
         "$.roles[0].permissions[1].attr"),
        ("unknown operation in a role",
         scenario(roles: #"[{"id": 1, "permissions": [{"entity": "DEAL", "op": "EDIT", "attr": "D"}]}]"#), "$.roles[0].permissions[0].op"),
        ("unknown operation in a check", scenario(checks: #"[{"user": 10, "op": "VIEW", "entityTypeId": 2, "id": 1}]"#), "$.checks[0].op"),
        ("bad relation code",
         scenario(roles: #"[{"id": 1, "permissions": [], "relations": ["U10", "G5"]}]"#), "$.roles[0].relations[1]"),
        ("relation that is not a string",
         scenario(roles: #"[{"id": 1, "permissions": [], "relations": [10]}]"#), "$.roles[0].relations[0]"),
        ("missing department id", scenario(departments: #"[{"id": 1, "name": "A"}, {"name": "B"}]"#), "$.departments[1].id"),
        ("missing role id", scenario(roles: #"[{"name": "Manager", "permissions": []}]"#), "$.roles[0].id"),
        ("missing user id", scenario(users: #"[{"departments": [1]}]"#), "$.users[0].id"),
        ("missing check user", scenario(checks: #"[{"op": "READ", "entityTypeId": 2, "id": 1}]"#), "$.checks[0].user"),
        ("unknown field in item fields",
         scenario(items: #"[{"entityTypeId": 2, "fields": {"ID": 1, "FOO": 5}}]"#), "$.items[0].fields.FOO"),
        ("wrong value type in item fields",
         scenario(items: #"[{"entityTypeId": 2, "fields": {"ID": 1, "ASSIGNED_BY_ID": "abc"}}]"#), "$.items[0].fields.ASSIGNED_BY_ID"),
        ("wrong value type of a flag", scenario(users: #"[{"id": 10, "departments": [1], "active": 5}]"#), "$.users[0].active"),
        ("wrong value type of an id", scenario(departments: #"[{"id": "one", "name": "Sales"}]"#), "$.departments[0].id"),
        ("a department that is not a number", scenario(users: #"[{"id": 10, "departments": ["Sales"]}]"#), "$.users[0].departments[0]"),
        ("fields that are not an object", scenario(items: #"[{"entityTypeId": 2, "fields": [1]}]"#), "$.items[0].fields"),
        ("check referring to a missing item", scenario(checks: #"[{"user": 10, "op": "READ", "entityTypeId": 2, "id": 7}]"#), "$.checks[0].id"),
        ("check referring to an item of another type",
         scenario(checks: #"[{"user": 10, "op": "READ", "entityTypeId": 1, "id": 1}]"#), "$.checks[0].id"),
        ("unknown entityTypeId of an item", scenario(items: #"[{"entityTypeId": 99, "fields": {"ID": 1}}]"#), "$.items[0].entityTypeId"),
        ("unknown entityTypeId of a check", scenario(checks: #"[{"user": 10, "op": "READ", "entityTypeId": 99, "id": 1}]"#), "$.checks[0].entityTypeId"),
        ("a target stage that is not a string",
         scenario(checks: #"[{"user": 10, "op": "TRANSITION", "entityTypeId": 2, "id": 1, "to": 5}]"#), "$.checks[0].to"),
        ("bad transition settings",
         scenario(roles: #"[{"id": 1, "permissions": [{"entity": "DEAL", "op": "TRANSITION", "settings": "SOMETIMES"}]}]"#),
         "$.roles[0].permissions[0].settings"),
        ("a transition stage that is not a string",
         scenario(roles: #"[{"id": 1, "permissions": [{"entity": "DEAL", "op": "TRANSITION", "settings": ["WON", 3]}]}]"#),
         "$.roles[0].permissions[0].settings[1]"),
        ("a stage-specific row on another field",
         scenario(roles: #"[{"id": 1, "permissions": [{"entity": "DEAL", "op": "READ", "attr": "X", "field": "CATEGORY_ID", "value": "3"}]}]"#),
         "$.roles[0].permissions[0].field"),
        ("a stage-specific row without a value",
         scenario(roles: #"[{"id": 1, "permissions": [{"entity": "DEAL", "op": "READ", "attr": "X", "field": "STAGE_ID"}]}]"#),
         "$.roles[0].permissions[0].value"),
        ("missing permission entity", scenario(roles: #"[{"id": 1, "permissions": [{"op": "READ", "attr": "X"}]}]"#), "$.roles[0].permissions[0].entity"),
        ("missing roles", #"{"departments": [], "users": []}"#, "$.roles"),
        ("departments that are not an array", #"{"departments": {}, "users": [], "roles": []}"#, "$.departments"),
        ("an inconsistent org chart", scenario(departments: #"[{"id": 1, "name": "Sales", "parent": 2}]"#), "$"),
        ("invalid JSON", #"{"departments": [, "users": []}"#, "$"),
        ("not JSON at all", "departments: []", "$"),
    ]

    @Test("malformed scenarios name the JSON path of the problem", arguments: malformed)
    func malformedScenario(_ name: String, _ text: String, _ path: String) {
        let error = #expect(throws: ScenarioError.self, "\(name)") { try AccessScenario(json: text) }
        #expect(error?.path == path, "\(name): \(String(describing: error))")
        #expect(error?.message.isEmpty == false, "\(name)")
        if let error { #expect(error.description == "\(error.path): \(error.message)") }
    }

    @Test("the base of the malformed scenarios is valid")
    func base() throws {
        let scenario = try AccessScenario(json: Self.scenario())
        #expect(scenario.run().map(\.isAllowed) == [true])
        #expect(scenario.run().first?.attribute == .responsible)
    }

    @Test("error messages say what is wrong")
    func messages() {
        func message(_ text: String) -> String {
            do {
                _ = try AccessScenario(json: text)
                return ""
            } catch {
                return error.message
            }
        }
        #expect(message(Self.scenario(roles: #"[{"id": 1, "permissions": [{"entity": "DEAL", "op": "READ", "attr": "Z"}]}]"#))
            .contains("unknown level 'Z'"))
        #expect(message(Self.scenario(checks: #"[{"user": 10, "op": "READ", "entityTypeId": 2, "id": 7}]"#)).contains("no deal 7"))
        #expect(message(Self.scenario(items: #"[{"entityTypeId": 99, "fields": {}}]"#)).contains("unknown entity type 99"))
        #expect(message(Self.scenario(items: #"[{"entityTypeId": 2, "fields": {"FOO": 1}}]"#)).contains("has no field FOO"))
        #expect(message(Self.scenario(departments: #"[{"id": 1, "name": "Sales", "parent": 2}]"#)).contains("inconsistent org chart"))
    }
}
