/// A CSV file that cannot be read, or a header that cannot be mapped to fields: what is wrong and where.
///
/// Reading errors name the record (from 1; the header is record 1; blank lines are not records), the
/// field within it (``column``, from 1) and the byte offset in the input (from 0, counting a byte order
/// mark). Header errors name the column and its text.
///
/// ```swift
/// do { _ = try CSVReader.records(in: Array("a,b\r\n1,\"2".utf8)) }
/// catch { error.code; error.record; error.byteOffset }  // .unterminatedQuote, 2, 7
/// ```
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. Extensible: new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's name, such as `"unterminatedQuote"`.
        public var rawValue: String
        /// Makes a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's name.
        public var description: String { rawValue }

        /// The bytes are not valid UTF-8; the offset is the first byte of the ill-formed sequence.
        public static let invalidUTF8 = Code(rawValue: "invalidUTF8")
        /// A quoted field is still open at the end of the input; the offset is its opening quote.
        public static let unterminatedQuote = Code(rawValue: "unterminatedQuote")
        /// A quote inside an unquoted field (`ab"c`), or a closing quote followed by something other than a
        /// separator or a line end (`"ab"c`); the offset is that quote.
        public static let unexpectedQuote = Code(rawValue: "unexpectedQuote")
        /// A record has more fields than the reader's limit (10,000 by default); the offset is the first
        /// byte of the first field over the limit.
        public static let tooManyFields = Code(rawValue: "tooManyFields")
        /// A field holds more bytes than the reader's limit (10 MiB by default); the offset is the start of
        /// the field (its opening quote when quoted).
        public static let fieldTooLong = Code(rawValue: "fieldTooLong")
        /// The file cannot be opened or read.
        public static let readFailed = Code(rawValue: "readFailed")
        /// A header cell names no field of the entity type.
        public static let unknownColumn = Code(rawValue: "unknownColumn")
        /// A header cell names more than one field (two fields share a title); ``CSVError/fields`` lists them.
        public static let ambiguousColumn = Code(rawValue: "ambiguousColumn")
        /// Two header cells name the same field; ``CSVError/fields`` holds it.
        public static let duplicateColumn = Code(rawValue: "duplicateColumn")
    }

    /// What kind of problem it is.
    public var code: Code
    /// The record (from 1, the header is record 1), when known.
    public var record: Int?
    /// The field's position in its record, or the header column (from 1), when known.
    public var column: Int?
    /// The byte offset in the input (from 0), for reading errors.
    public var byteOffset: Int?
    /// The header cell's text, for header errors.
    public var text: String?
    /// The fields involved: the candidates of an ambiguous column, the field of a duplicate one.
    public var fields: [FieldCode]
    /// A sentence for people.
    public var message: String

    /// Makes an error.
    public init(
        _ code: Code, record: Int? = nil, column: Int? = nil, byteOffset: Int? = nil, text: String? = nil,
        fields: [FieldCode] = [], _ message: String
    ) {
        self.code = code
        self.record = record
        self.column = column
        self.byteOffset = byteOffset
        self.text = text
        self.fields = fields
        self.message = message
    }

    /// The code, the place and the message: `unexpectedQuote at record 2, column 1, byte 7: ...`.
    public var description: String {
        var place: [String] = []
        if let record { place.append("record \(record)") }
        if let column { place.append("column \(column)") }
        if let byteOffset { place.append("byte \(byteOffset)") }
        return "\(code)" + (place.isEmpty ? "" : " at " + place.joined(separator: ", ")) + ": \(message)"
    }
}
