import CRMKit
import Foundation
import Testing

/// Every session operation under the workspace's default Bitrix24 policy, with ``AccessFixture``'s org chart
/// and roles.
@Suite("Access: enforcement through sessions")
struct AccessEnforcementTests {
    let store = InMemoryStore()
    let workspace: Workspace

    init() async throws {
        workspace = try await AccessFixture.workspace(store: store)
    }

    func session(_ user: UserID) -> Session { workspace.session(for: user) }

    func deal(for responsible: UserID, pipeline: CategoryID = 0, opened: Bool = false, observers: [UserID] = []) async throws
        -> Versioned<Deal>
    {
        try await AccessFixture.createDeal(
            in: workspace, for: responsible, title: "Deal of \(responsible)", pipeline: pipeline, opened: opened, observers: observers)
    }

    /// Runs an operation that must be refused: it throws ``AccessDeniedError`` with a refusing decision for
    /// `user` and `operation`, and the store is exactly as before.
    @discardableResult
    func refused<T>(
        _ user: UserID, _ operation: AccessOperation, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> T
    ) async throws -> AccessDeniedError? {
        let before = try await StoreSnapshot.take(store)
        let configuration = workspace.configuration
        var caught: AccessDeniedError?
        do {
            _ = try await body()
            Issue.record("user \(user) was allowed to \(operation.rawValue)", sourceLocation: sourceLocation)
        } catch let error as AccessDeniedError {
            caught = error
        } catch {
            Issue.record("expected AccessDeniedError, got \(error)", sourceLocation: sourceLocation)
        }
        if let caught {
            #expect(!caught.decision.isAllowed, sourceLocation: sourceLocation)
            #expect(caught.request.user == user, sourceLocation: sourceLocation)
            #expect(caught.request.operation == operation, "\(caught)", sourceLocation: sourceLocation)
            #expect(!caught.decision.explanation.isEmpty, sourceLocation: sourceLocation)
            #expect(caught.decision.explanation.contains("user \(user) "), "\(caught)", sourceLocation: sourceLocation)
            #expect(caught.description == "access denied: \(caught.decision.explanation)", sourceLocation: sourceLocation)
        }
        #expect(try await StoreSnapshot.take(store) == before, "nothing changed in the store", sourceLocation: sourceLocation)
        #expect(workspace.configuration == configuration, "nothing changed in the configuration", sourceLocation: sourceLocation)
        return caught
    }

    // MARK: Items

    @Test("get: refused without READ, with the same decision as explain; allowed with it")
    func get() async throws {
        let of21 = try await deal(for: 21)
        let of22 = try await deal(for: 22)
        let error = try await refused(61, .read) { try await session(61).get(of21.item.id) }
        let explained = try await session(61).explain(.read, on: ItemReference(of21.item.id))
        #expect(error?.decision == explained)
        #expect(error?.request.subject.item == ItemReference(of21.item.id))
        #expect(error?.request.subject.responsible == 21)
        #expect(explained.explanation.contains("level A reaches only the user's own items, not responsible 21"))
        let read = try await session(21).get(of22.item.id)
        #expect(read == of22)
        let allowed = try await session(21).explain(.read, on: ItemReference(of22.item.id))
        #expect(allowed.isAllowed && allowed.level == .department && allowed.attribute == .department)
        await #expect(throws: StoreError.self) { try await session(21).explain(.read, on: ItemReference(.deal, 999)) }
    }

    @Test("create: refused without ADD; ADD at A makes the user responsible; ADD at D refuses outsiders")
    func create() async throws {
        var input = Deal()
        input.title = "New"
        input.assignedByID = 41
        try await refused(40, .add) { try await session(40).create(input) }
        input.assignedByID = 60
        let own = try await session(61).create(input)
        #expect(own.item.assignedByID == 61, "ADD at level A forces the responsible person")
        #expect(own.item.createdBy == 61)
        #expect(try await store.load(own.item.id)?.item.assignedByID == 61)
        input.assignedByID = 31
        let outside = try await refused(21, .add) { try await session(21).create(input) }
        #expect(outside?.decision.explanation.contains("responsible 31 is outside level D") == true)
        input.assignedByID = 22
        let colleague = try await session(21).create(input)
        #expect(colleague.item.assignedByID == 22)
        input.assignedByID = nil
        #expect(try await session(21).create(input).item.assignedByID == 21)
        input.categoryID = 3
        input.assignedByID = 41
        let pipeline = try await refused(41, .add) { try await session(41).create(input) }
        #expect(pipeline?.request.subject.pipeline == 3)
        #expect(pipeline?.request.subject.stage == "C3:NEW", "the subject of a new item has its first stage")
        let created = try await session(22).create(input)
        #expect(created.item.stageID == "C3:NEW")
        #expect(created.item.assignedByID == 41)
    }

    @Test("update and modify: refused without READ or WRITE; allowed with both")
    func update() async throws {
        let of21 = try await deal(for: 21)
        let of22 = try await deal(for: 22)
        let of41 = try await deal(for: 41)
        var changed = of21
        changed.item.title = "Taken over"
        try await refused(61, .write) { try await session(61).update(changed) }
        var mine = of41
        mine.item.title = "Mine"
        let noWrite = try await refused(41, .write) { try await session(41).update(mine) }
        #expect(noWrite?.decision.explanation.contains("no role gives WRITE here") == true)
        try await refused(61, .read) { try await session(61).modify(of21.item.id) { $0.title = "Taken over" } }
        try await refused(41, .write) { try await session(41).modify(of41.item.id) { $0.title = "Mine" } }
        var colleague = of22
        colleague.item.title = "Edited by 21"
        let updated = try await session(21).update(colleague)
        #expect(updated.item.title == "Edited by 21")
        #expect(updated.item.updatedBy == 21)
        let modified = try await session(21).modify(of22.item.id) { $0.comments = "again" }
        #expect(modified.item.comments == "again")
        #expect(modified.revision == of22.revision + 2)
    }

    @Test("move: needs WRITE and the TRANSITION setting; a pipeline change needs WRITE on the new pipeline")
    func move() async throws {
        let of61 = try await deal(for: 61)
        let of22 = try await deal(for: 22)
        let wholesale = try await deal(for: 61, pipeline: 3)
        #expect(wholesale.item.stageID == "C3:NEW")
        let unreadable = try await refused(21, .write) { try await session(21).move(of61.item.id, to: "PREPARATION") }
        #expect(unreadable?.decision.explanation.contains("WRITE needs READ") == true)
        let moved = try await session(21).move(of22.item.id, to: "PREPARATION")
        #expect(moved.item.stageID == "PREPARATION")
        #expect(moved.item.movedBy == 21)
        let blocked = try await refused(22, .transition) { try await session(22).move(wholesale.item.id, to: "C3:PREPARATION") }
        #expect(blocked?.request.targetStage == "C3:PREPARATION")
        #expect(blocked?.decision.explanation.contains("TRANSITION setting allows C3:EXECUTING, C3:LOSE, not C3:PREPARATION") == true)
        let executing = try await session(22).move(wholesale.item.id, to: "C3:EXECUTING")
        #expect(executing.item.stageID == "C3:EXECUTING")
        // A stage change through update is checked the same way: EXECUTING inherits the list [PREPARATION].
        var won = executing
        won.item.stageID = "C3:WON"
        try await refused(22, .transition) { try await session(22).update(won) }
        won.item.stageID = "C3:PREPARATION"
        #expect(try await session(22).update(won).item.stageID == "C3:PREPARATION")
        // 21 may move 22's deal within the general pipeline, but has no right on pipeline 3.
        let other = try await refused(21, .write) { try await session(21).move(moved.item.id, to: nil, pipeline: 3) }
        #expect(other?.request.subject.pipeline == 3)
        let transferred = try await session(22).move(moved.item.id, to: nil, pipeline: 3)
        #expect(transferred.item.categoryID == 3)
        #expect(transferred.item.stageID == "C3:NEW")
    }

    @Test("delete: needs DELETE and READ")
    func delete() async throws {
        let of41 = try await deal(for: 41)
        let of31 = try await deal(for: 31)
        let of22 = try await deal(for: 22)
        try await refused(41, .delete) { try await session(41).delete(of41.item.id) }
        try await refused(21, .read) { try await session(21).delete(of31.item.id) }
        try await session(21).delete(of22.item.id)
        #expect(try await store.load(of22.item.id) == nil)
        await #expect(throws: StoreError.self) { try await session(21).get(of22.item.id) }
    }

    @Test("list: only readable items, and totals count only them")
    func list() async throws {
        var deals: [Versioned<Deal>] = []
        for responsible: UserID in [21, 22, 31, 61, 61, 41] { deals.append(try await deal(for: responsible)) }
        deals.append(try await deal(for: 71, opened: true))
        deals.append(try await deal(for: 61, observers: [41]))
        deals.append(try await deal(for: 22, pipeline: 3))
        _ = try await session(1).move(deals[4].item.id, to: "WON")
        func ids(_ page: Page<Deal>) -> [Int64] { page.items.map(\.item.id.rawValue) }
        let id = deals.map(\.item.id.rawValue)
        let byID: [SortKey] = [.ascending("ID")]

        let of21 = try await session(21).list(Deal.self, order: byID)
        #expect(ids(of21) == [id[0], id[1], id[4]], "department D plus the WON stage at X")
        #expect(of21.total == 3)
        let of61 = try await session(61).list(Deal.self, order: byID)
        #expect(ids(of61) == [id[3], id[4], id[7]])
        let of41 = try await session(41).list(Deal.self, order: byID)
        #expect(ids(of41) == [id[5], id[6], id[7]], "own, opened at O, observed")
        let of22 = try await session(22).list(Deal.self, order: byID)
        #expect(ids(of22) == [id[0], id[1], id[4], id[8]], "pipeline 3 at X")
        let of60 = try await session(60).list(Deal.self, order: byID, limit: 2)
        #expect(ids(of60) == [id[0], id[1]])
        #expect(of60.total == 8, "every general-pipeline deal, not the one in pipeline 3")
        let filtered = try await session(60).list(Deal.self, filter: .equal("ASSIGNED_BY_ID", .integer(61)), order: byID)
        #expect(ids(filtered) == [id[3], id[4], id[7]])
        #expect(try await session(1).list(Deal.self).total == 9)
        #expect(try await session(2).list(Deal.self).total == 0, "CONFIG gives no item access")
        #expect(try await session(80).list(Deal.self).total == 0)
        #expect(try await session(99).list(Deal.self).total == 0)
        #expect(try await session(21).list(Lead.self).total == 0)

        // The list filter agrees with the per-item decision for every user.
        for user: UserID in [1, 2, 3, 20, 21, 22, 23, 30, 31, 32, 40, 41, 50, 51, 60, 61, 62, 71, 80, 99] {
            var readable: [Int64] = []
            for deal in deals where try await session(user).explain(.read, on: ItemReference(deal.item.id)).isAllowed {
                readable.append(deal.item.id.rawValue)
            }
            let page = try await session(user).list(Deal.self, order: byID)
            #expect(ids(page) == readable, "user \(user)")
            #expect(page.total == readable.count, "user \(user)")
        }
    }

    @Test("record and timeline: need READ")
    func timeline() async throws {
        let of21 = try await deal(for: 21)
        let of22 = try await deal(for: 22)
        let comment = TimelineEvent(kind: .comment(text: "Called the client"))
        try await refused(61, .read) { try await session(61).record(comment, on: ItemReference(of21.item.id)) }
        try await refused(61, .read) { try await session(61).record(comment, on: of21.item.id) }
        try await refused(61, .read) { try await session(61).timeline(of: ItemReference(of21.item.id)) }
        let line = try await session(21).record(comment, on: ItemReference(of22.item.id))
        #expect(try await session(21).timeline(of: ItemReference(of22.item.id)).contains(line))
        #expect(try await session(22).timeline(of: ItemReference(of22.item.id)).contains(line))
    }

    @Test("convertLead: needs READ on the lead, ADD on what it creates and WRITE on the lead")
    func convertLead() async throws {
        var input = Lead()
        input.title = "Showroom"
        input.name = "Anna"
        input.lastName = "Rossi"
        input.companyTitle = "Rossi S.r.l."
        input.assignedByID = 21
        let lead = try await session(1).create(input)
        try await refused(40, .read) { try await session(40).convertLead(lead.item.id) }
        // 21 reads leads (LEAD READ X) but may not add contacts.
        let contact = try await refused(21, .add) { try await session(21).convertLead(lead.item.id) }
        #expect(contact?.request.subject.entityType == .contact)
        try await session(1).editRoles { roles in
            roles.append(
                Role(
                    id: 20, name: "Converter",
                    permissions: [
                        RolePermission(entity: "LEAD", operation: .write, level: .all),
                        RolePermission(entity: "CONTACT", operation: .add, level: .all),
                        RolePermission(entity: "COMPANY", operation: .add, level: .all),
                    ], members: [.user(21)]))
        }
        let result = try await session(21).convertLead(lead.item.id)
        #expect(result.contact?.item.assignedByID == 21)
        #expect(result.company?.item.title == "Rossi S.r.l.")
        #expect(result.deal?.item.assignedByID == 21)
        #expect(result.lead.item.stageID == "CONVERTED")
    }

    @Test("a list follows role edits at once: read filters are built per configuration, not kept across edits")
    func listFollowsRoleEdits() async throws {
        for responsible: UserID in [1, 21, 40] {
            var lead = Lead()
            lead.name = "Lead of \(responsible)"
            lead.assignedByID = responsible
            _ = try await session(1).create(lead)
        }
        let before = try await session(40).list(Lead.self).total
        #expect(before < 3)
        try await session(1).editRoles { roles in
            roles.append(Role(id: 30, name: "Reader", permissions: [RolePermission(entity: "LEAD", operation: .read, level: .all)], members: [.user(40)]))
        }
        #expect(try await session(40).list(Lead.self).total == 3)
        try await session(1).editRoles { roles in roles.removeAll { $0.id == 30 } }
        #expect(try await session(40).list(Lead.self).total == before)
    }

    @Test("convertLead refused at the last step leaves nothing behind")
    func convertLeadAtomic() async throws {
        var input = Lead()
        input.name = "Marco"
        input.assignedByID = 21
        let lead = try await session(1).create(input)
        // 21 may create contacts and deals but not edit the lead.
        try await session(1).editRoles { roles in
            roles.append(
                Role(id: 20, name: "Creator", permissions: [RolePermission(entity: "CONTACT", operation: .add, level: .all)], members: [.user(21)]))
        }
        let before = try await StoreSnapshot.take(store)
        await #expect(throws: AccessDeniedError.self) { try await session(21).convertLead(lead.item.id) }
        let after = try await StoreSnapshot.take(store)
        let contacts = try await store.count(.contact)
        #expect(after == before)
        #expect(contacts == 0)
    }

    // MARK: Configuration

    @Test("settings, catalogs, custom fields, org chart and roles: CRM or portal administrators only")
    func configuration() async throws {
        let region = try CustomFieldDefinition(code: "UF_CRM_REGION", entityType: .deal, type: .string, label: "Region")
        for user: UserID in [60, 61, 21, 80, 99] {
            let session = session(user)
            try await refused(user, .configure) { try await session.editCatalogs { try $0.addPipeline(for: .deal, name: LocalizedText("Denied")) } }
            try await refused(user, .configure) { try await session.editSettings { $0.defaultCurrency = "USD" } }
            try await refused(user, .configure) { try await session.defineCustomField(region) }
            try await refused(user, .configure) { try await session.editOrgChart { try $0.updateUser(OrgUser(id: user, departments: [1])) } }
            try await refused(user, .configure) { try await session.editRoles { $0.removeAll() } }
        }
        for (index, user) in [UserID(2), UserID(1)].enumerated() {
            let session = session(user)
            let catalogs = try await session.editCatalogs { try $0.addPipeline(for: .deal, name: LocalizedText("By \(user)")) }
            #expect(catalogs.pipelines(for: .deal).contains { $0.name.english == "By \(user)" })
            #expect(try await session.editSettings { $0.closeDateOffsetDays = 10 + index }.closeDateOffsetDays == 10 + index)
            try await session.defineCustomField(region)
            #expect(workspace.configuration.customFields.contains { $0.code == "UF_CRM_REGION" })
            let department = DepartmentID(100 + user.rawValue)
            let chart = try await session.editOrgChart { try $0.addDepartment(Department(id: department, name: "New")) }
            #expect(chart.departments[department] != nil)
            let roles = try await session.editRoles { $0.append(Role(id: 100 + user.rawValue, name: "New", permissions: [])) }
            #expect(roles.count == AccessFixture.roles.count + index + 1)
        }
    }

    @Test("a CRM administrator cannot make themselves portal administrator")
    func noEscalation() async throws {
        let before = workspace.configuration.orgChart
        let crmAdmin = session(2)
        await #expect(throws: AccessDeniedError.self) {
            try await crmAdmin.editOrgChart { try $0.updateUser(OrgUser(id: 2, name: "CRM admin", departments: [1], isPortalAdministrator: true)) }
        }
        #expect(workspace.configuration.orgChart == before)
    }

    @Test("duplicate role IDs are refused and change nothing")
    func duplicateRoles() async throws {
        let before = try await StoreSnapshot.take(store)
        await #expect(throws: ValidationError.self) {
            try await session(1).editRoles { $0.append(Role(id: 1, name: "Twin", permissions: [])) }
        }
        #expect(try await StoreSnapshot.take(store) == before)
        #expect(workspace.configuration.roles == AccessFixture.roles)
    }

    // MARK: Changes take effect on the next check

    @Test("a new responsible person, stage, pipeline or OPENED flag applies to the next check")
    func itemChanges() async throws {
        let handedOver = try await deal(for: 61)
        try await refused(21, .read) { try await session(21).get(handedOver.item.id) }
        // 61 may edit their own deal and hand it to 22, in 21's department.
        _ = try await session(61).modify(handedOver.item.id) { $0.assignedByID = 22 }
        #expect(try await session(21).get(handedOver.item.id).item.assignedByID == 22)
        try await refused(61, .read) { try await session(61).get(handedOver.item.id) }

        let won = try await deal(for: 61)
        try await refused(21, .read) { try await session(21).get(won.item.id) }
        _ = try await session(1).move(won.item.id, to: "WON")
        #expect(try await session(21).get(won.item.id).item.stageID == "WON", "DEAL[WON] READ X")

        let transferred = try await deal(for: 31)
        try await refused(22, .read) { try await session(22).get(transferred.item.id) }
        _ = try await session(1).move(transferred.item.id, to: nil, pipeline: 3)
        #expect(try await session(22).get(transferred.item.id).item.categoryID == 3, "DEAL_C3 READ X")
        try await refused(31, .read) { try await session(31).get(transferred.item.id) }

        let opened = try await deal(for: 61)
        try await refused(41, .read) { try await session(41).get(opened.item.id) }
        #expect(try await session(41).list(Deal.self).total == 0)
        _ = try await session(1).modify(opened.item.id) { $0.isOpened = true }
        #expect(try await session(41).get(opened.item.id).item.isOpened == true)
        #expect(try await session(41).list(Deal.self).items.map(\.item.id) == [opened.item.id])
    }

    @Test("org chart and role changes apply to the next check")
    func configurationChanges() async throws {
        let of31 = try await deal(for: 31)
        try await refused(21, .read) { try await session(21).get(of31.item.id) }
        #expect(try await session(21).list(Deal.self).total == 0)
        try await session(1).editOrgChart { try $0.updateUser(OrgUser(id: 31, name: "North 31", departments: [2])) }
        #expect(try await session(21).get(of31.item.id) == of31)
        #expect(try await session(21).list(Deal.self).total == 1)

        let of61 = try await deal(for: 61)
        try await refused(41, .read) { try await session(41).get(of61.item.id) }
        try await session(1).editRoles { roles in
            roles.append(Role(id: 30, name: "Reader", permissions: [RolePermission(entity: "DEAL", operation: .read, level: .all)], members: [.user(41)]))
        }
        let decision = try await session(41).explain(.read, on: ItemReference(of61.item.id))
        #expect(decision.isAllowed && decision.roles == ["Reader"] && decision.level == .all)
        #expect(try await session(41).get(of61.item.id) == of61)
        try await session(1).editRoles { roles in roles.removeAll { $0.id == 30 } }
        try await refused(41, .read) { try await session(41).get(of61.item.id) }

        // Deactivating a user takes effect at once.
        #expect(try await session(61).get(of61.item.id) == of61)
        try await session(1).editOrgChart { try $0.updateUser(OrgUser(id: 61, departments: [6], isActive: false)) }
        let inactive = try await refused(61, .read) { try await session(61).get(of61.item.id) }
        #expect(inactive?.decision.explanation == "user 61 is inactive")
    }

    @Test("observers read through get and list, but may not update")
    func observers() async throws {
        let observed = try await deal(for: 21, observers: [61])
        #expect(try await session(61).get(observed.item.id) == observed)
        let decision = try await session(61).explain(.read, on: ItemReference(observed.item.id))
        #expect(decision.attribute == .observer)
        #expect(try await session(61).list(Deal.self).items.map(\.item.id) == [observed.item.id])
        var changed = observed
        changed.item.title = "Observer's edit"
        let error = try await refused(61, .write) { try await session(61).update(changed) }
        #expect(error?.decision.explanation.contains("observers may only read") == true)
        try await refused(61, .delete) { try await session(61).delete(observed.item.id) }
        // An observer without READ on pipeline 3 sees nothing there.
        let wholesale = try await deal(for: 22, pipeline: 3, observers: [41])
        try await refused(41, .read) { try await session(41).get(wholesale.item.id) }
    }

    // MARK: Unrestricted workspaces

    @Test("a workspace opened with .unrestricted lets tools do anything")
    func unrestricted() async throws {
        let workspace = try await Workspace.open(store: InMemoryStore(), accessPolicy: .unrestricted, clock: ManualClock(AccessFixture.start))
        #expect(workspace.accessPolicy is UnrestrictedAccessPolicy)
        let tool = workspace.session(for: 12_345)
        var input = Deal()
        input.assignedByID = 7
        let created = try await tool.create(input)
        #expect(created.item.assignedByID == 7)
        #expect(try await tool.get(created.item.id) == created)
        #expect(try await tool.list(Deal.self).total == 1)
        _ = try await tool.move(created.item.id, to: "WON")
        try await tool.editRoles { $0 = [] }
        try await tool.editOrgChart { $0 = OrgChart() }
        #expect(workspace.configuration.roles.isEmpty)
        #expect(try await tool.explain(.delete, on: ItemReference(created.item.id)).isAllowed)
        try await tool.delete(created.item.id)
        #expect(try await tool.list(Deal.self).total == 0)
    }
}
