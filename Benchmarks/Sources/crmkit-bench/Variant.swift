import CRMKit
import Foundation

/// A CRMKit store under test: in memory or a file store in one durability mode.
enum Variant: String, CaseIterable {
    case inMemory = "in-memory"
    case fileFull = "file-full"
    case fileGrouped = "file-grouped"
    case fileNone = "file-none"

    var durability: FileStoreOptions.Durability? {
        switch self {
        case .inMemory: nil
        case .fileFull: .full
        case .fileGrouped: .grouped
        case .fileNone: FileStoreOptions.Durability.none
        }
    }

    /// The SQLite setting it is compared with, and the baseline's name.
    var baseline: (SQLiteBaseline.Synchronous, String) {
        switch self {
        case .inMemory, .fileFull: (.full, "sqlite-full")
        case .fileGrouped: (.normal, "sqlite-normal")
        case .fileNone: (.off, "sqlite-off")
        }
    }

    /// A new empty store; `close` releases it.
    func makeStore(in directory: String) throws -> (store: any CRMStore, close: () -> Void) {
        guard let durability else { return (InMemoryStore(), {}) }
        let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: durability))
        return (store, { store.close() })
    }
}
