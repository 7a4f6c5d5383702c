/// One record to import: field values by code, as a file gave them, and where it came from.
public struct ImportRow: Hashable, Sendable {
    /// The record's number in its file (from 1, not counting a CSV header).
    public var number: Int
    /// The values by legacy code (system fields) or `UF_CRM_*` code (user fields).
    public var values: [FieldCode: FieldValue]
    /// Columns or members that name no field, ignored.
    public var ignored: [String]

    /// Makes a row.
    public init(number: Int, values: [FieldCode: FieldValue], ignored: [String] = []) {
        self.number = number
        self.values = values
        self.ignored = ignored
    }
}

/// Where import rows come from: something that can be read from the start more than once (an import
/// without `skipInvalid` checks every row before writing any), one row at a time.
public protocol ImportSource: Sendable {
    /// Calls `body` with each record in order: a row, or the ``ImportError`` of a record that cannot be read
    /// (the import refuses or skips it); throws only when the source as a whole cannot be read.
    func forEachRow(_ body: (Result<ImportRow, ImportError>) async throws -> Void) async throws
}

/// A problem with one import row, naming the row and, where there is one, the field.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    /// The row's number.
    public var row: Int
    /// The field, if the problem is with one.
    public var field: FieldCode?
    /// What is wrong.
    public var message: String

    /// Makes a problem.
    public init(row: Int, field: FieldCode?, message: String) {
        self.row = row
        self.field = field
        self.message = message
    }

    public var description: String { "row \(row)\(field.map { ", field \($0)" } ?? ""): \(message)" }
}

/// A record of an import file that cannot be read at all (malformed JSON or CSV, an unknown column).
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, each naming its row.
    public var problems: [ImportProblem]

    /// Makes an error.
    public init(_ problems: [ImportProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
