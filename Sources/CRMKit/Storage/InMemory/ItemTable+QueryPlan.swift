extension ItemTable {
    /// The most conjunctions a filter may expand to for the planner to answer it from indexes.
    static let conjunctionLimit = 64
    /// The most composite keys one conjunction may try.
    static let compositeKeyLimit = 4_096
    /// Below this many candidates from a hash index, a conjunction's buckets are not worth enumerating.
    static let smallCandidateCount = 256

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
        var checked: [(filter: Filter?, driver: [Set<Int64>], filters: [[Set<Int64>]])] = []
        for conjunction in conjunctions {
            if composite.answersExactly(conjunction), let grouped = composite.keys(for: conjunction, limit: Self.compositeKeyLimit) {
                plan.bucketKeys.formUnion(grouped.keys)
                continue
            }
            // Every index entry that covers the conjunction: the smallest drives, a few others filter by membership.
            var sources = postings(for: conjunction)
            if sources.allSatisfy({ $0.cost > Self.smallCandidateCount }),
                let grouped = composite.keys(for: conjunction, limit: Self.compositeKeyLimit)
            {
                let sets = grouped.keys.compactMap { composite.buckets[$0]?.ids }
                sources.append(Source(sets: sets, answers: []))
            }
            sources.sort { $0.cost < $1.cost }
            guard let driver = sources.first else { return nil }
            let filters = sources.dropFirst().filter { $0.sets.count <= 4 }.prefix(3)
            // When the entries used answer every condition exactly, membership is the check.
            let answered = filters.reduce(driver.answers) { $0.union($1.answers) }
            let filter: Filter? = answered.count == conjunction.count ? nil : .and(conjunction)
            checked.append((filter, driver.sets, filters.map(\.sets)))
        }
        for (filter, driver, filters) in checked {
            for ids in driver {
                for id in ids where !plan.checkedMatches.contains(id) {
                    guard filters.allSatisfy({ sets in sets.contains { $0.contains(id) } }), let item = items[id]?.item,
                        filter?.matches(item) ?? true, !plan.bucketKeys.contains(composite.key(of: item))
                    else { continue }
                    plan.checkedMatches.insert(id)
                }
            }
        }
        plan.total = plan.bucketKeys.reduce(plan.checkedMatches.count) { $0 + (composite.buckets[$1]?.ids.count ?? 0) }
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
