/// The key of a currency, its ISO 4217 code such as `"EUR"`.
///
/// ```swift
/// let key: CurrencyCode = "EUR"
/// ```
public struct CurrencyCode: StringIdentifier {
    /// The key as Bitrix24 writes it.
    public var rawValue: String

    /// Wraps a key.
    public init(rawValue: String) { self.rawValue = rawValue }
}
