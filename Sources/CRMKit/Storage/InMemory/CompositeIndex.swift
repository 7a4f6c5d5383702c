/// Items grouped by the combination of their pipeline, stage and responsible person (the fields of the
/// entity type among those): the shape of nearly every CRM list — a kanban column, filtered to the people a
/// user may see. A conjunction of equalities on these fields names a few buckets, so its count is a sum of
/// bucket sizes and its first page a merge of the buckets' sorted runs, whatever the store's size.
///
/// Each bucket sorts its IDs for an order the first time a query asks for it and keeps that run until the
/// bucket changes.
struct CompositeIndex: Sendable {
    /// The grouping fields, in key order.
    let fields: [FieldCode]
    /// The schema position of each field.
    private let bindings: [Int]
    private(set) var buckets: [[FieldValue]: Bucket] = [:]
    /// How many items have each value, per field: the values a conjunction that leaves a field open runs over.
    private(set) var valueCounts: [[FieldValue: Int]]

    /// The items of one key, with their runs sorted by the orders queries asked for.
    struct Bucket: Sendable {
        var ids: Set<Int64> = []
        var runs: [[SortKey]: SortedRun] = [:]

        /// The run for an order, sorted now if no query asked for it since the bucket last changed.
        mutating func run(for order: [SortKey], items: [Int64: Versioned<AnyItem>]) -> SortedRun {
            if let run = runs[order] { return run }
            let run = SortedRun(ids: ids, order: order, items: items)
            runs[order] = run
            return run
        }
    }

    /// The index for an entity type: nil when it has none of the grouping fields.
    init?(entityType: EntityType) {
        let fields = entityType.fields
        let codes = ["CATEGORY_ID", entityType.stageFieldCode?.rawValue, "ASSIGNED_BY_ID"].compactMap { $0 }
        var chosen: [FieldCode] = []
        var bindings: [Int] = []
        for code in codes {
            guard let position = fields.firstIndex(where: { $0.code.rawValue == code }), !fields[position].isMultiple else {
                continue
            }
            chosen.append(fields[position].code)
            bindings.append(position)
        }
        guard !chosen.isEmpty else { return nil }
        self.fields = chosen
        self.bindings = bindings
        valueCounts = Array(repeating: [:], count: chosen.count)
    }

    /// The key an item is grouped under.
    func key(of item: AnyItem) -> [FieldValue] { item.values(atBindings: bindings) }

    mutating func insert(_ item: AnyItem) {
        let key = key(of: item)
        buckets[key, default: Bucket()].ids.insert(item.id)
        buckets[key]?.runs = [:]
        for (position, value) in key.enumerated() { valueCounts[position][value, default: 0] += 1 }
    }

    mutating func remove(_ item: AnyItem) {
        let key = key(of: item)
        guard var bucket = buckets.removeValue(forKey: key), bucket.ids.remove(item.id) != nil else { return }
        if !bucket.ids.isEmpty {
            bucket.runs = [:]
            buckets[key] = bucket
        }
        for (position, value) in key.enumerated() {
            let count = (valueCounts[position][value] ?? 0) - 1
            valueCounts[position][value] = count > 0 ? count : nil
        }
    }

    /// The sorted run of a bucket (cached in it), or nil when no item has that key.
    mutating func run(of key: [FieldValue], order: [SortKey], items: [Int64: Versioned<AnyItem>]) -> SortedRun? {
        buckets[key]?.run(for: order, items: items)
    }

    /// The keys of the buckets a conjunction's equalities on the grouping fields select, and the conditions
    /// left to check on their items; nil when the open fields would make more than `limit` keys to try.
    /// A field no condition names is open: every value it has is tried.
    func keys(for conjunction: [Filter], limit: Int) -> (keys: [[FieldValue]], residual: [Filter])? {
        var allowed: [Set<FieldValue>?] = Array(repeating: nil, count: fields.count)
        var residual: [Filter] = []
        for condition in conjunction {
            guard let (position, values) = exactValues(of: condition) else {
                residual.append(condition)
                continue
            }
            allowed[position] = allowed[position].map { $0.intersection(values) } ?? values
        }
        let choices = allowed.enumerated().map { position, values in values.map(Array.init) ?? Array(valueCounts[position].keys) }
        var combinations = 1
        for choice in choices {
            combinations = combinations.multipliedReportingOverflow(by: max(choice.count, 1)).partialValue
            if combinations > limit { return nil }
        }
        var keys: [[FieldValue]] = [[]]
        for choice in choices { keys = keys.flatMap { prefix in choice.map { prefix + [$0] } } }
        return (keys.filter { buckets[$0] != nil }, residual)
    }

    /// Whether every condition of a conjunction is an equality the bucket keys answer exactly.
    func answersExactly(_ conjunction: [Filter]) -> Bool {
        conjunction.allSatisfy { exactValues(of: $0) != nil }
    }

    /// The grouping field a condition fixes and the values it allows, when the bucket keys answer it exactly:
    /// equality with (or membership in) non-empty text or integer values, which is plain value equality for
    /// these single-valued fields.
    private func exactValues(of condition: Filter) -> (Int, Set<FieldValue>)? {
        let field: FieldCode
        let values: [FieldValue]
        switch condition {
        case .equal(let code, let value): (field, values) = (code, [value])
        case .in(let code, let list): (field, values) = (code, list)
        default: return nil
        }
        guard let position = fields.firstIndex(of: field) else { return nil }
        for value in values {
            switch value {
            case .string(let text) where !text.isEmpty: continue
            case .integer: continue
            default: return nil
            }
        }
        return (position, Set(values))
    }
}
