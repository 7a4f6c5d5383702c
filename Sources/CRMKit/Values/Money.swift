public import Foundation

/// An exact amount of money: a whole number of minor units (cents) of a currency.
///
/// The number of minor units per major unit comes from the currency's ``Currency/decimalPlaces``:
///
/// ```swift
/// let eur = Currency(code: "EUR", decimalPlaces: 2, name: "Euro")
/// let price = try Money(parsing: "1250.50", currency: eur)   // 125050 minor units
/// price.formatted(decimalPlaces: 2)                           // "1250.50"
/// try price.adding(Money(minorUnits: 50, currency: "EUR"))   // 1251.00 EUR
/// try price.adding(Money(minorUnits: 1, currency: "USD"))    // throws .currencyMismatch
/// ```
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in minor units of ``currency``.
    public var minorUnits: Int64
    /// The currency of the amount.
    public var currency: CurrencyCode

    /// Makes an amount from minor units.
    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Makes an exact amount from a decimal number; throws ``ValueError/Code-swift.struct/malformed`` when it
    /// has more decimal places than the currency allows, and ``ValueError/Code-swift.struct/outOfRange``
    /// when it does not fit.
    public init(_ amount: Decimal, currency: Currency) throws(ValueError) {
        var scaled = amount * Money.power(of: currency.decimalPlaces)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled else {
            throw ValueError(
                .malformed, "\(amount) has more than \(currency.decimalPlaces) decimal places for \(currency.code)")
        }
        guard let units = Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value),
            Decimal(units) == rounded
        else { throw ValueError(.outOfRange, "\(amount) \(currency.code) is too large") }
        self.init(minorUnits: units, currency: currency.code)
    }

    /// Parses a plain decimal string such as `"1250.50"` or `"-3"` (no grouping, no exponent).
    public init(parsing text: String, currency: Currency) throws(ValueError) {
        guard let amount = Money.parseDecimal(text) else {
            throw ValueError(.malformed, "'\(text)' is not an amount")
        }
        try self.init(amount, currency: currency)
    }

    /// The amount as a decimal number in major units.
    public func decimalValue(decimalPlaces: Int) -> Decimal {
        Decimal(minorUnits) / Money.power(of: decimalPlaces)
    }

    /// The amount with exactly `decimalPlaces` digits after the point, as Bitrix24 writes it: `"10000.00"`.
    public func formatted(decimalPlaces: Int) -> String {
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard decimalPlaces > 0 else { return sign + String(magnitude) }
        guard decimalPlaces <= 18 else { return "\(decimalValue(decimalPlaces: decimalPlaces))" }
        var divisor: UInt64 = 1
        for _ in 0..<decimalPlaces { divisor *= 10 }
        let fraction = String(magnitude % divisor)
        return "\(sign)\(magnitude / divisor)."
            + String(repeating: "0", count: decimalPlaces - fraction.count) + fraction
    }

    /// The sum of two amounts in the same currency.
    public func adding(_ other: Money) throws(ValueError) -> Money {
        guard other.currency == currency else {
            throw ValueError(.currencyMismatch, "cannot add \(other.currency) to \(currency) without an exchange rate")
        }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw ValueError(.outOfRange, "the sum overflows") }
        return Money(minorUnits: sum, currency: currency)
    }

    /// `12550 EUR` (minor units and code; use ``formatted(decimalPlaces:)`` for display).
    public var description: String { "\(minorUnits) \(currency)" }

    static func power(of exponent: Int) -> Decimal {
        var result = Decimal(1)
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    /// Parses `-?digits(.digits)?` exactly, without locale or exponent, or nil.
    static func parseDecimal(_ text: String) -> Decimal? {
        // Plain amounts (up to 18 digits) skip Foundation's locale-aware parser, which builds ICU formatters.
        if let plain = DecimalText.parse(text), !plain.isZero { return plain }
        var body = Substring(text)
        if body.hasPrefix("-") || body.hasPrefix("+") { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            parts.allSatisfy({ !$0.isEmpty })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
