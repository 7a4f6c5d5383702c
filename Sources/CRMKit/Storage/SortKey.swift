/// One key of a query's order: a field and a direction. Empty values sort first when ascending and last
/// when descending (they are the smallest), on every store.
///
/// ```swift
/// let order: [SortKey] = [.descending("OPPORTUNITY"), .ascending("ID")]
/// ```
public struct SortKey: Hashable, Sendable {
    /// The field.
    public var field: FieldCode
    /// Whether larger values come first.
    public var isDescending: Bool

    /// Makes a key.
    public init(_ field: FieldCode, descending: Bool = false) {
        self.field = field
        self.isDescending = descending
    }

    /// Smallest first.
    public static func ascending(_ field: FieldCode) -> SortKey { SortKey(field) }
    /// Largest first.
    public static func descending(_ field: FieldCode) -> SortKey { SortKey(field, descending: true) }
}
