/// Items grouped by the combination of their pipeline, stage and responsible person (the fields of the
/// entity type among those): the shape of nearly every CRM list — a kanban column, filtered to the people a
/// user may see. A conjunction of equalities on these fields names a few buckets, so its count is a sum of
/// bucket sizes and its first page a merge of the buckets' sorted runs, whatever the store's size.
///
/// The keys form a tree (pipeline → stage → responsible), so a conjunction's buckets are found by one hash
/// lookup per value it allows, and a field it leaves open runs over the values present under the fields
/// before it, not over every value the field has. Buckets are numbered, and each item's bucket is kept, so a
/// query tests "is this item in one of these buckets" without reading the item.
///
/// Each bucket sorts its IDs for an order the first time a query asks for it and keeps that run until the
/// bucket changes.
struct CompositeIndex: Sendable {
    /// The grouping fields, in key order.
    let fields: [FieldCode]
    /// The schema position of each field.
    private let bindings: [Int]
    /// The buckets, by number. A bucket emptied by removals keeps its number and its place in the tree.
    private(set) var buckets: [Bucket] = []
    /// The key tree: node 0 is the root, and a node at depth `d` maps each value of `fields[d]` present under
    /// it to a node at depth `d + 1` or, at the last depth, to a bucket number.
    private var nodes: [[FieldValue: Int32]] = [[:]]
    /// The bucket number of each item.
    private var bucketOfItem: [Int64: Int32] = [:]

    /// The items of one key, with their runs sorted by the orders queries asked for.
    struct Bucket: Sendable {
        var ids: Set<Int64> = []
        /// One run per order asked for: a list, not a dictionary, as lists ask for one or two orders and
        /// comparing an order costs less than hashing it.
        var runs: [SortedRun] = []

        /// The run for an order, sorted now if no query asked for it since the bucket last changed.
        mutating func run(for order: [SortKey], items: StoredItems) throws(StoreError) -> SortedRun {
            if let run = runs.first(where: { $0.order == order }) { return run }
            let run = try SortedRun(ids: ids, order: order, items: items)
            runs.append(run)
            return run
        }
    }

    /// The buckets a conjunction's conditions on the grouping fields allow, and which of its conditions (by
    /// position) membership in them answers exactly.
    struct Selection {
        /// Bucket numbers; may repeat when a condition lists a value twice.
        var buckets: [Int32]
        var answered: Set<Int>
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
    }

    /// The bucket an item is in, by its ID.
    func bucket(of id: Int64) -> Int32? { bucketOfItem[id] }

    mutating func insert(_ item: AnyItem) {
        remove(item.id)
        let bucket = bucketNumber(for: item.values(atBindings: bindings))
        buckets[Int(bucket)].ids.insert(item.id)
        buckets[Int(bucket)].runs = []
        bucketOfItem[item.id] = bucket
    }

    /// Adds items under a key (one value per grouping field), as a snapshot's buckets hold them.
    mutating func insert(ids: Set<Int64>, key: [FieldValue]) {
        let bucket = bucketNumber(for: key)
        buckets[Int(bucket)].ids.formUnion(ids)
        buckets[Int(bucket)].runs = []
        bucketOfItem.reserveCapacity(bucketOfItem.count + ids.count)
        for id in ids { bucketOfItem[id] = bucket }
    }

    /// The number of a key's bucket, made with its path in the tree when new.
    private mutating func bucketNumber(for key: [FieldValue]) -> Int32 {
        var node = 0
        var bucket: Int32 = 0
        for (depth, value) in key.enumerated() {
            let isLast = depth == key.count - 1
            if let next = nodes[node][value] {
                if isLast { bucket = next } else { node = Int(next) }
            } else if isLast {
                bucket = Int32(buckets.count)
                buckets.append(Bucket())
                nodes[node][value] = bucket
            } else {
                let next = nodes.count
                nodes.append([:])
                nodes[node][value] = Int32(next)
                node = next
            }
        }
        return bucket
    }

    /// Every non-empty bucket's IDs with its key, for writing a snapshot.
    var keyedBuckets: [(key: [FieldValue], ids: Set<Int64>)] {
        var result: [(key: [FieldValue], ids: Set<Int64>)] = []
        func visit(_ node: Int, _ prefix: [FieldValue]) {
            for (value, child) in nodes[node] {
                let key = prefix + [value]
                if key.count == fields.count {
                    if !buckets[Int(child)].ids.isEmpty { result.append((key, buckets[Int(child)].ids)) }
                } else {
                    visit(Int(child), key)
                }
            }
        }
        visit(0, [])
        return result
    }

    mutating func remove(_ id: Int64) {
        guard let bucket = bucketOfItem.removeValue(forKey: id) else { return }
        buckets[Int(bucket)].ids.remove(id)
        buckets[Int(bucket)].runs = []
    }

    /// The sorted run of a bucket (cached in it).
    mutating func run(of bucket: Int32, order: [SortKey], items: StoredItems) throws(StoreError) -> SortedRun {
        try buckets[Int(bucket)].run(for: order, items: items)
    }

    /// The buckets whose keys satisfy a conjunction's equalities on the grouping fields; nil when more than
    /// `limit` buckets (or tree nodes at one depth) would be visited. A field no condition names is open: every
    /// value present under the fields before it is taken.
    func selection(for conjunction: [Filter], limit: Int) -> Selection? {
        var allowed: [[FieldValue]?] = Array(repeating: nil, count: fields.count)
        var answered: Set<Int> = []
        for (index, condition) in conjunction.enumerated() {
            guard let (position, values) = exactValues(of: condition) else { continue }
            answered.insert(index)
            if let earlier = allowed[position] {
                let both = Set(values)
                allowed[position] = earlier.filter(both.contains)
            } else {
                allowed[position] = values
            }
        }
        var frontier: [Int32] = [0]
        for depth in fields.indices {
            var next: [Int32] = []
            for node in frontier {
                let children = nodes[Int(node)]
                if let values = allowed[depth] {
                    for value in values { if let child = children[value] { next.append(child) } }
                } else {
                    next.append(contentsOf: children.values)
                }
                if next.count > limit { return nil }
            }
            frontier = next
        }
        return Selection(buckets: frontier, answered: answered)
    }

    /// Whether the bucket keys answer every condition of a conjunction exactly (the empty one included: it
    /// selects every bucket).
    func answersExactly(_ conjunction: [Filter]) -> Bool {
        conjunction.allSatisfy { exactValues(of: $0) != nil }
    }

    /// Whether the bucket keys answer at least one condition of a conjunction.
    func constrains(_ conjunction: [Filter]) -> Bool {
        conjunction.contains { exactValues(of: $0) != nil }
    }

    /// The grouping field a condition fixes and the values it allows, when the bucket keys answer it exactly:
    /// equality with (or membership in) non-empty text or integer values, which is plain value equality for
    /// these single-valued fields.
    private func exactValues(of condition: Filter) -> (Int, [FieldValue])? {
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
        return (position, values)
    }
}
