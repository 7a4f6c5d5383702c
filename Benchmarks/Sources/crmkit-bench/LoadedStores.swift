import CRMKit
import Foundation

/// The stores W3–W5 read: N deals in memory, in a file store (durability full) and in SQLite.
struct LoadedStores {
    let memory: InMemoryStore
    let file: FileStore
    let filePath: String
    let sqlite: SQLiteBaseline
    let sqlitePath: String

    static func make(harness: Harness) async throws -> LoadedStores {
        let start = Measurement.now()
        let rows = harness.data.deals[...]
        let memory = InMemoryStore()
        try await Harness.loadClients(into: memory)
        try await Harness.load(rows, into: memory, batch: 10_000)
        let filePath = harness.scratch.path("loaded-file-full")
        let file = try FileStore.open(at: filePath, options: FileStoreOptions(durability: .full))
        try await Harness.loadClients(into: file)
        try await Harness.load(rows, into: file, batch: 10_000)
        let sqlitePath = harness.scratch.path("loaded.sqlite")
        let sqlite = try SQLiteBaseline.open(at: sqlitePath, synchronous: .full)
        try sqlite.insert(rows, batch: 10_000)
        try await sqlite.queue.write { db in try db.execute(sql: "ANALYZE") }
        harness.reporter.info(String(format: "setup loaded %d deals into in-memory, file-full and sqlite in %.2fs", rows.count, Measurement.seconds(since: start)))
        return LoadedStores(memory: memory, file: file, filePath: filePath, sqlite: sqlite, sqlitePath: sqlitePath)
    }

    func close() {
        file.close()
        try? sqlite.queue.close()
    }
}
