/// A value could not be made or combined: a malformed date, an amount in the wrong currency, an overflow.
///
/// ```swift
/// do {
///     _ = try Money(minorUnits: 100, currency: "EUR").adding(Money(minorUnits: 1, currency: "USD"))
/// } catch let error as ValueError where error.code == .currencyMismatch {
///     print(error.message)  // "cannot add USD to EUR without an exchange rate"
/// }
/// ```
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. Extensible: new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Text that is not in the expected format (a date, a date-time, an amount).
        public static let malformed = Code(rawValue: "malformed")
        /// A value outside its range (a month 13, an amount too large for 64 bits).
        public static let outOfRange = Code(rawValue: "outOfRange")
        /// Amounts in different currencies combined without an exchange rate.
        public static let currencyMismatch = Code(rawValue: "currencyMismatch")
        /// A currency code the currency catalog does not know.
        public static let unknownCurrency = Code(rawValue: "unknownCurrency")
    }

    /// What kind of problem it is.
    public var code: Code
    /// A sentence for people, naming the offending value.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
