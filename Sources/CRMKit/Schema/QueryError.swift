/// A query or REST filter that cannot run: an unknown field, an operator that does not fit the field's
/// type, a value of the wrong kind, malformed syntax.
///
/// ```swift
/// do { _ = try RESTFilter.parse(#"{">TITLE": 5}"#, for: .deal) }
/// catch let error as QueryError { error.field }  // "TITLE"
/// ```
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. Extensible: new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No field has this code or key.
        public static let unknownField = Code(rawValue: "unknownField")
        /// The operator does not apply to the field's type (`>` on a text, `%` on a number).
        public static let operatorMismatch = Code(rawValue: "operatorMismatch")
        /// The value cannot be read as the field's type.
        public static let valueMismatch = Code(rawValue: "valueMismatch")
        /// The filter text is not valid.
        public static let malformed = Code(rawValue: "malformed")
        /// A limit or offset out of range.
        public static let invalidPaging = Code(rawValue: "invalidPaging")
    }

    /// What kind of problem it is.
    public var code: Code
    /// The field concerned, if any.
    public var field: FieldCode?
    /// A sentence for people.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, field: FieldCode? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
