/// The identifier of a pipeline (Bitrix24 "category"); the default deal pipeline is `0`.
///
/// ```swift
/// let id: CategoryID = 3
/// ```
public struct CategoryID: IntegerIdentifier {
    /// The numeric value.
    public var rawValue: Int64

    /// Wraps a numeric ID.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}
