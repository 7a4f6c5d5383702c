import CRMKit
import Foundation
import Testing

@Suite("Access: org chart and role presets")
struct OrgChartTests {
    /// Runs an edit that must be refused with `code`, and checks it left the chart as it was.
    static func refuse(
        _ code: OrgChartError.Code, _ chart: inout OrgChart, sourceLocation: SourceLocation = #_sourceLocation,
        _ edit: (inout OrgChart) throws -> Void
    ) {
        let before = chart
        do {
            try edit(&chart)
            Issue.record("the edit was accepted", sourceLocation: sourceLocation)
        } catch let error as OrgChartError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
        #expect(chart == before, "a refused edit changes nothing", sourceLocation: sourceLocation)
    }

    @Test("the fixture chart: subtree, members, heads and subordinates")
    func questions() throws {
        let chart = try AccessFixture.orgChart()
        #expect(chart.departments.count == 7)
        #expect(chart.users.count == AccessFixture.users.count)
        #expect(chart.subtree(of: 1) == [1, 2, 3, 4, 5, 6, 7])
        #expect(chart.subtree(of: 2) == [2, 3, 4, 5, 7])
        #expect(chart.subtree(of: 3) == [3, 5, 7])
        #expect(chart.subtree(of: 7) == [7])
        #expect(chart.members(of: [3]) == [30, 31, 32])
        #expect(chart.members(of: [6]) == [32, 60, 61, 62])
        #expect(chart.members(of: [2, 7]) == [20, 21, 22, 23, 62, 71, 80])
        #expect(chart.members(of: []).isEmpty)
        #expect(chart.departmentsHeaded(by: 20) == [2])
        #expect(chart.departmentsHeaded(by: 21).isEmpty)
        #expect(chart.subordinates(of: 20) == [20, 21, 22, 23, 30, 31, 32, 40, 41, 50, 51, 62, 71, 80])
        #expect(chart.subordinates(of: 30) == [30, 31, 32, 50, 51, 71])
        #expect(chart.subordinates(of: 50) == [50, 51, 71])
        #expect(chart.subordinates(of: 21).isEmpty)
        #expect(chart.subordinates(of: 1) == Set(AccessFixture.users.map(\.id)))
        #expect(chart.departments[5]?.parent == 3)
        #expect(chart.departments[5]?.head == 50)
        #expect(chart.users[80]?.isActive == false)
        #expect(chart.users[1]?.isPortalAdministrator == true)
    }

    @Test("a head of two departments sees both subtrees")
    func twoHeads() throws {
        var chart = try AccessFixture.orgChart()
        try chart.setHead(30, of: 6)
        #expect(chart.departmentsHeaded(by: 30) == [3, 6])
        #expect(chart.subordinates(of: 30) == [30, 31, 32, 50, 51, 60, 61, 62, 71])
        try chart.setHead(nil, of: 6)
        #expect(chart.departments[6]?.head == nil)
        #expect(chart.departmentsHeaded(by: 30) == [3])
    }

    @Test("edits that keep the chart consistent")
    func edits() throws {
        var chart = OrgChart()
        try chart.addDepartment(Department(id: 1, name: "Sales"))
        try chart.addDepartment(Department(id: 2, name: "Sales Italy", parent: 1))
        try chart.addUser(OrgUser(id: 10, name: "Anna", departments: [1]))
        try chart.setHead(10, of: 1)
        #expect(chart.subordinates(of: 10) == [10])
        try chart.addUser(OrgUser(id: 11, departments: [2]))
        #expect(chart.subordinates(of: 10) == [10, 11])
        try chart.addDepartment(Department(id: 3, name: "Rome", parent: 2, head: 11))
        try chart.moveDepartment(3, under: 1)
        #expect(chart.departments[3]?.parent == 1)
        #expect(chart.subtree(of: 2) == [2])
        try chart.moveDepartment(2, under: nil)
        #expect(chart.departments[2]?.parent == nil)
        #expect(chart.subordinates(of: 10) == [10])
        try chart.updateUser(OrgUser(id: 11, departments: [1, 3], isActive: false))
        #expect(chart.users[11]?.departments == [1, 3])
        #expect(chart.users[11]?.isActive == false)
        try chart.removeDepartment(2)
        #expect(chart.departments[2] == nil)
        #expect(chart.departments.keys.sorted() == [1, 3])
    }

    @Test("cycles are refused")
    func cycles() throws {
        var chart = try AccessFixture.orgChart()
        Self.refuse(.cycle, &chart) { try $0.moveDepartment(2, under: 2) }
        Self.refuse(.cycle, &chart) { try $0.moveDepartment(2, under: 3) }
        Self.refuse(.cycle, &chart) { try $0.moveDepartment(2, under: 7) }
        Self.refuse(.cycle, &chart) { try $0.moveDepartment(1, under: 5) }
        Self.refuse(.cycle, &chart) { try $0.moveDepartment(3, under: 5) }
        // Moving sideways or up is fine.
        try chart.moveDepartment(5, under: 4)
        #expect(chart.subtree(of: 4) == [4, 5, 7])
        #expect(chart.subtree(of: 3) == [3])
    }

    @Test("unknown IDs are refused")
    func unknownIDs() throws {
        var chart = try AccessFixture.orgChart()
        Self.refuse(.unknownID, &chart) { try $0.addDepartment(Department(id: 8, name: "Orphan", parent: 42)) }
        Self.refuse(.unknownID, &chart) { try $0.addDepartment(Department(id: 8, name: "Headless", parent: 1, head: 999)) }
        Self.refuse(.unknownID, &chart) { try $0.addDepartment(Department(id: 8, name: "Self", parent: 8)) }
        Self.refuse(.unknownID, &chart) { try $0.moveDepartment(42, under: 1) }
        Self.refuse(.unknownID, &chart) { try $0.moveDepartment(2, under: 42) }
        Self.refuse(.unknownID, &chart) { try $0.setHead(21, of: 42) }
        Self.refuse(.unknownID, &chart) { try $0.setHead(999, of: 2) }
        Self.refuse(.unknownID, &chart) { try $0.removeDepartment(42) }
        Self.refuse(.unknownID, &chart) { try $0.addUser(OrgUser(id: 100, departments: [2, 42])) }
        Self.refuse(.unknownID, &chart) { try $0.updateUser(OrgUser(id: 100, departments: [2])) }
        Self.refuse(.unknownID, &chart) { try $0.updateUser(OrgUser(id: 21, departments: [42])) }
    }

    @Test("duplicates are refused")
    func duplicates() throws {
        var chart = try AccessFixture.orgChart()
        Self.refuse(.duplicateID, &chart) { try $0.addDepartment(Department(id: 2, name: "Sales again")) }
        Self.refuse(.duplicateID, &chart) { try $0.addUser(OrgUser(id: 21, name: "Twin", departments: [2])) }
    }

    @Test("departments with members or sub-departments cannot be removed")
    func removeNonEmpty() throws {
        var chart = try AccessFixture.orgChart()
        Self.refuse(.notEmpty, &chart) { try $0.removeDepartment(5) }  // sub-department 7
        Self.refuse(.notEmpty, &chart) { try $0.removeDepartment(7) }  // member 71
        Self.refuse(.notEmpty, &chart) { try $0.removeDepartment(1) }
        try chart.updateUser(OrgUser(id: 71, departments: [5]))
        try chart.removeDepartment(7)
        #expect(chart.departments[7] == nil)
        #expect(chart.subtree(of: 3) == [3, 5])
    }

    @Test("building from inconsistent lists is refused", arguments: [
        ("a department twice", [Department(id: 1, name: "A"), Department(id: 1, name: "B")], [OrgUser](), OrgChartError.Code.duplicateID),
        ("a user twice", [Department(id: 1, name: "A")], [OrgUser(id: 5, departments: [1]), OrgUser(id: 5)], .duplicateID),
        ("an unknown parent", [Department(id: 1, name: "A", parent: 9)], [], .unknownID),
        ("an unknown head", [Department(id: 1, name: "A", head: 9)], [], .unknownID),
        ("a user in an unknown department", [Department(id: 1, name: "A")], [OrgUser(id: 5, departments: [2])], .unknownID),
        ("a department its own parent", [Department(id: 1, name: "A", parent: 1)], [], .cycle),
        ("two departments each other's parent", [Department(id: 1, name: "A", parent: 2), Department(id: 2, name: "B", parent: 1)], [], .cycle),
        ("a three-step cycle", [
            Department(id: 1, name: "A", parent: 3), Department(id: 2, name: "B", parent: 1), Department(id: 3, name: "C", parent: 2),
        ], [], .cycle),
    ])
    func inconsistentLists(_ name: String, _ departments: [Department], _ users: [OrgUser], _ code: OrgChartError.Code) {
        let error = #expect(throws: OrgChartError.self, "\(name)") { try OrgChart(departments: departments, users: users) }
        #expect(error?.code == code, "\(name): \(String(describing: error))")
    }

    @Test("lists in any order build the same chart")
    func listOrder() throws {
        let forward = try AccessFixture.orgChart()
        let backward = try OrgChart(departments: AccessFixture.departments.reversed(), users: AccessFixture.users.reversed())
        #expect(forward == backward)
    }

    @Test("errors describe themselves")
    func errorDescription() {
        let error = OrgChartError(.cycle, "department 2 cannot be moved under its own sub-department 3")
        #expect(error.description == "cycle: department 2 cannot be moved under its own sub-department 3")
    }

    @Test("Codable round trip")
    func codable() throws {
        let chart = try AccessFixture.orgChart()
        let data = try JSONEncoder().encode(chart)
        #expect(try JSONDecoder().decode(OrgChart.self, from: data) == chart)
        #expect(try JSONDecoder().decode(OrgChart.self, from: try JSONEncoder().encode(OrgChart())) == OrgChart())
        let roles = AccessFixture.roles
        #expect(try JSONDecoder().decode([Role].self, from: try JSONEncoder().encode(roles)) == roles)
    }

    @Test("decoding refuses an inconsistent chart")
    func decodingChecks() throws {
        var chart = OrgChart()
        try chart.addDepartment(Department(id: 1, name: "Top"))
        try chart.addDepartment(Department(id: 2, name: "Below", parent: 1))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(chart), as: UTF8.self)
        let cyclic = text.replacingOccurrences(of: "\"name\":\"Top\"", with: "\"name\":\"Top\",\"parent\":2")
        #expect(cyclic != text)
        #expect(throws: OrgChartError.self) { try JSONDecoder().decode(OrgChart.self, from: Data(cyclic.utf8)) }
    }

    @Test("a refused edit through a session changes nothing in the workspace or the store")
    func sessionEdit() async throws {
        let store = InMemoryStore()
        let workspace = try await AccessFixture.workspace(store: store)
        let admin = workspace.session(for: 1)
        let before = try await StoreSnapshot.take(store)
        await #expect(throws: OrgChartError.self) {
            try await admin.editOrgChart { chart in
                try chart.addDepartment(Department(id: 8, name: "Accepted first"))
                try chart.moveDepartment(2, under: 5)
            }
        }
        #expect(workspace.configuration.orgChart == (try AccessFixture.orgChart()))
        #expect(try await StoreSnapshot.take(store) == before)
        let changed = try await admin.editOrgChart { try $0.addDepartment(Department(id: 8, name: "Legal", parent: 1)) }
        #expect(changed.departments[8]?.name == "Legal")
        let reopened = try await Workspace.open(store: store, clock: ManualClock(AccessFixture.start))
        #expect(reopened.configuration.orgChart == changed)
        #expect(reopened.configuration.roles == AccessFixture.roles)
    }

    // MARK: Presets

    @Test("the five default roles")
    func presets() {
        let presets = Role.bitrix24Presets()
        #expect(presets.map(\.name) == ["Employee", "Supervisor", "Deputy supervisor", "Observer", "Administrator"])
        #expect(presets.map(\.id) == [1, 2, 3, 4, 5])
        #expect(presets.allSatisfy { $0.members.isEmpty })
        let entities: [PermissionEntity] = ["LEAD", "DEAL", "CONTACT", "COMPANY", "QUOTE", "SMART_INVOICE_C1"]
        func levels(_ role: Role, _ entity: PermissionEntity) -> [AccessOperation: PermissionLevel] {
            Dictionary(role.permissions.filter { $0.entity == entity && $0.stage == nil }.map { ($0.operation, $0.level) }) { a, _ in a }
        }
        let all: [AccessOperation] = [.read, .add, .write, .delete, .export, .import, .automation]
        for entity in entities {
            #expect(levels(presets[0], entity) == [.read: .own, .add: .own, .write: .own], "Employee \(entity)")
            #expect(levels(presets[1], entity) == Dictionary(uniqueKeysWithValues: all.map { ($0, .all) }), "Supervisor \(entity)")
            #expect(
                levels(presets[2], entity) == [.read: .department, .add: .department, .write: .department, .delete: .department,
                                               .export: .department], "Deputy \(entity)")
            #expect(levels(presets[3], entity) == [.read: .own], "Observer \(entity)")
            #expect(levels(presets[4], entity) == Dictionary(uniqueKeysWithValues: all.map { ($0, .all) }), "Administrator \(entity)")
        }
        let config = presets.map { $0.permissions.filter { $0.entity == .config } }
        #expect(config[0].isEmpty && config[1].isEmpty && config[2].isEmpty && config[3].isEmpty)
        #expect(config[4] == [RolePermission(entity: .config, operation: .write, level: .all)])
        #expect(Role.bitrix24Presets(entities: ["DEAL_C3"]).allSatisfy { role in
            role.permissions.allSatisfy { $0.entity == "DEAL_C3" || $0.entity == .config }
        })
    }

    @Test("the presets decide as their names say")
    func presetDecisions() throws {
        var presets = Role.bitrix24Presets()
        for index in presets.indices { presets[index].members = [.user(UserID(Int64(21 + index)))] }
        // 21 Employee, 22 Supervisor, 23 Deputy supervisor, 24 Observer, 25 Administrator, all in Sales.
        var chart = try AccessFixture.orgChart()
        try chart.addUser(OrgUser(id: 24, departments: [2]))
        try chart.addUser(OrgUser(id: 25, departments: [2]))
        let policy = Bitrix24AccessPolicy(orgChart: chart, roles: presets)
        func allowed(_ user: UserID, _ operation: AccessOperation, _ subject: AccessSubject) -> Bool {
            policy.decide(AccessRequest(user: user, operation: operation, subject: subject)).isAllowed
        }
        let colleague = AccessFixture.deal(1, of: 20)
        let own = AccessFixture.deal(2, of: 24)
        #expect(!allowed(21, .read, colleague) && allowed(21, .read, AccessFixture.deal(3, of: 21)))
        #expect(allowed(22, .delete, AccessFixture.deal(4, of: 61)))
        #expect(allowed(23, .write, colleague) && !allowed(23, .read, AccessFixture.deal(5, of: 61)))
        #expect(allowed(24, .read, own) && !allowed(24, .write, own) && !allowed(24, .read, colleague))
        #expect(allowed(25, .configure, .settings) && allowed(25, .delete, AccessFixture.deal(6, of: 61)))
        #expect(!allowed(22, .configure, .settings))
        #expect(policy.decide(AccessRequest(user: 21, operation: .add, subject: AccessFixture.newDeal(responsible: 20))).forcedResponsible == 21)
    }

    @Test("a new workspace has the presets and user 1 as portal administrator")
    func workspaceDefaults() async throws {
        let workspace = try await Workspace.open(store: InMemoryStore(), clock: ManualClock(AccessFixture.start))
        #expect(workspace.configuration.roles == Role.bitrix24Presets())
        let chart = workspace.configuration.orgChart
        #expect(chart == WorkspaceConfiguration.defaultOrgChart)
        #expect(chart.users[1]?.isPortalAdministrator == true)
        #expect(chart.departments[1]?.head == 1)
        #expect(workspace.accessPolicy is Bitrix24AccessPolicy)
        let decision = workspace.accessPolicy.decide(AccessRequest(user: 2, operation: .read, subject: AccessFixture.deal(1, of: 2)))
        #expect(!decision.isAllowed, "an unknown user gets nothing")
    }
}
