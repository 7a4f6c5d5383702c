/// The currencies the CRM accepts, each with its decimal places, and the base currency new items get.
///
/// ```swift
/// let currencies = CurrencyCatalog.bitrix24Defaults
/// currencies["JPY"]?.decimalPlaces  // 0
/// currencies.baseCurrency           // "EUR"
/// ```
public struct CurrencyCatalog: Hashable, Sendable, Codable {
    /// The currencies, in order of addition.
    public private(set) var currencies: [Currency]
    /// The currency new items get when none is given.
    public private(set) var baseCurrency: CurrencyCode

    /// Makes a catalog; throws when the base currency is not among the currencies, a code repeats, or a
    /// currency has fewer than 0 or more than 4 decimal places.
    public init(_ currencies: [Currency], baseCurrency: CurrencyCode) throws(CatalogError) {
        self.currencies = []
        self.baseCurrency = baseCurrency
        for currency in currencies { try add(currency) }
        try setBaseCurrency(baseCurrency)
    }

    /// The currency with a code.
    public subscript(code: CurrencyCode) -> Currency? { currencies.first { $0.code == code } }

    /// Adds a currency.
    public mutating func add(_ currency: Currency) throws(CatalogError) {
        guard self[currency.code] == nil else {
            throw CatalogError(.duplicateID, "currency \(currency.code) already exists")
        }
        guard (0...4).contains(currency.decimalPlaces), currency.code.rawValue.count == 3,
            currency.code.rawValue.allSatisfy({ $0.isASCII && $0.isUppercase })
        else {
            throw CatalogError(.invalidCurrency, "\(currency.code) needs a three-letter code and 0 to 4 decimal places")
        }
        currencies.append(currency)
    }

    /// Makes another known currency the base currency.
    public mutating func setBaseCurrency(_ code: CurrencyCode) throws(CatalogError) {
        guard self[code] != nil else { throw CatalogError(.notFound, "unknown currency \(code)") }
        baseCurrency = code
    }

    /// The currencies Bitrix24 portals commonly carry, with EUR as the base currency.
    public static var bitrix24Defaults: CurrencyCatalog {
        let list: [(CurrencyCode, Int, String, String)] = [
            ("EUR", 2, "Euro", "Euro"), ("USD", 2, "US Dollar", "Dollaro statunitense"),
            ("GBP", 2, "Pound Sterling", "Sterlina britannica"), ("CHF", 2, "Swiss Franc", "Franco svizzero"),
            ("RUB", 2, "Russian Ruble", "Rublo russo"), ("UAH", 2, "Ukrainian Hryvnia", "Grivnia ucraina"),
            ("KZT", 2, "Kazakhstani Tenge", "Tenge kazako"), ("BYN", 2, "Belarusian Ruble", "Rublo bielorusso"),
            ("PLN", 2, "Polish Zloty", "Zloty polacco"), ("BRL", 2, "Brazilian Real", "Real brasiliano"),
            ("INR", 2, "Indian Rupee", "Rupia indiana"), ("CNY", 2, "Chinese Yuan", "Yuan cinese"),
            ("JPY", 0, "Japanese Yen", "Yen giapponese"), ("TRY", 2, "Turkish Lira", "Lira turca"),
        ]
        var catalog = CurrencyCatalog(unchecked: [], baseCurrency: "EUR")
        catalog.currencies = list.map { Currency(code: $0.0, decimalPlaces: $0.1, name: LocalizedText($0.2, italian: $0.3)) }
        return catalog
    }

    private init(unchecked currencies: [Currency], baseCurrency: CurrencyCode) {
        self.currencies = currencies
        self.baseCurrency = baseCurrency
    }
}
