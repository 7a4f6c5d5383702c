/// The items of one entity type with hash indexes on the fields lists filter by, kept consistent on every
/// put and remove.
///
/// A table opened from a snapshot starts with its items encoded and its indexes unloaded: an item is decoded
/// when it is read, and an index is read from the snapshot's postings the first time a query needs it, then
/// brought up to date by replaying the changes made since opening. An unloaded index is treated as absent,
/// so a query that runs before it loads scans instead of missing items.
struct ItemTable: Sendable {
    let entityType: EntityType
    private(set) var items = StoredItems()
    /// The hash indexes by slot: one per field of `indexedFieldList`, then the (stage, observer) index when
    /// the type has one. Writes reach an index by position, without hashing its field's code.
    private var indexes: [[FieldValue: Set<Int64>]]
    /// For each slot, where its postings are while it is not loaded (nil once loaded).
    private var unloadedIndexes: [StoredIndex?]
    /// Where the composite index's buckets are while it is not loaded (and ``composite`` is nil).
    private var unloadedComposite: StoredIndex?
    /// The writes since opening, replayed on each index as it loads; emptied once every index is loaded.
    private var changesSinceOpen: [IndexChange] = []
    /// The slot of each index by field code (``stageObserverKey`` for the (stage, observer) index).
    private let slotByField: [FieldCode: Int]
    /// The indexed fields, as a list of its own: iterating `indexes.keys` while mutating `indexes` would copy
    /// every index on every write.
    private let indexedFieldList: [FieldCode]
    /// The schema positions an item's index entries are read from: each field of `indexedFieldList`, then the
    /// stage and observers when the type has the (stage, observer) index.
    private let entryBindings: [Int]
    /// Items by (pipeline, stage, responsible), for the conjunctions of equalities lists mostly are; nil for a
    /// type without the fields, and while the index is not loaded.
    var composite: CompositeIndex?
    /// The schema positions of the stage and observers fields, when the type has both: items are also indexed
    /// by (stage, observer) under ``stageObserverKey``, for the "observed by the user" half of access filters.
    private let stageObserverBindings: (stage: Int, observers: Int)?
    /// The index holding (stage, observer) pairs, as `.list([stage, observer])` values; no field has this code.
    static let stageObserverKey: FieldCode = "STAGE_ID+OBSERVERS"

    /// The `crm.item` keys of the fields indexed, resolved per entity type.
    static let indexedKeys = [
        "stageId", "categoryId", "assignedById", "companyId", "contactId", "contactIds", "createdTime", "updatedTime",
        "closedate",
        // Every access filter ORs "responsible in …" with "observer is the user": without this index the whole OR
        // falls back to a scan.
        "observers",
    ]

    init(entityType: EntityType) {
        self.entityType = entityType
        let fields = entityType.fields
        var indexedCodes: Set<FieldCode> = []
        for key in Self.indexedKeys {
            if let descriptor = fields.first(where: { $0.itemKey == key }) { indexedCodes.insert(descriptor.code) }
        }
        if entityType == .company, let contacts = fields.first(where: { $0.code == "CONTACT_ID" }) {
            indexedCodes.insert(contacts.code)
        }
        indexedFieldList = indexedCodes.sorted()
        let indexedBindings = indexedFieldList.map { code in fields.firstIndex { $0.code == code } ?? 0 }
        var slots = Dictionary(uniqueKeysWithValues: indexedFieldList.enumerated().map { ($1, $0) })
        if let stageCode = entityType.stageFieldCode, let stage = fields.firstIndex(where: { $0.code == stageCode }),
            let observers = fields.firstIndex(where: { $0.code == "OBSERVERS" })
        {
            stageObserverBindings = (stage, observers)
            slots[Self.stageObserverKey] = indexedFieldList.count
        } else {
            stageObserverBindings = nil
        }
        slotByField = slots
        entryBindings = indexedBindings + (stageObserverBindings.map { [$0.stage, $0.observers] } ?? [])
        indexes = Array(repeating: [:], count: slots.count)
        unloadedIndexes = Array(repeating: nil, count: slots.count)
        composite = CompositeIndex(entityType: entityType)
    }

    /// A table of a snapshot's encoded items, with the postings of its indexes (by field code; an index
    /// without postings is built from the items when it loads) and the composite index's buckets.
    init(encoded: EncodedItems, postings: [FieldCode: Range<Int>], buckets: Range<Int>?) {
        self.init(entityType: encoded.entityType)
        items = StoredItems(encoded: encoded)
        for (code, slot) in slotByField { unloadedIndexes[slot] = StoredIndex(source: encoded.source, postings: postings[code]) }
        if composite != nil {
            composite = nil
            unloadedComposite = StoredIndex(source: encoded.source, postings: buckets)
        }
    }

    /// The codes of the indexed fields.
    var indexedFields: Set<FieldCode> { Set(indexedFieldList) }

    /// An item, decoded if it is still encoded; `corrupted` when its record does not decode.
    func item(_ id: Int64) throws(StoreError) -> Versioned<AnyItem>? { try items.item(id) }

    /// Whether an item has the ID.
    func contains(_ id: Int64) -> Bool { items.contains(id) }

    /// Stores an item, replacing the one with its ID; `corrupted` when the replaced item's record does not
    /// decode (its index entries could not be removed), and then nothing changes.
    mutating func put(_ versioned: Versioned<AnyItem>) throws(StoreError) {
        let old = try items.item(versioned.item.id)?.item
        items.put(versioned)
        apply(IndexChange(old: old, new: versioned.item))
    }

    /// Removes an item; `corrupted` when its record does not decode, and then nothing changes.
    mutating func remove(_ id: Int64) throws(StoreError) {
        guard let old = try items.item(id)?.item else { return }
        items.remove(id)
        apply(IndexChange(old: old, new: nil))
    }

    /// Updates the loaded indexes for a write, and keeps it for the indexes not loaded yet.
    private mutating func apply(_ change: IndexChange) {
        if let old = change.old { composite?.remove(old.id) }
        if let new = change.new { composite?.insert(new) }
        moveEntries(of: change, slot: nil)
        if !isFullyLoaded { changesSinceOpen.append(change) }
    }

    /// Whether every index is loaded (always, for a table not opened from a snapshot).
    private var isFullyLoaded: Bool { unloadedComposite == nil && !unloadedIndexes.contains { $0 != nil } }

    /// Moves a write's entries in one hash index, or in every loaded one when `slot` is nil.
    private mutating func moveEntries(of change: IndexChange, slot: Int?) {
        if let old = change.old {
            for (entrySlot, key) in indexEntries(of: old) where slot.map({ $0 == entrySlot }) ?? (unloadedIndexes[entrySlot] == nil) {
                guard var ids = indexes[entrySlot].removeValue(forKey: key) else { continue }
                ids.remove(old.id)
                if !ids.isEmpty { indexes[entrySlot][key] = ids }
            }
        }
        if let new = change.new {
            for (entrySlot, key) in indexEntries(of: new) where slot.map({ $0 == entrySlot }) ?? (unloadedIndexes[entrySlot] == nil) {
                indexes[entrySlot][key, default: []].insert(new.id)
            }
        }
    }

    // MARK: Loading indexes

    /// Loads the composite index and the hash indexes of the fields a filter names, if they are not loaded.
    mutating func loadIndexes(for filter: Filter?) throws(StoreError) {
        try loadComposite()
        guard let filter, !isFullyLoaded else { return }
        var fields: Set<FieldCode> = []
        Self.collectFields(of: filter, into: &fields)
        for field in fields { if let slot = slotByField[field] { try loadIndex(slot) } }
        if fields.contains("OBSERVERS"), let slot = slotByField[Self.stageObserverKey] { try loadIndex(slot) }
    }

    /// Loads every index: before a snapshot is written from the table, or to check a store.
    mutating func loadAllIndexes() throws(StoreError) {
        try loadComposite()
        for slot in indexes.indices { try loadIndex(slot) }
    }

    private static func collectFields(of filter: Filter, into fields: inout Set<FieldCode>) {
        switch filter {
        case .and(let parts), .or(let parts): for part in parts { collectFields(of: part, into: &fields) }
        case .not(let part): collectFields(of: part, into: &fields)
        default: if let field = filter.field { fields.insert(field) }
        }
    }

    private mutating func loadIndex(_ slot: Int) throws(StoreError) {
        guard let stored = unloadedIndexes[slot] else { return }
        if stored.postings != nil {
            indexes[slot] = try stored.decode { (reader) throws(FormatError) in try IndexCodec.decodePostings(from: &reader) }
            unloadedIndexes[slot] = nil
            for change in changesSinceOpen { moveEntries(of: change, slot: slot) }
        } else {
            let all = try items.all()
            unloadedIndexes[slot] = nil
            for stored in all { moveEntries(of: IndexChange(old: nil, new: stored.item), slot: slot) }
        }
        dropChangesOnceLoaded()
    }

    private mutating func loadComposite() throws(StoreError) {
        guard let stored = unloadedComposite, var index = CompositeIndex(entityType: entityType) else { return }
        if stored.postings != nil {
            try stored.decode { (reader) throws(FormatError) in try IndexCodec.decodeBuckets(into: &index, from: &reader) }
            for change in changesSinceOpen {
                if let old = change.old { index.remove(old.id) }
                if let new = change.new { index.insert(new) }
            }
        } else {
            for stored in try items.all() { index.insert(stored.item) }
        }
        composite = index
        unloadedComposite = nil
        dropChangesOnceLoaded()
    }

    private mutating func dropChangesOnceLoaded() {
        if isFullyLoaded { changesSinceOpen = [] }
    }

    /// Each loaded hash index's postings by field code (``stageObserverKey`` for the (stage, observer) index),
    /// for writing a snapshot.
    var loadedPostings: [(field: FieldCode, postings: [FieldValue: Set<Int64>])] {
        slotByField.sorted { $0.value < $1.value }.compactMap { field, slot in
            unloadedIndexes[slot] == nil ? (field, indexes[slot]) : nil
        }
    }

    /// Every (index slot, key) an item is found under, from one read of its indexed fields: each hash-indexed
    /// value, and each (stage, observer) pair.
    private func indexEntries(of item: AnyItem) -> [(Int, FieldValue)] {
        let values = item.values(atBindings: entryBindings)
        var entries: [(Int, FieldValue)] = []
        for (slot, value) in zip(indexedFieldList.indices, values) {
            for key in Self.indexKeys(value) { entries.append((slot, key)) }
        }
        if stageObserverBindings != nil, values.count >= 2 {
            let stage = values[values.count - 2]
            if !stage.isEmpty {
                for observer in Self.indexKeys(values[values.count - 1]) { entries.append((indexedFieldList.count, .list([stage, observer]))) }
            }
        }
        return entries
    }

    /// The values an item is found under: each element of a list, nothing for an empty value.
    private static func indexKeys(_ value: FieldValue) -> [FieldValue] {
        switch value {
        case .list(let values): values.filter { !$0.isEmpty }
        case _ where value.isEmpty: []
        default: [value]
        }
    }

    /// The IDs under which a hash index finds the items with a value, or nil when the field is not indexed
    /// (or its index is not loaded).
    func indexed(_ field: FieldCode, _ value: FieldValue) -> Set<Int64>? {
        guard let slot = slotByField[field], unloadedIndexes[slot] == nil else { return nil }
        return indexes[slot][value] ?? []
    }

    /// The IDs that can match a (resolved) filter, from the indexes, or nil when a full scan is needed.
    /// Every ID that matches is among them; the filter is still applied to each.
    func candidates(for filter: Filter) -> Set<Int64>? {
        switch filter {
        case .equal(let field, let value) where !value.isEmpty:
            return indexed(field, value)
        case .in(let field, let values) where !values.contains(where: \.isEmpty):
            guard let slot = slotByField[field], unloadedIndexes[slot] == nil else { return nil }
            let index = indexes[slot]
            return values.reduce(into: Set<Int64>()) { $0.formUnion(index[$1] ?? []) }
        case .and(let parts):
            var best: Set<Int64>?
            for part in parts {
                guard let found = candidates(for: part) else { continue }
                best = best.map { $0.intersection(found) } ?? found
            }
            return best
        case .or(let parts):
            var union = Set<Int64>()
            for part in parts {
                guard let found = candidates(for: part) else { return nil }
                union.formUnion(found)
            }
            return union
        default:
            return nil
        }
    }

    /// The items matching a resolved filter, using the indexes where they help.
    func matching(_ filter: Filter?) throws(StoreError) -> [Versioned<AnyItem>] {
        guard let filter else { return try items.all() }
        guard let ids = candidates(for: filter) else { return try items.all().filter { filter.matches($0.item) } }
        var found: [Versioned<AnyItem>] = []
        for id in ids {
            if let stored = try items.item(id), filter.matches(stored.item) { found.append(stored) }
        }
        return found
    }
}

extension ItemTable {
    /// Where an unloaded index is stored: its postings in a snapshot, or nowhere (it is then built from the
    /// items).
    struct StoredIndex: Sendable {
        let source: SnapshotSource
        let postings: Range<Int>?

        /// Decodes the postings (of an index that has some), which must be read to their end; `corrupted` at
        /// the byte that does not decode.
        func decode<Decoded>(_ body: (inout BinaryReader) throws(FormatError) -> Decoded) throws(StoreError) -> Decoded {
            var reader = source.reader(postings ?? 0..<0)
            do throws(FormatError) {
                let decoded = try body(&reader)
                guard reader.isAtEnd else { throw reader.failure("unexpected bytes after an index") }
                return decoded
            } catch {
                throw source.corrupted(error)
            }
        }
    }

    /// A write as the indexes see it: the item replaced or removed, and the item stored.
    struct IndexChange: Sendable {
        var old: AnyItem?
        var new: AnyItem?
    }
}
