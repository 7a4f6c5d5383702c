/// The items of one entity type with hash indexes on the fields lists filter by, kept consistent on every
/// put and remove.
struct ItemTable: Sendable {
    let entityType: EntityType
    private(set) var items: [Int64: Versioned<AnyItem>] = [:]
    private var indexes: [FieldCode: [FieldValue: Set<Int64>]]
    /// The indexed fields, as a list of its own: iterating `indexes.keys` while mutating `indexes` would copy
    /// every index on every write.
    private let indexedFieldList: [FieldCode]
    /// The schema position of each field of `indexedFieldList`.
    private let indexedBindings: [Int]
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
        var indexes: [FieldCode: [FieldValue: Set<Int64>]] = [:]
        for key in Self.indexedKeys {
            if let descriptor = fields.first(where: { $0.itemKey == key }) { indexes[descriptor.code] = [:] }
        }
        if entityType == .company, let contacts = fields.first(where: { $0.code == "CONTACT_ID" }) {
            indexes[contacts.code] = [:]
        }
        if let stageCode = entityType.stageFieldCode, let stage = fields.firstIndex(where: { $0.code == stageCode }),
            let observers = fields.firstIndex(where: { $0.code == "OBSERVERS" })
        {
            stageObserverBindings = (stage, observers)
            indexes[Self.stageObserverKey] = [:]
        } else {
            stageObserverBindings = nil
        }
        self.indexes = indexes
        indexedFieldList = indexes.keys.filter { $0 != Self.stageObserverKey }.sorted()
        indexedBindings = indexedFieldList.map { code in fields.firstIndex { $0.code == code } ?? 0 }
        composite = CompositeIndex(entityType: entityType)
    }

    /// The codes of the indexed fields.
    var indexedFields: Set<FieldCode> { Set(indexedFieldList) }

    subscript(id: Int64) -> Versioned<AnyItem>? { items[id] }

    mutating func put(_ versioned: Versioned<AnyItem>) {
        let id = versioned.item.id
        if let old = items[id] { unindex(old.item) }
        items[id] = versioned
        composite?.insert(versioned.item)
        for (field, key) in indexEntries(of: versioned.item) { indexes[field, default: [:]][key, default: []].insert(id) }
    }

    mutating func remove(_ id: Int64) {
        guard let old = items.removeValue(forKey: id) else { return }
        unindex(old.item)
    }

    private mutating func unindex(_ item: AnyItem) {
        composite?.remove(item.id)
        for (field, key) in indexEntries(of: item) {
            guard var ids = indexes[field]?.removeValue(forKey: key) else { continue }
            ids.remove(item.id)
            if !ids.isEmpty { indexes[field]?[key] = ids }
        }
    }

    /// Every (index, key) an item is found under, from one read of its indexed fields: each hash-indexed value,
    /// and each (stage, observer) pair.
    private func indexEntries(of item: AnyItem) -> [(FieldCode, FieldValue)] {
        var bindings = indexedBindings
        if let pair = stageObserverBindings { bindings += [pair.stage, pair.observers] }
        let values = item.values(atBindings: bindings)
        var entries: [(FieldCode, FieldValue)] = []
        for (field, value) in zip(indexedFieldList, values) {
            for key in Self.indexKeys(value) { entries.append((field, key)) }
        }
        if stageObserverBindings != nil, values.count >= 2 {
            let stage = values[values.count - 2]
            if !stage.isEmpty {
                for observer in Self.indexKeys(values[values.count - 1]) { entries.append((Self.stageObserverKey, .list([stage, observer]))) }
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
        guard let index = indexes[field] else { return nil }
        return index[value] ?? []
    }

    /// The IDs that can match a (resolved) filter, from the indexes, or nil when a full scan is needed.
    /// Every ID that matches is among them; the filter is still applied to each.
    func candidates(for filter: Filter) -> Set<Int64>? {
        switch filter {
        case .equal(let field, let value) where !value.isEmpty:
            guard let index = indexes[field] else { return nil }
            return index[value] ?? []
        case .in(let field, let values) where !values.contains(where: \.isEmpty):
            guard let index = indexes[field] else { return nil }
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
