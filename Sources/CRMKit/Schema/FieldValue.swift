public import Foundation

/// The value of any field, read or written by code: the common currency of validation, filtering, sorting,
/// the codecs and the metadata.
///
/// ```swift
/// deal[field: "STAGE_ID"]                       // .string("PREPARATION")
/// try deal.setValue(.decimal(1200), forField: "OPPORTUNITY")
/// ```
public enum FieldValue: Hashable, Sendable {
    /// No value.
    case null
    /// Text, and string keys (stage, currency).
    case string(String)
    /// Whole numbers, and numeric IDs (users, items, pipelines).
    case integer(Int64)
    /// Exact decimal numbers (amounts, rates).
    case decimal(Decimal)
    /// Yes or no.
    case bool(Bool)
    /// A date without time.
    case date(CalendarDate)
    /// An instant.
    case dateTime(Timestamp)
    /// An amount with its currency (money user fields).
    case money(Money)
    /// A phone, e-mail, website or messenger entry.
    case multifield(Multifield)
    /// A file.
    case file(FileReference)
    /// The values of a multiple field.
    case list([FieldValue])

    /// Whether this is ``null`` or an empty list or string (what "missing" means for a required field).
    public var isEmpty: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .list(let values): values.isEmpty
        default: false
        }
    }

    /// The name of the kind of value, for error messages (`"string"`, `"integer"`, ...).
    public var kindName: String {
        switch self {
        case .null: "null"
        case .string: "string"
        case .integer: "integer"
        case .decimal: "decimal"
        case .bool: "boolean"
        case .date: "date"
        case .dateTime: "date-time"
        case .money: "money"
        case .multifield: "multifield"
        case .file: "file"
        case .list: "list"
        }
    }
}
