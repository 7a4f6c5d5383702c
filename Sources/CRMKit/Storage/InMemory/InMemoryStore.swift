public import Foundation
import Synchronization

/// A store in memory: dictionaries per entity type with secondary indexes, safe for many concurrent readers
/// and writers. Nothing survives the process; use it for tests, tools and caches.
///
/// ```swift
/// let workspace = try await Workspace.open(store: InMemoryStore(), accessPolicy: .unrestricted)
/// ```
public final class InMemoryStore: CRMStore {
    private struct State: Sendable {
        var tables: [EntityType: ItemTable] = [:]
        var lastIDs: [EntityType: Int64] = [:]
        var timelines: [ItemReference: [TimelineRecord]] = [:]
        var configuration: [ConfigurationKey: Data] = [:]
        var sequence: UInt64 = 0

        func table(_ type: EntityType) -> ItemTable { tables[type] ?? ItemTable(entityType: type) }
    }

    private let state = Mutex(State())

    /// An empty store.
    public init() {}

    public func allocateID(for entityType: EntityType) async throws -> Int64 {
        state.withLock { state in
            let next = (state.lastIDs[entityType] ?? 0) + 1
            state.lastIDs[entityType] = next
            return next
        }
    }

    public func load(_ reference: ItemReference) async throws -> Versioned<AnyItem>? {
        state.withLock { $0.tables[reference.entityType]?[reference.id] }
    }

    public func query(_ query: Query) async throws -> QueryResult {
        let resolved = try query.validated()
        let matches = state.withLock { $0.table(resolved.entityType).matching(resolved.filter) }
        return resolved.page(of: matches)
    }

    public func commit(_ changes: ChangeSet) async throws -> CommitReceipt {
        try state.withLock { (state: inout State) throws(StoreError) -> CommitReceipt in
            let revisions = try Self.plan(changes, in: state)
            for write in changes.writes {
                let reference = write.reference
                var table = state.tables.removeValue(forKey: reference.entityType) ?? ItemTable(entityType: reference.entityType)
                switch write {
                case .create(let item), .update(let item, _):
                    table.put(Versioned(item: item, revision: revisions[reference] ?? 1))
                    state.lastIDs[reference.entityType] = max(state.lastIDs[reference.entityType] ?? 0, reference.id)
                case .delete:
                    table.remove(reference.id)
                }
                state.tables[reference.entityType] = table
            }
            for record in changes.timeline { state.timelines[record.item, default: []].append(record) }
            for (key, data) in changes.configuration { state.configuration[key] = data }
            state.sequence += 1
            return CommitReceipt(sequence: state.sequence, revisions: revisions)
        }
    }

    public func timeline(of item: ItemReference) async throws -> [TimelineRecord] {
        state.withLock { $0.timelines[item] ?? [] }
    }

    public func configuration(_ key: ConfigurationKey) async throws -> Data? {
        state.withLock { $0.configuration[key] }
    }

    /// Checks every write against the current revisions (and the writes before it in the same set) and
    /// returns the new revisions; throws without changing anything on the first conflict.
    private static func plan(_ changes: ChangeSet, in state: State) throws(StoreError) -> [ItemReference: Int64] {
        var current: [ItemReference: Int64?] = [:]
        var revisions: [ItemReference: Int64] = [:]
        for write in changes.writes {
            let reference = write.reference
            let existing: Int64? = current[reference] ?? state.tables[reference.entityType]?[reference.id]?.revision
            switch write {
            case .create:
                guard reference.id > 0 else {
                    throw StoreError(.conflict, "\(reference) has no allocated ID", item: reference)
                }
                guard existing == nil else { throw StoreError(.conflict, "\(reference) already exists", item: reference) }
                current[reference] = .some(1)
                revisions[reference] = 1
            case .update(_, let expected), .delete(_, let expected):
                guard let existing else { throw StoreError(.notFound, "\(reference) does not exist", item: reference) }
                guard existing == expected else {
                    throw StoreError(
                        .conflict, "\(reference) is at revision \(existing), not \(expected)", item: reference)
                }
                if case .delete = write {
                    current[reference] = .some(nil)
                    revisions[reference] = nil
                } else {
                    current[reference] = .some(existing + 1)
                    revisions[reference] = existing + 1
                }
            }
        }
        return revisions
    }
}
