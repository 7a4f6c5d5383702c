import CRMKit
import CRMKitStoreContract
import Foundation
import Testing

/// The list filter must return exactly the items the per-item evaluator lets the user read, for random org
/// charts, roles and items, on every store. CRMKIT_HEAVY_TESTS=1 runs ten times as many.
@Suite("Access: list filter equals the per-item evaluator")
struct AccessListFilterPropertyTests {
    static let heavy = ProcessInfo.processInfo.environment["CRMKIT_HEAVY_TESTS"] == "1"

    struct World {
        var policy: Bitrix24AccessPolicy
        var items: [AnyItem]
        var users: [UserID]
    }

    static func world(seed: UInt64) -> World {
        var random = SeededGenerator(seed: seed)
        var departments: [Department] = []
        for index in 1...Int.random(in: 2...8, using: &random) {
            let parent = index == 1 ? nil : DepartmentID(Int64.random(in: 1..<Int64(index), using: &random))
            departments.append(Department(id: DepartmentID(Int64(index)), name: "D\(index)", parent: parent))
        }
        var users: [OrgUser] = []
        for index in 1...Int.random(in: 3...14, using: &random) {
            let count = Int.random(in: 1...2, using: &random)
            let memberOf = (0..<count).map { _ in departments.randomElement(using: &random)?.id ?? 1 }
            users.append(
                OrgUser(
                    id: UserID(Int64(index)), departments: Array(Set(memberOf)).sorted(), isActive: Int.random(in: 0..<12, using: &random) != 0,
                    isPortalAdministrator: Int.random(in: 0..<25, using: &random) == 0))
        }
        for index in departments.indices where Bool.random(using: &random) {
            departments[index].head = users.randomElement(using: &random)?.id
        }
        let chart = (try? OrgChart(departments: departments, users: users)) ?? OrgChart()
        let entities: [PermissionEntity] = ["DEAL", "DEAL_C1", "LEAD", "CONTACT", "QUOTE"]
        let stages: [StatusID] = ["NEW", "PREPARATION", "WON", "C1:NEW", "C1:WON", "IN_PROCESS", "DRAFT"]
        var roles: [Role] = []
        for index in 1...Int.random(in: 1...4, using: &random) {
            var rows: [RolePermission] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let entity = entities.randomElement(using: &random) ?? "DEAL"
                let level = PermissionLevel.allCases.randomElement(using: &random) ?? .none
                let stage = Int.random(in: 0..<3, using: &random) == 0 ? stages.randomElement(using: &random) : nil
                rows.append(RolePermission(entity: entity, operation: .read, level: level, stage: stage))
            }
            var members: [RoleMember] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                switch Int.random(in: 0..<3, using: &random) {
                case 0: members.append(.user(users.randomElement(using: &random)?.id ?? 1))
                case 1: members.append(.department(departments.randomElement(using: &random)?.id ?? 1))
                default: members.append(.departmentWithSubdepartments(departments.randomElement(using: &random)?.id ?? 1))
                }
            }
            roles.append(Role(id: Int64(index), name: "R\(index)", permissions: rows, members: members))
        }
        var items: [AnyItem] = []
        let userIDs = users.map(\.id) + [UserID(99)]
        for index in 1...Int.random(in: 10...40, using: &random) {
            let responsible = Int.random(in: 0..<8, using: &random) == 0 ? nil : userIDs.randomElement(using: &random)
            let opened = Bool.random(using: &random)
            let observers = (0..<Int.random(in: 0...2, using: &random)).compactMap { _ in userIDs.randomElement(using: &random) }
            switch Int.random(in: 0..<4, using: &random) {
            case 0, 1:
                var deal = Deal()
                deal.id = ItemID(Int64(index))
                deal.categoryID = CategoryID(Int64.random(in: 0...2, using: &random))
                let prefix = deal.categoryID == 0 ? "" : "C\(deal.categoryID):"
                deal.stageID = StatusID(prefix + (["NEW", "PREPARATION", "WON"].randomElement(using: &random) ?? "NEW"))
                deal.assignedByID = responsible
                deal.isOpened = opened
                deal.observerIDs = observers
                items.append(.deal(deal))
            case 2:
                var lead = Lead()
                lead.id = ItemID(Int64(index))
                lead.stageID = ["NEW", "IN_PROCESS"].randomElement(using: &random)
                lead.assignedByID = responsible
                lead.isOpened = opened
                lead.observerIDs = observers
                items.append(.lead(lead))
            default:
                var contact = Contact()
                contact.id = ItemID(Int64(index))
                contact.name = "C\(index)"
                contact.assignedByID = responsible
                contact.isOpened = opened
                contact.observerIDs = observers
                items.append(.contact(contact))
            }
        }
        return World(policy: Bitrix24AccessPolicy(orgChart: chart, roles: roles), items: items, users: userIDs)
    }

    static func check(_ world: World, on store: any CRMStore, seed: UInt64) async throws {
        for item in world.items {
            while try await store.allocateID(for: item.entityType) < item.id {}
        }
        _ = try await store.commit(ChangeSet(writes: world.items.map { .create($0) }))
        for user in world.users {
            for type in [EntityType.deal, .lead, .contact] {
                let expected = world.items.filter { item in
                    item.entityType == type
                        && world.policy.decide(AccessRequest(user: user, operation: .read, subject: subject(item))).isAllowed
                }.map(\.id).sorted()
                let filter = world.policy.readFilter(for: user, entityType: type)
                let found = try await store.query(Query(type, filter: filter, order: [.ascending("ID")]))
                #expect(found.items.map(\.item.id) == expected, "seed \(seed), user \(user), \(type)")
                #expect(found.total == expected.count)
            }
        }
    }

    static func subject(_ item: AnyItem) -> AccessSubject {
        switch item {
        case .deal(let deal): AccessSubject(deal)
        case .lead(let lead): AccessSubject(lead)
        case .contact(let contact): AccessSubject(contact)
        default: AccessSubject(entityType: item.entityType)
        }
    }

    @Test("on the in-memory store, over random worlds")
    func inMemory() async throws {
        for seed in 0..<UInt64(Self.heavy ? 20_000 : 2_000) {
            try await Self.check(Self.world(seed: seed), on: InMemoryStore(), seed: seed)
        }
    }

    @Test("on the file store, over random worlds")
    func fileStore() async throws {
        for seed in 0..<UInt64(Self.heavy ? 2_000 : 100) {
            let directory = TemporaryDirectory("access")
            let store = try FileStore.open(at: directory.path, options: FileStoreOptions(durability: .none))
            try await Self.check(Self.world(seed: 1_000_000 + seed), on: store, seed: seed)
            store.close()
        }
    }
}
