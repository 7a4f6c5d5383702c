/// A list request any store can translate: which entity type, a filter tree, an order, paging and a field
/// selection. Sessions add the user's access filter before a store sees it.
///
/// ```swift
/// var query = Query(.deal, filter: .equal("STAGE_ID", .string("NEW")))
/// query.order = [.descending("OPPORTUNITY")]
/// query.limit = 50
/// ```
public struct Query: Hashable, Sendable {
    /// The entity type listed.
    public var entityType: EntityType
    /// The condition; nil lists everything.
    public var filter: Filter?
    /// The order; items with equal keys come by ascending ID (always the final tie-breaker).
    public var order: [SortKey]
    /// How many items at most; nil for all.
    public var limit: Int?
    /// How many matching items to skip.
    public var offset: Int
    /// Which fields to fill in the returned items (the ID always); nil for all.
    public var select: [FieldCode]?

    /// Makes a query.
    public init(
        _ entityType: EntityType, filter: Filter? = nil, order: [SortKey] = [], limit: Int? = nil, offset: Int = 0,
        select: [FieldCode]? = nil
    ) {
        self.entityType = entityType
        self.filter = filter
        self.order = order
        self.limit = limit
        self.offset = offset
        self.select = select
    }
}

/// One page of a query's answer, with the number of all matching items.
public struct QueryResult: Hashable, Sendable {
    /// The items of the page, in order, each with its revision.
    public var items: [Versioned<AnyItem>]
    /// How many items match the filter, over all pages.
    public var total: Int

    /// Makes a result.
    public init(items: [Versioned<AnyItem>], total: Int) {
        self.items = items
        self.total = total
    }
}
