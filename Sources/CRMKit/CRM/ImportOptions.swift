/// How an import matches, checks and writes rows.
///
/// ```swift
/// let options = ImportOptions(match: .xmlID, dryRun: true)
/// ```
public struct ImportOptions: Hashable, Sendable {
    /// Which field finds the existing item a row updates.
    public enum Match: Hashable, Sendable {
        /// The item's ID.
        case id
        /// `XML_ID` (products, invoices).
        case xmlID
        /// `ORIGIN_ID` (the ID in an external system).
        case originID
        /// Any field.
        case field(FieldCode)

        /// The field's code.
        public var code: FieldCode {
            switch self {
            case .id: "ID"
            case .xmlID: "XML_ID"
            case .originID: "ORIGIN_ID"
            case .field(let code): code
            }
        }
    }

    /// The match key; nil creates an item for every row.
    public var match: Match?
    /// Check every row and report what would happen, writing nothing.
    public var dryRun: Bool
    /// Write the valid rows and report the others; without it, one bad row writes nothing at all.
    public var skipInvalid: Bool
    /// How many checked rows the write pass keeps rather than reading and checking the source again (about
    /// 2 KB each for a deal), so memory stays bounded; tests lower it to exercise the second reading.
    var retainedRowLimit = 200_000

    /// Makes options.
    public init(match: Match? = nil, dryRun: Bool = false, skipInvalid: Bool = false) {
        self.match = match
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportReport: Hashable, Sendable {
    /// Rows read.
    public var rows: Int = 0
    /// Rows that created an item: the new IDs (in a dry run, the row numbers).
    public var created: [Int64] = []
    /// The IDs of the items rows updated (or would update).
    public var updated: [Int64] = []
    /// Rows refused, each naming its row and field.
    public var refused: [ImportProblem] = []
    /// Columns ignored (unknown fields, read-only fields other than the match key), once per column.
    public var ignoredColumns: [String] = []
    /// Whether anything was written.
    public var wrote: Bool { !created.isEmpty || !updated.isEmpty }

    /// Makes an empty report.
    public init() {}
}
