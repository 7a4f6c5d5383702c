public import Foundation

/// Where a workspace keeps its items, timelines and configuration: the one protocol every store implements.
///
/// The requirements are few and `async`; conveniences live in extensions. A store must:
/// - allocate IDs per entity type, never handing out the same one twice;
/// - commit a ``ChangeSet`` atomically: all of it or nothing, refusing with ``StoreError/Code-swift.struct/conflict``
///   a create of an existing ID or an update or delete whose expected revision is not the current one;
/// - run a ``Query`` with the semantics of ``Filter`` and ``SortKey`` (``Query/validated()``, `Filter.matches(_:)`
///   and ``Query/page(of:)`` give a reference implementation);
/// - keep configuration documents and the payloads of pending work as opaque bytes.
///
/// `StoreContract` (in the `CRMKitStoreContract` library) checks all of it against any store.
///
/// ```swift
/// let store = InMemoryStore()
/// let id = try await store.allocateID(for: .deal)
/// var deal = Deal(); deal.id = ItemID(id); deal.title = "First"
/// try await store.commit(ChangeSet(writes: [.create(.deal(deal))]))
/// try await store.load(ItemReference(.deal, id))?.revision  // 1
/// ```
public protocol CRMStore: Sendable {
    /// A new ID for an item of the entity type, never returned before by this store.
    func allocateID(for entityType: EntityType) async throws -> Int64
    /// The item with its revision, or nil when there is none.
    func load(_ reference: ItemReference) async throws -> Versioned<AnyItem>?
    /// Whether the item exists. The save pipeline asks it for every new or changed link, so a store should
    /// answer without reading the item; the default loads it.
    func contains(_ reference: ItemReference) async throws -> Bool
    /// The page of items the query asks for, and the total of matching items. Throws ``QueryError`` for a
    /// query that does not fit the entity type.
    func query(_ query: Query) async throws -> QueryResult
    /// Writes a change set atomically; throws ``StoreError`` and writes nothing when any write conflicts.
    func commit(_ changes: ChangeSet) async throws -> CommitReceipt
    /// The timeline and history lines of an item, in the order they were committed.
    func timeline(of item: ItemReference) async throws -> [TimelineRecord]
    /// A configuration document, or nil when it was never written.
    func configuration(_ key: ConfigurationKey) async throws -> Data?
    /// The pending work due at or before `dueBy` (all of it when nil), by due time, then ID.
    func pendingWork(dueBy: Timestamp?) async throws -> [PendingWork]
}

extension CRMStore {
    /// Whether the item exists, by loading it.
    public func contains(_ reference: ItemReference) async throws -> Bool {
        try await load(reference) != nil
    }

    /// A typed item with its revision, or nil.
    public func load<Entity: CRMEntity>(_ id: ItemID<Entity>) async throws -> Versioned<Entity>? {
        guard let stored = try await load(ItemReference(id)), let item = stored.item.entity(as: Entity.self) else {
            return nil
        }
        return Versioned(item: item, revision: stored.revision)
    }

    /// Replaces one configuration document.
    @discardableResult
    public func writeConfiguration(_ data: Data, for key: ConfigurationKey) async throws -> CommitReceipt {
        try await commit(ChangeSet(configuration: [key: data]))
    }

    /// How many items match a filter.
    public func count(_ entityType: EntityType, filter: Filter? = nil) async throws -> Int {
        try await query(Query(entityType, filter: filter, limit: 0)).total
    }
}
