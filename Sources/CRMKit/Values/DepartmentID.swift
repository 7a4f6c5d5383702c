/// The identifier of a department of the portal's org chart.
///
/// ```swift
/// let id: DepartmentID = 3
/// ```
public struct DepartmentID: IntegerIdentifier {
    /// The numeric value.
    public var rawValue: Int64

    /// Wraps a numeric ID.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}
