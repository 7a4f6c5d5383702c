extension ItemTable {
    /// The most conjunctions a filter may expand to for the planner to answer it from indexes.
    static let conjunctionLimit = 64
    /// The most composite keys one conjunction may try.
    static let compositeKeyLimit = 4_096
    /// Below this many candidates from a hash index, a conjunction's buckets are not worth enumerating.
    static let smallCandidateCount = 256

    /// Answers a resolved query. The filter is expanded into conjunctions: a conjunction of equalities on
    /// pipeline, stage and responsible is answered by the composite index's buckets without reading an item;
    /// any other conjunction is checked on the smallest index entry that covers it (its buckets among them),
    /// filtered by bucket and by other entries' membership, and item by item only for conditions no index
    /// answers; a filter with a conjunction no index covers is a scan. The page is merged from the buckets'
    /// sorted runs, so a first page costs about its own size, not the number of matches.
    /// Loads the indexes the query needs first; throws `corrupted` when an item or index does not decode.
    mutating func answer(_ query: Query) throws(StoreError) -> QueryResult {
        try loadIndexes(for: query.filter)
        guard let plan = try plan(query.filter) else { return query.page(of: try matching(query.filter)) }
        let wanted =
            query.limit.map { limit in
                let (sum, overflow) = query.offset.addingReportingOverflow(limit)
                return overflow ? Int.max : sum
            } ?? plan.total
        guard wanted > 0, query.offset < plan.total else { return QueryResult(items: [], total: plan.total) }
        let items = self.items
        var runs: [SortedRun] = []
        for bucket in plan.buckets {
            if let run = try composite?.run(of: bucket, order: query.order, items: items), run.count > 0 { runs.append(run) }
        }
        if !plan.checkedMatches.isEmpty { runs.append(try SortedRun(ids: plan.checkedMatches, order: query.order, items: items)) }
        var page: [Versioned<AnyItem>] = []
        for id in SortedRun.merge(runs, first: wanted).dropFirst(query.offset) {
            if let stored = try items.item(id) { page.append(stored) }
        }
        if let select = query.select {
            page = page.map { Versioned(item: $0.item.selecting(select), revision: $0.revision) }
        }
        return QueryResult(items: page, total: plan.total)
    }

    /// What answers a filter: whole composite buckets, plus items checked one by one that are in none of them.
    private struct Plan {
        var buckets: Set<Int32> = []
        var checkedMatches: Set<Int64> = []
        var total = 0
    }

    /// A conjunction answered item by item: the index entries whose items are tried, the entries they must
    /// also be in, the buckets they must be in (nil: any), and the conditions left to check on each (nil: none).
    private struct CheckedConjunction {
        var driver: [Set<Int64>]
        var filters: [[Set<Int64>]]
        var within: Set<Int32>?
        var residual: Filter?
    }

    /// The plan for a filter, or nil when one of its conjunctions needs a scan (or it expands too far).
    private func plan(_ filter: Filter?) throws(StoreError) -> Plan? {
        guard let composite, let conjunctions = (filter ?? .and([])).disjunctiveForm(limit: Self.conjunctionLimit) else {
            return nil
        }
        var plan = Plan()
        var checked: [CheckedConjunction] = []
        for conjunction in conjunctions {
            if composite.answersExactly(conjunction), let selection = composite.selection(for: conjunction, limit: Self.compositeKeyLimit) {
                plan.buckets.reserveCapacity(plan.buckets.count + selection.buckets.count)
                plan.buckets.formUnion(selection.buckets)
                continue
            }
            // Every index entry that covers the conjunction: the smallest drives, the buckets and a few other
            // entries filter by membership, and only the conditions none of them answers are checked.
            var sources = postings(for: conjunction)
            // An empty entry: nothing matches (the buckets need not be walked).
            if sources.contains(where: { $0.cost == 0 }) { continue }
            let selection =
                composite.constrains(conjunction) ? composite.selection(for: conjunction, limit: Self.compositeKeyLimit) : nil
            // Its equalities on the grouping fields name no bucket: nothing matches.
            if let selection, selection.buckets.isEmpty { continue }
            if let selection {
                sources.append(Source(sets: selection.buckets.map { composite.buckets[Int($0)].ids }, answers: selection.answered))
            }
            sources.sort { $0.cost < $1.cost }
            guard let driver = sources.first else { return nil }
            var answered = driver.answers.union(selection?.answered ?? [])
            var filters: [[Set<Int64>]] = []
            for source in sources.dropFirst() where source.sets.count <= 4 && filters.count < 3 && !source.answers.isSubset(of: answered) {
                filters.append(source.sets)
                answered.formUnion(source.answers)
            }
            let residual = conjunction.indices.filter { !answered.contains($0) }.map { conjunction[$0] }
            checked.append(
                CheckedConjunction(
                    driver: driver.sets, filters: filters, within: selection.map { Set($0.buckets) },
                    residual: residual.isEmpty ? nil : .and(residual)))
        }
        for conjunction in checked {
            for ids in conjunction.driver {
                for id in ids where !plan.checkedMatches.contains(id) {
                    guard let bucket = composite.bucket(of: id), !plan.buckets.contains(bucket),
                        conjunction.within?.contains(bucket) ?? true,
                        conjunction.filters.allSatisfy({ sets in sets.contains { $0.contains(id) } })
                    else { continue }
                    if let residual = conjunction.residual {
                        guard let item = try items.item(id)?.item, residual.matches(item) else { continue }
                    }
                    plan.checkedMatches.insert(id)
                }
            }
        }
        plan.total = plan.buckets.reduce(plan.checkedMatches.count) { $0 + composite.buckets[Int($1)].ids.count }
        return plan
    }

    /// Index entries that hold every item a conjunction can match, and which of its conditions (by position)
    /// membership in them answers exactly.
    private struct Source {
        var sets: [Set<Int64>]
        var answers: Set<Int>
        var cost: Int { sets.reduce(0) { $0 + $1.count } }
    }

    /// For each condition of a conjunction an index covers, the index entries holding every item it can match;
    /// a stage equality with an observer equality also gives the (stage, observer) entry. Membership answers a
    /// condition exactly when its values are non-empty text or integers (plain value equality, for a multiple
    /// field of any element).
    private func postings(for conjunction: [Filter]) -> [Source] {
        var result: [Source] = []
        var stage: (value: FieldValue, position: Int)?
        var observer: (value: FieldValue, position: Int)?
        func isPlain(_ value: FieldValue) -> Bool {
            switch value {
            case .string(let text): !text.isEmpty
            case .integer: true
            default: false
            }
        }
        for (position, condition) in conjunction.enumerated() {
            switch condition {
            case .equal(let field, let value) where !value.isEmpty:
                if field == entityType.stageFieldCode, isPlain(value) { stage = (value, position) }
                if field == "OBSERVERS", isPlain(value) { observer = (value, position) }
                if let ids = indexed(field, value) { result.append(Source(sets: [ids], answers: isPlain(value) ? [position] : [])) }
            case .in(let field, let values) where !values.contains(where: \.isEmpty):
                var sets: [Set<Int64>] = []
                for value in Set(values) {
                    guard let ids = indexed(field, value) else { break }
                    sets.append(ids)
                }
                if sets.count == Set(values).count {
                    result.append(Source(sets: sets, answers: values.allSatisfy(isPlain) ? [position] : []))
                }
            default:
                continue
            }
        }
        if let stage, let observer, let ids = indexed(Self.stageObserverKey, .list([stage.value, observer.value])) {
            result.append(Source(sets: [ids], answers: [stage.position, observer.position]))
        }
        return result
    }
}
