/// Which item: an entity type and a numeric ID, for places that hold items of any type (timeline, history,
/// change sets, links).
///
/// ```swift
/// let ref = ItemReference(.deal, 17)
/// ref.description   // "deal 17"
/// ```
public struct ItemReference: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The entity type.
    public var entityType: EntityType
    /// The item's ID within its type.
    public var id: Int64

    /// Makes a reference.
    public init(_ entityType: EntityType, _ id: Int64) {
        self.entityType = entityType
        self.id = id
    }

    /// The reference of a typed ID.
    public init<Entity: CRMEntity>(_ id: ItemID<Entity>) {
        self.init(Entity.entityType, id.rawValue)
    }

    public var description: String { "\(entityType) \(id)" }

    public static func < (lhs: ItemReference, rhs: ItemReference) -> Bool {
        (lhs.entityType.rawValue, lhs.id) < (rhs.entityType.rawValue, rhs.id)
    }
}
