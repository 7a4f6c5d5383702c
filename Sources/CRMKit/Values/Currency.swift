/// A currency the CRM can hold amounts in: its code, its number of decimal places and its name.
///
/// ```swift
/// let yen = Currency(code: "JPY", decimalPlaces: 0, name: LocalizedText("Japanese Yen", italian: "Yen giapponese"))
/// ```
public struct Currency: Hashable, Sendable, Codable {
    /// The ISO 4217 code.
    public var code: CurrencyCode
    /// How many digits follow the decimal point in an amount (2 for EUR, 0 for JPY).
    public var decimalPlaces: Int
    /// The currency's name.
    public var name: LocalizedText

    /// Makes a currency.
    public init(code: CurrencyCode, decimalPlaces: Int, name: LocalizedText) {
        self.code = code
        self.decimalPlaces = decimalPlaces
        self.name = name
    }
}
