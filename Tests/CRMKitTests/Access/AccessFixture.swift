import CRMKit
import Foundation
import Testing

/// One fixed org chart and set of roles for the access tests.
///
/// ```
/// 1 Company (head 1)
/// ├── 2 Sales (head 20)
/// │   ├── 3 North (head 30)
/// │   │   └── 5 Retail (head 50)
/// │   │       └── 7 Milan (no head)
/// │   └── 4 South (head 40)
/// └── 6 Support (head 60)
/// ```
///
/// Users: 1 portal administrator; 2 CRM administrator (CONFIG WRITE only); 3 CRM administrator who may read
/// pipeline 3 and edit only their own deals there; 20–23 and 80 (inactive) in Sales; 30–32 in North (32 also in
/// Support); 40–41 South; 50–51 Retail; 60–62 Support (62 also in Sales); 71 Milan. 99 is unknown.
enum AccessFixture {
    static let departments: [Department] = [
        Department(id: 1, name: "Company", head: 1),
        Department(id: 2, name: "Sales", parent: 1, head: 20),
        Department(id: 3, name: "North", parent: 2, head: 30),
        Department(id: 4, name: "South", parent: 2, head: 40),
        Department(id: 5, name: "Retail", parent: 3, head: 50),
        Department(id: 6, name: "Support", parent: 1, head: 60),
        Department(id: 7, name: "Milan", parent: 5),
    ]

    static let users: [OrgUser] = [
        OrgUser(id: 1, name: "Administrator", departments: [1], isPortalAdministrator: true),
        OrgUser(id: 2, name: "CRM admin", departments: [1]),
        OrgUser(id: 3, name: "CRM admin with deals", departments: [1]),
        OrgUser(id: 20, name: "Sales head", departments: [2]),
        OrgUser(id: 21, name: "Sales 21", departments: [2]),
        OrgUser(id: 22, name: "Sales 22", departments: [2]),
        OrgUser(id: 23, name: "Sales 23", departments: [2]),
        OrgUser(id: 30, name: "North head", departments: [3]),
        OrgUser(id: 31, name: "North 31", departments: [3]),
        OrgUser(id: 32, name: "North and Support 32", departments: [3, 6]),
        OrgUser(id: 40, name: "South head", departments: [4]),
        OrgUser(id: 41, name: "South 41", departments: [4]),
        OrgUser(id: 50, name: "Retail head", departments: [5]),
        OrgUser(id: 51, name: "Retail 51", departments: [5]),
        OrgUser(id: 60, name: "Support head", departments: [6]),
        OrgUser(id: 61, name: "Support 61", departments: [6]),
        OrgUser(id: 62, name: "Support and Sales 62", departments: [6, 2]),
        OrgUser(id: 71, name: "Milan 71", departments: [7]),
        OrgUser(id: 80, name: "Gone", departments: [2], isActive: false),
    ]

    static func orgChart() throws -> OrgChart { try OrgChart(departments: departments, users: users) }

    private static func rows(_ entity: PermissionEntity, _ operations: [AccessOperation], _ level: PermissionLevel) -> [RolePermission] {
        operations.map { RolePermission(entity: entity, operation: $0, level: level) }
    }

    private static func transition(_ entity: PermissionEntity, _ stage: StatusID?, _ setting: TransitionSetting) -> RolePermission {
        RolePermission(entity: entity, operation: .transition, stage: stage, transition: setting)
    }

    static let roles: [Role] = [
        Role(id: 1, name: "Own", permissions: rows("DEAL", [.read, .add, .write, .delete], .own), members: [.user(61)]),
        Role(
            id: 2, name: "Sales staff",
            permissions: rows("DEAL", [.read, .add, .write, .delete], .department) + [
                RolePermission(entity: "DEAL", operation: .read, level: .all, stage: "WON"),
                RolePermission(entity: "LEAD", operation: .read, level: .all),
            ], members: [.department(2)]),
        Role(
            id: 3, name: "North team",
            permissions: rows("DEAL", [.read, .add, .write], .subDepartments) + [
                RolePermission(entity: "DEAL", operation: .read, level: .own, stage: "APOLOGY")
            ], members: [.departmentWithSubdepartments(3)]),
        Role(id: 4, name: "Open reader", permissions: rows("DEAL", [.read, .add], .open), members: [.user(41)]),
        Role(
            id: 5, name: "Everything",
            permissions: rows("DEAL", [.read, .add, .write, .delete, .export], .all) + [
                RolePermission(entity: "DEAL", operation: .read, level: .own, stage: "LOSE")
            ], members: [.user(60)]),
        Role(
            id: 6, name: "Auditor", permissions: rows("DEAL", [.read], .open) + rows("CONTACT", [.read], .all), members: [.user(32)]),
        Role(id: 7, name: "Support desk", permissions: rows("DEAL", [.read], .own), members: [.department(6)]),
        Role(id: 8, name: "Manager own", permissions: rows("DEAL", [.read], .own), members: [.user(40)]),
        Role(id: 9, name: "Blind writer", permissions: rows("DEAL", [.write, .delete, .export], .all), members: [.user(50)]),
        Role(
            id: 10, name: "Pipeline 3",
            permissions: rows("DEAL_C3", [.read, .add, .write], .all) + [
                transition("DEAL_C3", nil, .stages(["C3:PREPARATION"])),
                transition("DEAL_C3", "C3:NEW", .stages(["C3:EXECUTING", "C3:LOSE"])),
                transition("DEAL_C3", "C3:WON", .blocked),
                transition("DEAL_C3", "C3:EXECUTING", .inherit),
                transition("DEAL_C3", "C3:PREPARATION", .any),
            ], members: [.user(22), .user(23)]),
        Role(
            id: 11, name: "Pipeline 3 closer",
            permissions: [transition("DEAL_C3", nil, .blocked), transition("DEAL_C3", "C3:NEW", .stages(["C3:WON"]))],
            members: [.user(23)]),
        Role(id: 12, name: "CRM admin", permissions: rows(.config, [.write], .all), members: [.user(2), .user(3)]),
        Role(
            id: 13, name: "Pipeline 3 reader",
            permissions: rows("DEAL_C3", [.read], .all) + rows("DEAL_C3", [.write], .own) + [transition("DEAL_C3", nil, .blocked)],
            members: [.user(3)]),
    ]

    static func policy() throws -> Bitrix24AccessPolicy { Bitrix24AccessPolicy(orgChart: try orgChart(), roles: roles) }

    /// A stored deal as the rules see it.
    static func deal(
        _ id: Int64, of responsible: UserID?, stage: StatusID = "NEW", pipeline: CategoryID = 0, opened: Bool = false,
        observers: [UserID] = []
    ) -> AccessSubject {
        AccessSubject(
            entityType: .deal, item: ItemReference(.deal, id), pipeline: pipeline, stage: stage, responsible: responsible,
            isOpened: opened, observers: observers)
    }

    /// A deal to be created.
    static func newDeal(responsible: UserID?, pipeline: CategoryID = 0, stage: StatusID = "NEW") -> AccessSubject {
        AccessSubject(entityType: .deal, pipeline: pipeline, stage: stage, responsible: responsible)
    }

    static let start = Timestamp(iso8601: "2026-03-02T09:30:00+01:00") ?? Timestamp(millisecondsSince1970: 0)

    /// A workspace under the default Bitrix24 policy, set up by the portal administrator (user 1) with the
    /// fixed org chart and roles, deal pipeline 3, and nothing "available to everyone" by default.
    static func workspace(store: InMemoryStore = InMemoryStore()) async throws -> Workspace {
        let workspace = try await Workspace.open(store: store, clock: ManualClock(start))
        let admin = workspace.session(for: 1)
        try await admin.editSettings { settings in
            for type in EntityType.allCases { settings.openedByDefault[type] = false }
        }
        try await admin.editCatalogs { catalogs in
            try catalogs.addPipeline(for: .deal, id: 3, name: LocalizedText("Wholesale"))
        }
        let chart = try orgChart()
        try await admin.editOrgChart { $0 = chart }
        try await admin.editRoles { $0 = roles }
        return workspace
    }

    /// Creates a deal as the portal administrator, for a responsible person.
    static func createDeal(
        in workspace: Workspace, for responsible: UserID, title: String = "Deal", pipeline: CategoryID = 0, stage: StatusID? = nil,
        opened: Bool = false, observers: [UserID] = []
    ) async throws -> Versioned<Deal> {
        var deal = Deal()
        deal.title = title
        deal.assignedByID = responsible
        deal.categoryID = pipeline
        deal.stageID = stage
        deal.isOpened = opened
        deal.observerIDs = observers
        return try await workspace.session(for: 1).create(deal)
    }
}

/// Everything a store holds: items with revisions, their timelines, and the configuration documents.
struct StoreSnapshot: Equatable {
    var items: [ItemReference: Versioned<AnyItem>] = [:]
    var timelines: [ItemReference: [TimelineRecord]] = [:]
    var configuration: [ConfigurationKey: Data] = [:]

    static func take(_ store: any CRMStore) async throws -> StoreSnapshot {
        var snapshot = StoreSnapshot()
        for type in EntityType.allCases {
            for stored in try await store.query(Query(type)).items {
                snapshot.items[stored.item.reference] = stored
                snapshot.timelines[stored.item.reference] = try await store.timeline(of: stored.item.reference)
            }
        }
        for key: ConfigurationKey in [.catalogs, .settings, .customFields, .roles, .orgChart, .automation] {
            snapshot.configuration[key] = try await store.configuration(key)
        }
        return snapshot
    }
}
