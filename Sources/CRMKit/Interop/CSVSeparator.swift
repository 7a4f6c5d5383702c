/// The byte that separates the fields of a CSV record: a comma, or a semicolon as spreadsheets in Italy
/// (and other countries that write decimals with a comma) export.
///
/// ```swift
/// var reader = CSVReader(separator: .semicolon)
/// CSVSeparator(";") == .semicolon  // true
/// ```
public struct CSVSeparator: Hashable, Sendable, CustomStringConvertible {
    /// The separator's byte (ASCII).
    public let byte: UInt8

    /// `,`, RFC 4180's separator.
    public static let comma = CSVSeparator(uncheckedByte: UInt8(ascii: ","))
    /// `;`, what spreadsheets write where the comma is the decimal separator.
    public static let semicolon = CSVSeparator(uncheckedByte: UInt8(ascii: ";"))
    /// A tab, for tab-separated values.
    public static let tab = CSVSeparator(uncheckedByte: UInt8(ascii: "\t"))

    /// A separator from a character; nil unless it is a single ASCII character other than a quote, CR or LF.
    ///
    /// ```swift
    /// CSVSeparator("|")   // a separator
    /// CSVSeparator("\"")  // nil
    /// ```
    public init?(_ character: Character) {
        guard let ascii = character.asciiValue, ascii != UInt8(ascii: "\""), ascii != 0x0D, ascii != 0x0A else { return nil }
        byte = ascii
    }

    private init(uncheckedByte: UInt8) { byte = uncheckedByte }

    /// The separator as text: `,`, `;`.
    public var description: String { String(decoding: [byte], as: UTF8.self) }
}
