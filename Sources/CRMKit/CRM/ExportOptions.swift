/// What an export writes: the format, the fields, which items, and the CSV header language.
///
/// ```swift
/// var options = ExportOptions(format: .csv)
/// options.fields = ["ID", "TITLE", "STAGE_ID", "OPPORTUNITY"]
/// options.language = .italian   // CSV headers "ID", "Nome dell'elemento", "Fase", "Importo"
/// ```
public struct ExportOptions: Hashable, Sendable {
    /// The file formats.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        /// Comma-separated values: UTF-8, quoted where needed, CRLF line ends, a header row.
        case csv
        /// One REST JSON object per line.
        case jsonLines = "jsonl"
        /// A `crm.<entity>.list`-shaped response: `{"result": [...], "total": n}`.
        case rest
    }

    /// The format.
    public var format: Format
    /// The fields, by legacy code; nil for every legacy field.
    public var fields: [FieldCode]?
    /// Which items (the user's read filter is added).
    public var filter: Filter?
    /// CSV headers: field titles in this language, or the codes when nil.
    public var language: Language?
    /// Start a CSV file with a UTF-8 byte order mark (spreadsheets need it to detect UTF-8).
    public var byteOrderMark: Bool
    /// The time zone date-times are written in.
    public var timeZoneIdentifier: String?

    /// Makes options.
    public init(
        format: Format = .csv, fields: [FieldCode]? = nil, filter: Filter? = nil, language: Language? = nil,
        byteOrderMark: Bool = true, timeZoneIdentifier: String? = nil
    ) {
        self.format = format
        self.fields = fields
        self.filter = filter
        self.language = language
        self.byteOrderMark = byteOrderMark
        self.timeZoneIdentifier = timeZoneIdentifier
    }
}
