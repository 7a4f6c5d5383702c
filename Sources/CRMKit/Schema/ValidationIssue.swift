/// One problem with one field of an item, found by validation.
///
/// ```swift
/// ValidationIssue(.required, field: "TITLE", "Subject is required")
/// ```
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. Extensible: new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A required field has no value.
        public static let required = Code(rawValue: "required")
        /// A read-only field was given a value.
        public static let readOnly = Code(rawValue: "readOnly")
        /// An immutable field was changed by an update.
        public static let immutable = Code(rawValue: "immutable")
        /// The value is of the wrong kind for the field.
        public static let typeMismatch = Code(rawValue: "typeMismatch")
        /// No field has this code.
        public static let unknownField = Code(rawValue: "unknownField")
        /// The value is not an entry of the field's reference book (or enumeration).
        public static let notInCatalog = Code(rawValue: "notInCatalog")
        /// The stage does not belong to the item's pipeline.
        public static let wrongPipeline = Code(rawValue: "wrongPipeline")
        /// The pipeline does not exist.
        public static let unknownPipeline = Code(rawValue: "unknownPipeline")
        /// The currency is not in the currency catalog.
        public static let unknownCurrency = Code(rawValue: "unknownCurrency")
        /// A number outside its range (probability 0–100, negative amounts or quantities).
        public static let outOfRange = Code(rawValue: "outOfRange")
        /// A malformed e-mail address, phone number or URL.
        public static let malformed = Code(rawValue: "malformed")
        /// A linked item (company, contact, deal, quote, lead) does not exist.
        public static let missingReference = Code(rawValue: "missingReference")
    }

    /// What kind of problem it is.
    public var code: Code
    /// The field, by legacy code.
    public var field: FieldCode
    /// A sentence for people.
    public var message: String

    /// Makes an issue.
    public init(_ code: Code, field: FieldCode, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
