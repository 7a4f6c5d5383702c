/// The key of an entry of a reference book (a stage, a source, a type), such as `"C3:WON"` or `"CALL"`.
///
/// ```swift
/// let key: StatusID = "C3:WON"
/// ```
public struct StatusID: StringIdentifier {
    /// The key as Bitrix24 writes it.
    public var rawValue: String

    /// Wraps a key.
    public init(rawValue: String) { self.rawValue = rawValue }
}
