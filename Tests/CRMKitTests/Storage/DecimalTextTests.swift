@testable import CRMKit
import CRMKitStoreContract
import Foundation
import Testing

/// The file store's fast decimal text must be exactly `Decimal.description` and read back to the same value.
@Suite("File store: decimal text")
struct DecimalTextTests {
    @Test(
        "formats as description and parses back",
        arguments: [
            "0", "-0.5", "12.50", "100", "1e5", "-1e-7", "0.000001", "123456789012345678", "1234567890123456789012",
            "99999999999999999.9", "-12345.6789", "3.14159265358979323846", "1e20", "0.1", "999999999999.99", "1e-18",
        ])
    func fixed(text: String) throws {
        let value = try #require(Decimal(string: text))
        let formatted = DecimalText.format(value)
        #expect(formatted == value.description)
        #expect((DecimalText.parse(formatted) ?? Money.parseDecimal(formatted)) == value)
    }

    @Test("random amounts format as description and parse back", arguments: [UInt64(1), 2, 3])
    func random(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<5_000 {
            let mantissa = UInt64.random(in: 0...999_999_999_999_999, using: &random)
            let value = Decimal(
                sign: Bool.random(using: &random) ? .minus : .plus, exponent: Int.random(in: -10...4, using: &random),
                significand: Decimal(mantissa))
            let formatted = DecimalText.format(value)
            #expect(formatted == value.description)
            #expect((DecimalText.parse(formatted) ?? Money.parseDecimal(formatted)) == value, "\(formatted)")
        }
    }

    @Test(
        "an amount parses to the value and text Foundation's parser gives",
        arguments: ["0", "-0", "+7", "12.50", "-1234.5", "1000.00", "0.000001", "123456789012345678", "1234567890123456789012", "99.999"])
    func amounts(text: String) throws {
        let expected = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        let parsed = try #require(Money.parseDecimal(text))
        #expect(parsed == expected)
        #expect(parsed.description == expected.description)
    }

    @Test("leaves anything but plain digits to the strict parser", arguments: ["", "-", "1.", ".5", "1.2.3", "1e5", "12a", "--1", "1234567890123456789"])
    func rejects(text: String) {
        #expect(DecimalText.parse(text) == nil)
    }
}
