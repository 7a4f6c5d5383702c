/// The identifier of one item of an entity type, such as `ItemID<Deal>`.
///
/// Bitrix24 numbers items per entity type, so a deal ID cannot be mixed up with a lead ID:
///
/// ```swift
/// let deal: ItemID<Deal> = 17
/// let lead = ItemID<Lead>(17)
/// // deal == lead  // does not compile
/// ```
///
/// Stores allocate IDs; an ID is never reused. ``unassigned`` (0) marks an item that has not been created
/// yet. It encodes as a bare number.
public struct ItemID<Entity>: IntegerIdentifier {
    /// The numeric value.
    public var rawValue: Int64

    /// Wraps a numeric ID.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// The ID of an item that has not been created yet (`0`).
    public static var unassigned: ItemID<Entity> { ItemID(rawValue: 0) }

    /// Whether a store has assigned this ID (it is positive).
    public var isAssigned: Bool { rawValue > 0 }
}
