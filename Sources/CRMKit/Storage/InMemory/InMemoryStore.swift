public import Foundation
import Synchronization

/// A store in memory: dictionaries per entity type with secondary indexes, safe for many concurrent readers
/// and writers. Nothing survives the process; use it for tests, tools and caches.
///
/// ```swift
/// let workspace = try await Workspace.open(store: InMemoryStore(), accessPolicy: .unrestricted)
/// ```
public final class InMemoryStore: CRMStore {
    private let state = Mutex(StoreState())

    /// An empty store.
    public init() {}

    public func allocateID(for entityType: EntityType) async throws -> Int64 {
        state.withLock { $0.allocateID(for: entityType) }
    }

    public func load(_ reference: ItemReference) async throws -> Versioned<AnyItem>? {
        try state.withLock { (state: inout StoreState) throws(StoreError) in try state.item(reference) }
    }

    public func contains(_ reference: ItemReference) async throws -> Bool {
        state.withLock { $0.contains(reference) }
    }

    public func query(_ query: Query) async throws -> QueryResult {
        try state.withLock { try $0.query(query) }
    }

    public func commit(_ changes: ChangeSet) async throws -> CommitReceipt {
        try state.withLock { (state: inout StoreState) throws(StoreError) -> CommitReceipt in
            let revisions = try state.plan(changes)
            let sequence = state.sequence + 1
            try state.apply(changes, revisions: revisions, sequence: sequence)
            return CommitReceipt(sequence: sequence, revisions: revisions)
        }
    }

    public func timeline(of item: ItemReference) async throws -> [TimelineRecord] {
        state.withLock { $0.timelines[item] ?? [] }
    }

    public func configuration(_ key: ConfigurationKey) async throws -> Data? {
        state.withLock { $0.configuration[key] }
    }

    public func pendingWork(dueBy: Timestamp?) async throws -> [PendingWork] {
        state.withLock { $0.pendingWork(dueBy: dueBy) }
    }
}
