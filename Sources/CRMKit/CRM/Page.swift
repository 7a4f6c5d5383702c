/// One page of a list: typed items with their revisions, and how many items match over all pages.
public struct Page<Entity: CRMEntity>: Hashable, Sendable {
    /// The items of the page.
    public var items: [Versioned<Entity>]
    /// How many items the user may read that match the filter.
    public var total: Int

    /// Makes a page.
    public init(items: [Versioned<Entity>], total: Int) {
        self.items = items
        self.total = total
    }
}
