public import Foundation

/// A Swift type that a field's typed property can have, convertible to and from ``FieldValue``.
///
/// CRMKit's own value types conform; conform your own types to bind them to custom schemas.
///
/// ```swift
/// let value = StatusID("WON").fieldValue          // .string("WON")
/// let stage = try StatusID(fieldValue: .string("WON"))
/// ```
public protocol FieldValueConvertible: Sendable {
    /// The value in field form.
    var fieldValue: FieldValue { get }
    /// Reads the value back; throws when the field value is of another kind.
    init(fieldValue: FieldValue) throws(FieldValueError)
}

extension String: FieldValueConvertible {
    public var fieldValue: FieldValue { .string(self) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .string(let text) = fieldValue else { throw FieldValueError(expected: "string", actual: fieldValue) }
        self = text
    }
}

extension Int64: FieldValueConvertible {
    public var fieldValue: FieldValue { .integer(self) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .integer(let number) = fieldValue else { throw FieldValueError(expected: "integer", actual: fieldValue) }
        self = number
    }
}

extension Int: FieldValueConvertible {
    public var fieldValue: FieldValue { .integer(Int64(self)) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .integer(let number) = fieldValue, let value = Int(exactly: number) else {
            throw FieldValueError(expected: "integer", actual: fieldValue)
        }
        self = value
    }
}

extension Decimal: FieldValueConvertible {
    public var fieldValue: FieldValue { .decimal(self) }
    /// Accepts ``FieldValue/decimal(_:)`` and ``FieldValue/integer(_:)``.
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        switch fieldValue {
        case .decimal(let number): self = number
        case .integer(let number): self = Decimal(number)
        default: throw FieldValueError(expected: "decimal", actual: fieldValue)
        }
    }
}

extension Bool: FieldValueConvertible {
    public var fieldValue: FieldValue { .bool(self) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .bool(let flag) = fieldValue else { throw FieldValueError(expected: "boolean", actual: fieldValue) }
        self = flag
    }
}

extension CalendarDate: FieldValueConvertible {
    public var fieldValue: FieldValue { .date(self) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .date(let date) = fieldValue else { throw FieldValueError(expected: "date", actual: fieldValue) }
        self = date
    }
}

extension Timestamp: FieldValueConvertible {
    public var fieldValue: FieldValue { .dateTime(self) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .dateTime(let instant) = fieldValue else {
            throw FieldValueError(expected: "date-time", actual: fieldValue)
        }
        self = instant
    }
}

extension Money: FieldValueConvertible {
    public var fieldValue: FieldValue { .money(self) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .money(let amount) = fieldValue else { throw FieldValueError(expected: "money", actual: fieldValue) }
        self = amount
    }
}

extension Multifield: FieldValueConvertible {
    public var fieldValue: FieldValue { .multifield(self) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .multifield(let entry) = fieldValue else {
            throw FieldValueError(expected: "multifield", actual: fieldValue)
        }
        self = entry
    }
}

extension FileReference: FieldValueConvertible {
    public var fieldValue: FieldValue { .file(self) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .file(let file) = fieldValue else { throw FieldValueError(expected: "file", actual: fieldValue) }
        self = file
    }
}

extension Optional: FieldValueConvertible where Wrapped: FieldValueConvertible {
    public var fieldValue: FieldValue { self?.fieldValue ?? .null }
    /// ``FieldValue/null`` reads as nil.
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        self = fieldValue == .null ? nil : try Wrapped(fieldValue: fieldValue)
    }
}

extension Array: FieldValueConvertible where Element: FieldValueConvertible {
    public var fieldValue: FieldValue { .list(map(\.fieldValue)) }
    /// ``FieldValue/null`` reads as an empty list; a single value as a list of one.
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        switch fieldValue {
        case .null: self = []
        case .list(let values):
            var elements: [Element] = []
            elements.reserveCapacity(values.count)
            for value in values { elements.append(try Element(fieldValue: value)) }
            self = elements
        default: self = [try Element(fieldValue: fieldValue)]
        }
    }
}

extension FieldValueConvertible where Self: IntegerIdentifier {
    public var fieldValue: FieldValue { .integer(rawValue) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .integer(let number) = fieldValue else { throw FieldValueError(expected: "integer ID", actual: fieldValue) }
        self.init(rawValue: number)
    }
}

extension FieldValueConvertible where Self: StringIdentifier {
    public var fieldValue: FieldValue { .string(rawValue) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .string(let text) = fieldValue else { throw FieldValueError(expected: "string key", actual: fieldValue) }
        self.init(rawValue: text)
    }
}

extension ItemID: FieldValueConvertible {}
extension UserID: FieldValueConvertible {}
extension DepartmentID: FieldValueConvertible {}
extension CategoryID: FieldValueConvertible {}
extension StatusID: FieldValueConvertible {}
extension CurrencyCode: FieldValueConvertible {}

extension StageSemantics: FieldValueConvertible {
    public var fieldValue: FieldValue { .string(rawValue) }
    public init(fieldValue: FieldValue) throws(FieldValueError) {
        guard case .string(let text) = fieldValue, let semantics = StageSemantics(rawValue: text) else {
            throw FieldValueError(expected: "P, S or F", actual: fieldValue)
        }
        self = semantics
    }
}
