/// A stored item and its revision. Pass it back to `update` so the store can refuse a stale write.
///
/// ```swift
/// var stored = try await session.get(dealID)   // Versioned<Deal>, revision 3
/// stored.item.title = "Renamed"
/// stored = try await session.update(stored)     // revision 4; a concurrent writer gets a conflict
/// ```
public struct Versioned<Item: Hashable & Sendable>: Hashable, Sendable {
    /// The item.
    public var item: Item
    /// Its revision: 1 when created, one more on each committed change.
    public var revision: Int64

    /// Pairs an item with its revision.
    public init(item: Item, revision: Int64) {
        self.item = item
        self.revision = revision
    }
}
