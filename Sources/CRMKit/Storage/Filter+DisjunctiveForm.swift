extension Filter {
    /// The condition as an OR of ANDs of leaf conditions (`not` stays a leaf), or nil when that form would
    /// have more than `limit` conjunctions. An empty result matches nothing; an empty conjunction matches
    /// everything. Stores use it to answer each conjunction from the index that fits it best.
    ///
    /// ```swift
    /// // stage = S and (responsible in U or observer = 7)
    /// // → [[stage = S, responsible in U], [stage = S, observer = 7]]
    /// ```
    func disjunctiveForm(limit: Int) -> [[Filter]]? {
        switch self {
        case .or(let parts):
            var result: [[Filter]] = []
            for part in parts {
                guard let form = part.disjunctiveForm(limit: limit) else { return nil }
                result += form
                if result.count > limit { return nil }
            }
            return result
        case .and(let parts):
            var result: [[Filter]] = [[]]
            for part in parts {
                guard let form = part.disjunctiveForm(limit: limit) else { return nil }
                guard result.count * form.count <= limit else { return nil }
                result = result.flatMap { conjunction in form.map { conjunction + $0 } }
            }
            return result
        default:
            return [[self]]
        }
    }
}
