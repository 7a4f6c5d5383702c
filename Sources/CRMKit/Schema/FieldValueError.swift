/// A ``FieldValue`` of the wrong kind for the property it was written to.
public struct FieldValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of value the property takes.
    public var expected: String
    /// The value that was given.
    public var actual: FieldValue

    /// Makes an error.
    public init(expected: String, actual: FieldValue) {
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "expected \(expected), got \(actual.kindName)" }
}
