import Foundation

/// The indexed state of a store: items per entity type, ID high-water marks, timelines, configuration and
/// the commit sequence. The in-memory store is this state behind a lock; the file store keeps the same state
/// and makes it durable.
struct StoreState: Sendable {
    var tables: [EntityType: ItemTable] = [:]
    var lastIDs: [EntityType: Int64] = [:]
    var timelines: [ItemReference: [TimelineRecord]] = [:]
    var configuration: [ConfigurationKey: Data] = [:]
    var pendingWork: [PendingWorkID: PendingWork] = [:]
    var sequence: UInt64 = 0

    func table(_ type: EntityType) -> ItemTable { tables[type] ?? ItemTable(entityType: type) }

    /// An item, decoded if it is still encoded in the snapshot; `corrupted` when its record does not decode.
    func item(_ reference: ItemReference) throws(StoreError) -> Versioned<AnyItem>? {
        try tables[reference.entityType]?.item(reference.id)
    }

    /// An item's revision, without decoding it.
    func revision(of reference: ItemReference) -> Int64? { tables[reference.entityType]?.items.revision(of: reference.id) }

    /// Whether the item exists, without copying it.
    func contains(_ reference: ItemReference) -> Bool { tables[reference.entityType]?.contains(reference.id) ?? false }

    mutating func allocateID(for type: EntityType) -> Int64 {
        let next = (lastIDs[type] ?? 0) + 1
        lastIDs[type] = next
        return next
    }

    /// Runs a query; mutating because the tables keep the sorted runs queries ask for.
    mutating func query(_ query: Query) throws -> QueryResult {
        let resolved = try query.validated()
        // Move the table out while it caches sorted runs: a second reference would make that copy every index.
        guard var table = tables.removeValue(forKey: resolved.entityType) else { return resolved.page(of: []) }
        defer { tables[resolved.entityType] = table }
        return try table.answer(resolved)
    }

    /// Loads every table's indexes (before a snapshot is written).
    mutating func loadAllIndexes() throws(StoreError) {
        for type in Array(tables.keys) {
            guard var table = tables.removeValue(forKey: type) else { continue }
            defer { tables[type] = table }
            try table.loadAllIndexes()
        }
    }

    /// Checks every write against the current revisions (and the writes before it in the same set) and
    /// returns the new revisions; throws without changing anything on the first conflict.
    func plan(_ changes: ChangeSet) throws(StoreError) -> [ItemReference: Int64] {
        var current: [ItemReference: Int64?] = [:]
        var revisions: [ItemReference: Int64] = [:]
        for write in changes.writes {
            let reference = write.reference
            let existing: Int64? = current[reference] ?? revision(of: reference)
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
                    throw StoreError(.conflict, "\(reference) is at revision \(existing), not \(expected)", item: reference)
                }
                // Applying it reads the item it replaces: an undecodable record fails here, before anything is written.
                if current[reference] == nil { _ = try item(reference) }
                if case .delete = write {
                    current[reference] = .some(nil)
                    revisions[reference] = nil
                } else {
                    current[reference] = .some(existing + 1)
                    revisions[reference] = existing + 1
                }
            }
        }
        var work: [PendingWorkID: Bool] = [:]
        for write in changes.work {
            switch write {
            case .schedule(let pending):
                guard !(work[pending.id] ?? (pendingWork[pending.id] != nil)) else {
                    throw StoreError(.conflict, "pending work \(pending.id) already exists; finish it first to replace it")
                }
                work[pending.id] = true
            case .finish(let id):
                guard work[id] ?? (pendingWork[id] != nil) else {
                    throw StoreError(.conflict, "pending work \(id) does not exist: it was already finished")
                }
                work[id] = false
            }
        }
        return revisions
    }

    /// The pending work due at or before `dueBy` (all when nil), by due time, then ID.
    func pendingWork(dueBy: Timestamp?) -> [PendingWork] {
        pendingWork.values.filter { work in dueBy.map { work.due <= $0 } ?? true }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    /// Applies a planned change set with its revisions as commit `sequence`. Throws `corrupted` only when an
    /// item it replaces does not decode, which ``plan(_:)`` checks first; writes before that one stay applied.
    mutating func apply(_ changes: ChangeSet, revisions: [ItemReference: Int64], sequence: UInt64) throws(StoreError) {
        for write in changes.writes {
            let reference = write.reference
            var table = tables.removeValue(forKey: reference.entityType) ?? ItemTable(entityType: reference.entityType)
            defer { tables[reference.entityType] = table }
            switch write {
            case .create(let item), .update(let item, _):
                try table.put(Versioned(item: item, revision: revisions[reference] ?? 1))
                lastIDs[reference.entityType] = max(lastIDs[reference.entityType] ?? 0, reference.id)
            case .delete:
                try table.remove(reference.id)
            }
        }
        for record in changes.timeline { timelines[record.item, default: []].append(record) }
        for (key, data) in changes.configuration { configuration[key] = data }
        for write in changes.work {
            switch write {
            case .schedule(let work): pendingWork[work.id] = work
            case .finish(let id): pendingWork[id] = nil
            }
        }
        self.sequence = sequence
    }
}
