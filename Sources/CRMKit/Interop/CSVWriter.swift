/// Writes CSV records as UTF-8 bytes, a record at a time, for streaming to a file.
///
/// - A field is quoted only when it must be: when it holds the separator, a quote, a CR or an LF, or begins
///   or ends with a space or a tab (which spreadsheets would trim). Quotes inside are doubled.
/// - Records end with CRLF, as RFC 4180 and spreadsheets expect.
/// - With `byteOrderMark: true` the first write starts with the UTF-8 byte order mark, which Excel needs to
///   read the file as UTF-8 rather than the system's legacy code page. ``CSVReader`` skips it.
/// - **Formula-injection guard** (on by default): a spreadsheet runs a cell that begins with `=`, `+`, `-`
///   or `@` as a formula, so a CRM value such as `=HYPERLINK("http://evil", "Click")` or
///   `=cmd|' /C calc'!A0` typed into a deal title would run on the computer of whoever opens the export. With
///   the guard on, a text field that begins with `=`, `+`, `-`, `@`, a tab or a CR is written with a
///   single quote `'` in front, which spreadsheets show as text and do not evaluate. Plain numbers such as
///   `-12` or `+3.5` (an optional sign, digits, and at most one `.` or `,` followed by digits) are not text
///   and are written as they are. The guard changes data (a phone number `+39 02 1234` is written
///   `'+39 02 1234`, and reading the file back gives the `'`): turn it off for files that go to another
///   program rather than to a person's spreadsheet.
///
/// ```swift
/// var writer = CSVWriter(separator: .semicolon, byteOrderMark: true)
/// var bytes = writer.write(["TITLE", "OPPORTUNITY", "COMMENTS"])
/// bytes += writer.write(["Fornitura \"Rossi\"", "1500,50", "=1+1"])
/// // BOM, then: TITLE;OPPORTUNITY;COMMENTS␍␊"Fornitura ""Rossi""";1500,50;'=1+1␍␊
/// ```
///
/// A record with one empty field is written `""` so that it is not a blank line, which readers skip; an
/// empty record is written as a blank line.
public struct CSVWriter: Sendable {
    /// The byte between fields.
    public var separator: CSVSeparator
    /// Whether the first write starts with the UTF-8 byte order mark.
    public var writesByteOrderMark: Bool
    /// Whether text fields that a spreadsheet would run as formulas get a leading `'`.
    public var guardsAgainstFormulas: Bool
    /// The records written so far.
    public private(set) var recordCount = 0

    private static let quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'")
    private static let space = UInt8(ascii: " ")
    private static let tab: UInt8 = 0x09
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Makes a writer.
    ///
    /// - Parameters:
    ///   - separator: the byte between fields, `,` by default.
    ///   - byteOrderMark: whether to start the output with the UTF-8 byte order mark (for Excel).
    ///   - formulaGuard: whether to prefix text fields that begin with `=`, `+`, `-`, `@`, a tab or a CR
    ///     with `'` (on by default).
    public init(separator: CSVSeparator = .comma, byteOrderMark: Bool = false, formulaGuard: Bool = true) {
        self.separator = separator
        writesByteOrderMark = byteOrderMark
        guardsAgainstFormulas = formulaGuard
    }

    /// The bytes of one record and its CRLF, preceded by the byte order mark on the first write when asked.
    ///
    /// ```swift
    /// var writer = CSVWriter()
    /// writer.write(["a,b", "c"])  // Array("\"a,b\",c\r\n".utf8)
    /// ```
    public mutating func write(_ record: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        write(record, into: &bytes)
        return bytes
    }

    /// Appends one record and its CRLF to `buffer` (the byte order mark first, on the first write when
    /// asked), so a caller can collect records into chunks of the size it likes before writing them out.
    ///
    /// ```swift
    /// var chunk: [UInt8] = []
    /// for record in records {
    ///     writer.write(record, into: &chunk)
    ///     if chunk.count >= 64 * 1024 { try handle.write(contentsOf: chunk); chunk.removeAll(keepingCapacity: true) }
    /// }
    /// ```
    public mutating func write(_ record: [String], into buffer: inout [UInt8]) {
        let isFirst = recordCount == 0
        if isFirst && writesByteOrderMark { buffer.append(contentsOf: Self.byteOrderMark) }
        if record.count == 1 && record[0].isEmpty {
            buffer.append(Self.quote)
            buffer.append(Self.quote)
        } else {
            for (index, field) in record.enumerated() {
                if index > 0 { buffer.append(separator.byte) }
                // A field that begins with U+FEFF at the very start of a file without a byte order mark
                // would be taken for one; quoting it keeps it.
                let protectsMark = isFirst && index == 0 && !writesByteOrderMark && field.unicodeScalars.first == "\u{FEFF}"
                append(field, quotingAnyway: protectsMark, to: &buffer)
            }
        }
        buffer.append(Self.cr)
        buffer.append(Self.lf)
        recordCount += 1
    }

    /// A whole CSV document.
    ///
    /// ```swift
    /// CSVWriter.encode([["TITLE"], ["Acme, Inc."]])  // Array("TITLE\r\n\"Acme, Inc.\"\r\n".utf8)
    /// ```
    public static func encode(
        _ records: some Sequence<[String]>, separator: CSVSeparator = .comma, byteOrderMark: Bool = false,
        formulaGuard: Bool = true
    ) -> [UInt8] {
        var writer = CSVWriter(separator: separator, byteOrderMark: byteOrderMark, formulaGuard: formulaGuard)
        var bytes: [UInt8] = []
        for record in records { writer.write(record, into: &bytes) }
        return bytes
    }

    /// Whether the guard prefixes a field: it begins with `=`, `+`, `-`, `@`, a tab or a CR and is not a
    /// plain number.
    ///
    /// ```swift
    /// CSVWriter.isFormulaLike("=SUM(A1:A9)")  // true
    /// CSVWriter.isFormulaLike("-12,50")       // false: a number
    /// ```
    public static func isFormulaLike(_ field: String) -> Bool {
        guard let first = field.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), tab, cr: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(field.utf8.dropFirst())
        default: return false
        }
    }

    /// Digits, optionally followed by one `.` or `,` and more digits.
    private static func isPlainNumber(_ bytes: Substring.UTF8View) -> Bool {
        var digitsBefore = 0
        var digitsAfter = 0
        var sawPoint = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !sawPoint else { return false }
                sawPoint = true
            default:
                return false
            }
        }
        return digitsBefore > 0 && (!sawPoint || digitsAfter > 0)
    }

    private func append(_ field: String, quotingAnyway: Bool, to buffer: inout [UInt8]) {
        let guarded = guardsAgainstFormulas && Self.isFormulaLike(field)
        let utf8 = field.utf8
        var needsQuotes = quotingAnyway
        if !needsQuotes, let first = utf8.first, let last = utf8.last {
            needsQuotes = (!guarded && (first == Self.space || first == Self.tab)) || last == Self.space || last == Self.tab
        }
        if !needsQuotes {
            let separator = separator.byte
            needsQuotes = utf8.contains { $0 == separator || $0 == Self.quote || $0 == Self.cr || $0 == Self.lf }
        }
        if needsQuotes { buffer.append(Self.quote) }
        if guarded { buffer.append(Self.apostrophe) }
        if needsQuotes {
            for byte in utf8 {
                buffer.append(byte)
                if byte == Self.quote { buffer.append(Self.quote) }
            }
            buffer.append(Self.quote)
        } else {
            buffer.append(contentsOf: utf8)
        }
    }
}
