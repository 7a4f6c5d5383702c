/// An item was refused: every problem found, each naming its field. Nothing was changed.
///
/// ```swift
/// do { try validator.validate(deal, for: .create) }
/// catch let error as ValidationError {
///     error.fields   // ["PROBABILITY", "CURRENCY_ID"]
/// }
/// ```
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in schema order.
    public var issues: [ValidationIssue]

    /// Makes an error from problems.
    public init(_ issues: [ValidationIssue]) { self.issues = issues }

    /// Makes an error about one field.
    public init(_ code: ValidationIssue.Code, field: FieldCode, _ message: String) {
        self.issues = [ValidationIssue(code, field: field, message)]
    }

    /// The offending fields, each once, in order.
    public var fields: [FieldCode] {
        var seen = Set<FieldCode>()
        return issues.map(\.field).filter { seen.insert($0).inserted }
    }

    /// Whether an issue with this code names this field.
    public func contains(_ code: ValidationIssue.Code, field: FieldCode) -> Bool {
        issues.contains { $0.code == code && $0.field == field }
    }

    public var description: String {
        "invalid item: " + issues.map(\.description).joined(separator: "; ")
    }
}
