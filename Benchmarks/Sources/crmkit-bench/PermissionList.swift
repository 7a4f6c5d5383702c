import CRMKit
import Foundation

/// W4: the W3 page (a stage, by amount descending, first 50) through a session for a department-level (D) user
/// and a sub-department (F) user, against SQL with `assigned_by_id IN (users of the visible departments)`.
struct PermissionList {
    let harness: Harness
    let stores: LoadedStores
    /// User 45 is in department 5 (level D); user 22 in department 2, whose subtree is 10 of the 20 (level F).
    static let departmentUser: Int64 = 45
    static let subDepartmentUser: Int64 = 22

    /// Sets up the org chart, pipelines 1 and 2 and the two roles on a store's workspace.
    static func workspace(on store: any CRMStore) async throws -> Workspace {
        let workspace = try await Workspace.open(store: store)
        let admin = workspace.session(for: UserID(rawValue: 1))
        let chart = try DataSet.orgChart()
        try await admin.editOrgChart { $0 = chart }
        try await admin.editCatalogs { catalogs in
            for pipeline in [Int64(1), 2] where catalogs.pipeline(CategoryID(pipeline), for: .deal) == nil {
                try catalogs.addPipeline(for: .deal, id: CategoryID(pipeline), name: LocalizedText("Pipeline \(pipeline)"))
            }
        }
        func permissions(_ level: PermissionLevel) -> [RolePermission] {
            ["DEAL", "DEAL_C1", "DEAL_C2"].map { RolePermission(entity: PermissionEntity($0), operation: .read, level: level) }
        }
        let roles = [
            Role(id: 1, name: "Department", permissions: permissions(.department), members: [.user(UserID(rawValue: departmentUser))]),
            Role(id: 2, name: "Sub-departments", permissions: permissions(.subDepartments), members: [.user(UserID(rawValue: subDepartmentUser))]),
        ]
        try await admin.editRoles { $0 = roles }
        return workspace
    }

    func run() async throws {
        let data = harness.data
        let filter = Filter.equal("STAGE_ID", .string(data.queryStage))
        let order = [SortKey.descending("OPPORTUNITY")]
        let cases: [(level: String, user: Int64, visible: [Int64])] = [
            ("D", Self.departmentUser, DataSet.users(in: [DataSet.department(of: Self.departmentUser)])),
            ("F", Self.subDepartmentUser, DataSet.users(in: DataSet.subtree(of: DataSet.department(of: Self.subDepartmentUser)))),
        ]
        let workspaces = [
            ("in-memory", try await Self.workspace(on: stores.memory)), ("file-full", try await Self.workspace(on: stores.file)),
        ]
        for (level, user, visible) in cases {
            let expected = try stores.sqlite.page(stage: data.queryStage, users: visible)
            harness.reporter.info("W4 check \(level): user \(user) sees \(visible.count) users, \(expected.count) rows of \(expected.total)")
            for (name, workspace) in workspaces {
                let session = workspace.session(for: UserID(rawValue: user))
                let page = try await session.list(Deal.self, filter: filter, order: order, limit: 50)
                let top = page.items.first?.item.opportunity.map { NSDecimalNumber(decimal: $0).doubleValue }
                guard page.items.count == expected.count, page.total == expected.total, top == expected.top else {
                    throw BenchmarkError("W4 \(name) \(level) answered \(page.items.count) of \(page.total), SQLite \(expected.count) of \(expected.total)")
                }
                var measurement = Measurement(samples: [])
                for _ in 0..<harness.runs {
                    let start = Measurement.now()
                    for _ in 0..<ListQuery.repetitions { _ = try await session.list(Deal.self, filter: filter, order: order, limit: 50) }
                    measurement.samples.append(Measurement.seconds(since: start) / Double(ListQuery.repetitions))
                }
                harness.reporter.record("W4", "\(name)-\(level)", measurement, unit: "ms", scale: 1_000)
            }
            var measurement = Measurement(samples: [])
            for _ in 0..<harness.runs {
                let start = Measurement.now()
                for _ in 0..<ListQuery.repetitions { _ = try stores.sqlite.page(stage: data.queryStage, users: visible) }
                measurement.samples.append(Measurement.seconds(since: start) / Double(ListQuery.repetitions))
            }
            harness.reporter.record("W4", "sqlite-\(level)", measurement, unit: "ms", scale: 1_000)
            harness.reporter.ratio("W4", "in-memory-\(level)", "sqlite-\(level)")
            harness.reporter.ratio("W4", "file-full-\(level)", "sqlite-\(level)")
        }
    }
}
