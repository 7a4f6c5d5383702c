import CRMKit
import Foundation
import Testing

struct MoneyTests {
    static let euro = Currency(code: "EUR", decimalPlaces: 2, name: LocalizedText("Euro", italian: "Euro"))
    static let yen = Currency(code: "JPY", decimalPlaces: 0, name: LocalizedText("Japanese Yen", italian: "Yen giapponese"))
    static let dinar = Currency(code: "KWD", decimalPlaces: 3, name: "Kuwaiti Dinar")

    enum Unit: String, CaseIterable, Sendable {
        case euro, yen, dinar
        var currency: Currency {
            switch self {
            case .euro: MoneyTests.euro
            case .yen: MoneyTests.yen
            case .dinar: MoneyTests.dinar
            }
        }
    }

    @Test(arguments: [
        ("1250.50", Unit.euro, Int64(125_050)), ("1250.5", .euro, 125_050), ("0.05", .euro, 5), ("0.1", .euro, 10),
        ("-3", .euro, -300), ("-0.05", .euro, -5), ("0", .euro, 0), ("0.00", .euro, 0), ("007.10", .euro, 710),
        ("+12", .euro, 1200), ("10", .yen, 10), ("-10", .yen, -10), ("1250", .yen, 1250), ("10.0", .yen, 10),
        ("1.234", .dinar, 1234), ("0.001", .dinar, 1), ("92233720368547758.07", .euro, Int64.max),
        ("-92233720368547758.08", .euro, Int64.min),
    ])
    func parses(text: String, unit: Unit, minorUnits: Int64) throws {
        let amount = try Money(parsing: text, currency: unit.currency)
        #expect(amount == Money(minorUnits: minorUnits, currency: unit.currency.code))
    }

    @Test(arguments: [("10.5", Unit.yen), ("0.001", .euro), ("1250.505", .euro), ("0.0001", .dinar), ("1.1", .yen)])
    func refusesTooManyDecimalPlaces(text: String, unit: Unit) throws {
        let error = #expect(throws: ValueError.self) { try Money(parsing: text, currency: unit.currency) }
        #expect(error?.code == .malformed)
        #expect(error?.message == "\(text) has more than \(unit.currency.decimalPlaces) decimal places for \(unit.currency.code)")
    }

    @Test func yenRefusesHalfAYenExactly() {
        #expect(throws: ValueError(.malformed, "10.5 has more than 0 decimal places for JPY")) {
            try Money(parsing: "10.5", currency: Self.yen)
        }
    }

    @Test(arguments: [
        "", "-", "+", "abc", "1,5", "1 000", "1e3", "1E3", " 12", "12 ", "--1", "-+1", ".5", "-.5", "1.2.3", "1.",
        "0x10", "١٢", "１２", "12€", "NaN", "inf",
    ])
    func refusesMalformedText(text: String) {
        #expect(throws: ValueError(.malformed, "'\(text)' is not an amount")) {
            try Money(parsing: text, currency: Self.euro)
        }
    }

    @Test(arguments: ["92233720368547758.08", "-92233720368547758.09", "100000000000000000000", "99999999999999999999999.99"])
    func refusesAmountsBeyond64Bits(text: String) {
        let error = #expect(throws: ValueError.self) { try Money(parsing: text, currency: Self.euro) }
        #expect(error?.code == .outOfRange)
        #expect(error?.message == "\(text) EUR is too large")
    }

    @Test func makesAmountsFromDecimals() throws {
        #expect(try Money(decimal("19.99"), currency: Self.euro).minorUnits == 1999)
        #expect(try Money(decimal("-0.5"), currency: Self.euro).minorUnits == -50)
        #expect(try Money(Decimal(1000), currency: Self.yen).minorUnits == 1000)
        #expect(throws: ValueError.self) { try Money(decimal("0.125"), currency: Self.euro) }
    }

    @Test(arguments: [
        (Int64(125_050), 2, "1250.50"), (-125_050, 2, "-1250.50"), (5, 2, "0.05"), (-5, 2, "-0.05"), (50, 2, "0.50"),
        (0, 2, "0.00"), (100, 2, "1.00"), (1_000_000, 2, "10000.00"), (1000, 0, "1000"), (-7, 0, "-7"), (1, 3, "0.001"),
        (-1234, 3, "-1.234"), (120, 1, "12.0"), (Int64.max, 2, "92233720368547758.07"),
        (Int64.min, 2, "-92233720368547758.08"), (Int64.min, 0, "-9223372036854775808"), (42, -1, "42"),
    ])
    func formats(minorUnits: Int64, decimalPlaces: Int, expected: String) {
        #expect(Money(minorUnits: minorUnits, currency: "EUR").formatted(decimalPlaces: decimalPlaces) == expected)
    }

    @Test(arguments: ["1250.50", "-0.05", "0.00", "92233720368547758.07", "-92233720368547758.08", "10.00"])
    func formattingRoundTrips(text: String) throws {
        #expect(try Money(parsing: text, currency: Self.euro).formatted(decimalPlaces: 2) == text)
    }

    @Test func decimalValue() throws {
        #expect(Money(minorUnits: 125_050, currency: "EUR").decimalValue(decimalPlaces: 2) == (try decimal("1250.5")))
        #expect(Money(minorUnits: -5, currency: "EUR").decimalValue(decimalPlaces: 2) == (try decimal("-0.05")))
        #expect(Money(minorUnits: 1250, currency: "JPY").decimalValue(decimalPlaces: 0) == 1250)
    }

    @Test func addsTheSameCurrency() throws {
        let price = try Money(parsing: "1250.50", currency: Self.euro)
        let sum = try price.adding(Money(minorUnits: 50, currency: "EUR"))
        #expect(sum == Money(minorUnits: 125_100, currency: "EUR"))
        #expect(sum.formatted(decimalPlaces: 2) == "1251.00")
        #expect(try price.adding(Money(minorUnits: -125_050, currency: "EUR")).minorUnits == 0)
    }

    @Test func refusesToAddDifferentCurrencies() {
        let error = #expect(throws: ValueError.self) {
            try Money(minorUnits: 100, currency: "EUR").adding(Money(minorUnits: 1, currency: "USD"))
        }
        #expect(error?.code == .currencyMismatch)
        #expect(error?.message == "cannot add USD to EUR without an exchange rate")
        #expect(error?.description == "currencyMismatch: cannot add USD to EUR without an exchange rate")
    }

    @Test(arguments: [(Int64.max, 1), (Int64.min, -1), (Int64.max / 2 + 1, Int64.max / 2 + 1)] as [(Int64, Int64)])
    func overflowIsOutOfRange(lhs: Int64, rhs: Int64) {
        #expect(throws: ValueError(.outOfRange, "the sum overflows")) {
            try Money(minorUnits: lhs, currency: "EUR").adding(Money(minorUnits: rhs, currency: "EUR"))
        }
    }

    @Test func addingUpToTheLimitWorks() throws {
        let sum = try Money(minorUnits: Int64.max - 1, currency: "EUR").adding(Money(minorUnits: 1, currency: "EUR"))
        #expect(sum.minorUnits == Int64.max)
    }

    @Test func descriptionAndCodable() throws {
        let amount = Money(minorUnits: 12_550, currency: "EUR")
        #expect(amount.description == "12550 EUR")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(amount), as: UTF8.self) == #"{"currency":"EUR","minorUnits":12550}"#)
        #expect(try JSONDecoder().decode(Money.self, from: encoder.encode(amount)) == amount)
    }

    @Test func currencyCodable() throws {
        let decoded = try JSONDecoder().decode(Currency.self, from: JSONEncoder().encode(Self.yen))
        #expect(decoded == Self.yen)
        #expect(decoded.name.text(in: .italian) == "Yen giapponese")
        #expect(Self.dinar.name.text(in: .italian) == "Kuwaiti Dinar")
    }
}

@Suite("Money formatting limits")
struct MoneyFormattingLimitTests {
    @Test("more than 18 decimal places falls back to the decimal value instead of overflowing")
    func manyDecimalPlaces() {
        #expect(Money(minorUnits: 15, currency: "XXX").formatted(decimalPlaces: 20) == "0.00000000000000000015")
        #expect(Money(minorUnits: -123, currency: "EUR").formatted(decimalPlaces: 18) == "-0.000000000000000123")
    }
}
