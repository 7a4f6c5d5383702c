import CRMKit
import Foundation

/// Runs the selected workloads at one scale.
final class Harness {
    let count: Int
    let only: String?
    let data: DataSet
    let reporter = Reporter()
    var scratch: Scratch
    let runs = 5

    init(count: Int, only: String?) throws {
        self.count = count
        self.only = only
        data = DataSet(count: count)
        scratch = try Scratch()
    }

    func selected(_ workload: String) -> Bool { only == nil || only == workload }

    /// Commits the deals straight to a store (allocating their IDs) in change sets of `batch`.
    static func load(_ rows: ArraySlice<DealRow>, into store: any CRMStore, batch: Int) async throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + batch, rows.endIndex)
            var writes: [ChangeSet.Write] = []
            writes.reserveCapacity(end - start)
            for row in rows[start..<end] {
                writes.append(.create(.deal(row.deal(id: try await store.allocateID(for: .deal)))))
            }
            _ = try await store.commit(ChangeSet(writes: writes))
            start = end
        }
    }

    /// The companies and contacts the deals refer to.
    static func loadClients(into store: any CRMStore) async throws {
        let writes = DataSet.clients()
        var allocated: [ChangeSet.Write] = []
        for write in writes {
            if case .create(let item) = write {
                _ = try await store.allocateID(for: item.reference.entityType)
            }
            allocated.append(write)
        }
        _ = try await store.commit(ChangeSet(writes: allocated))
    }

    func run() async throws {
        defer { scratch.removeAll() }
        if selected("W1") { try await BulkInsert(harness: self).run() }
        if selected("W2") { try await SingleCommits(harness: self).run() }
        let needsStores = selected("W3") || selected("W4") || selected("W5")
        if needsStores {
            let stores = try await LoadedStores.make(harness: self)
            defer { stores.close() }
            if selected("W3") { try await ListQuery(harness: self, stores: stores).run() }
            if selected("W4") { try await PermissionList(harness: self, stores: stores).run() }
            if selected("W5") { try await OpenStore(harness: self, stores: stores).run() }
        }
        if selected("W6") { try await RESTImport(harness: self).run() }
        reporter.info("SCALE \(count)")
    }
}
