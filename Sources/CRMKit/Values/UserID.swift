/// The identifier of a portal user (employee). `0` is never a real user.
///
/// ```swift
/// let id: UserID = 3
/// ```
public struct UserID: IntegerIdentifier {
    /// The numeric value.
    public var rawValue: Int64

    /// Wraps a numeric ID.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}
