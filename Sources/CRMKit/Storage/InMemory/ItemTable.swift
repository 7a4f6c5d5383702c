/// The items of one entity type with hash indexes on the fields lists filter by, kept consistent on every
/// put and remove.
struct ItemTable: Sendable {
    let entityType: EntityType
    private(set) var items: [Int64: Versioned<AnyItem>] = [:]
    /// The hash indexes by slot: one per field of `indexedFieldList`, then the (stage, observer) index when
    /// the type has one. Writes reach an index by position, without hashing its field's code.
    private var indexes: [[FieldValue: Set<Int64>]]
    /// The slot of each index by field code (``stageObserverKey`` for the (stage, observer) index).
    private let slotByField: [FieldCode: Int]
    /// The indexed fields, as a list of its own: iterating `indexes.keys` while mutating `indexes` would copy
    /// every index on every write.
    private let indexedFieldList: [FieldCode]
    /// The schema positions an item's index entries are read from: each field of `indexedFieldList`, then the
    /// stage and observers when the type has the (stage, observer) index.
    private let entryBindings: [Int]
    /// Items by (pipeline, stage, responsible), for the conjunctions of equalities lists mostly are.
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
        composite = CompositeIndex(entityType: entityType)
    }

    /// The codes of the indexed fields.
    var indexedFields: Set<FieldCode> { Set(indexedFieldList) }

    subscript(id: Int64) -> Versioned<AnyItem>? { items[id] }

    /// Whether an item has the ID.
    func contains(_ id: Int64) -> Bool { items.index(forKey: id) != nil }

    mutating func put(_ versioned: Versioned<AnyItem>) {
        let id = versioned.item.id
        if let old = items[id] { unindex(old.item) }
        items[id] = versioned
        composite?.insert(versioned.item)
        for (slot, key) in indexEntries(of: versioned.item) { indexes[slot][key, default: []].insert(id) }
    }

    mutating func remove(_ id: Int64) {
        guard let old = items.removeValue(forKey: id) else { return }
        unindex(old.item)
    }

    private mutating func unindex(_ item: AnyItem) {
        composite?.remove(item.id)
        for (slot, key) in indexEntries(of: item) {
            guard var ids = indexes[slot].removeValue(forKey: key) else { continue }
            ids.remove(item.id)
            if !ids.isEmpty { indexes[slot][key] = ids }
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

    /// The IDs under which a hash index finds the items with a value, or nil when the field is not indexed.
    func indexed(_ field: FieldCode, _ value: FieldValue) -> Set<Int64>? {
        guard let slot = slotByField[field] else { return nil }
        return indexes[slot][value] ?? []
    }

    /// The IDs that can match a (resolved) filter, from the indexes, or nil when a full scan is needed.
    /// Every ID that matches is among them; the filter is still applied to each.
    func candidates(for filter: Filter) -> Set<Int64>? {
        switch filter {
        case .equal(let field, let value) where !value.isEmpty:
            guard let slot = slotByField[field] else { return nil }
            return indexes[slot][value] ?? []
        case .in(let field, let values) where !values.contains(where: \.isEmpty):
            guard let slot = slotByField[field] else { return nil }
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
    func matching(_ filter: Filter?) -> [Versioned<AnyItem>] {
        guard let filter else { return Array(items.values) }
        if let ids = candidates(for: filter) {
            return ids.compactMap { items[$0] }.filter { filter.matches($0.item) }
        }
        return items.values.filter { filter.matches($0.item) }
    }
}
