extension ItemTable {
    /// The most conjunctions a filter may expand to for the planner to answer it from indexes.
    static let conjunctionLimit = 64
    /// The most composite keys one conjunction may try.
    static let compositeKeyLimit = 4_096

    /// Answers a resolved query. The filter is expanded into conjunctions: a conjunction of equalities on
    /// pipeline, stage and responsible is answered by the composite index's buckets without reading an item;
    /// any other conjunction is checked item by item on the smallest index entry that covers it; a filter with
    /// a conjunction no index covers is a scan. The page is merged from the buckets' sorted runs, so a first
    /// page costs about its own size, not the number of matches.
    mutating func answer(_ query: Query) -> QueryResult {
        guard let plan = plan(query.filter) else { return query.page(of: matching(query.filter)) }
        let wanted =
            query.limit.map { limit in
                let (sum, overflow) = query.offset.addingReportingOverflow(limit)
                return overflow ? Int.max : sum
            } ?? plan.total
        guard wanted > 0, query.offset < plan.total else { return QueryResult(items: [], total: plan.total) }
        let items = self.items
        var runs: [SortedRun] = []
        for key in plan.bucketKeys {
            if let run = composite?.run(of: key, order: query.order, items: items) { runs.append(run) }
        }
        if !plan.checkedMatches.isEmpty { runs.append(SortedRun(ids: plan.checkedMatches, order: query.order, items: items)) }
        var page = SortedRun.merge(runs, first: wanted).dropFirst(query.offset).compactMap { items[runs[$0.run].ids[$0.position]] }
        if let select = query.select {
            page = page.map { Versioned(item: $0.item.selecting(select), revision: $0.revision) }
        }
        return QueryResult(items: page, total: plan.total)
    }

    /// What answers a filter: whole composite buckets, plus items checked one by one that are in none of them.
    private struct Plan {
        var bucketKeys: Set<[FieldValue]> = []
        var checkedMatches: Set<Int64> = []
        var total = 0
    }

    /// The plan for a filter, or nil when one of its conjunctions needs a scan (or it expands too far).
    private func plan(_ filter: Filter?) -> Plan? {
        guard let composite, let conjunctions = (filter ?? .and([])).disjunctiveForm(limit: Self.conjunctionLimit) else {
            return nil
        }
        var plan = Plan()
        var checked: [(filter: Filter, candidates: [Set<Int64>])] = []
        for conjunction in conjunctions {
            let grouped = composite.keys(for: conjunction, limit: Self.compositeKeyLimit)
            if let grouped, grouped.residual.isEmpty {
                plan.bucketKeys.formUnion(grouped.keys)
                continue
            }
            var best: (cost: Int, candidates: [Set<Int64>])?
            if let grouped {
                let sets = grouped.keys.compactMap { composite.buckets[$0]?.ids }
                best = (sets.reduce(0) { $0 + $1.count }, sets)
            }
            for condition in conjunction {
                guard let sets = postings(for: condition) else { continue }
                let cost = sets.reduce(0) { $0 + $1.count }
                if cost < best?.cost ?? .max { best = (cost, sets) }
            }
            guard let best else { return nil }
            checked.append((.and(conjunction), best.candidates))
        }
        for (filter, candidates) in checked {
            for ids in candidates {
                for id in ids where !plan.checkedMatches.contains(id) {
                    guard let item = items[id]?.item, filter.matches(item), !plan.bucketKeys.contains(composite.key(of: item)) else {
                        continue
                    }
                    plan.checkedMatches.insert(id)
                }
            }
        }
        plan.total = plan.bucketKeys.reduce(plan.checkedMatches.count) { $0 + (composite.buckets[$1]?.ids.count ?? 0) }
        return plan
    }

    /// The hash index entries holding every item a leaf condition can match, or nil when no index covers it.
    private func postings(for condition: Filter) -> [Set<Int64>]? {
        switch condition {
        case .equal(let field, let value) where !value.isEmpty:
            return indexed(field, value).map { [$0] }
        case .in(let field, let values) where !values.contains(where: \.isEmpty):
            var sets: [Set<Int64>] = []
            for value in Set(values) {
                guard let ids = indexed(field, value) else { return nil }
                sets.append(ids)
            }
            return sets
        default:
            return nil
        }
    }
}
