import CRMKit
import Foundation
import Testing

struct TimestampTests {
    static let rome = TimeZone(identifier: "Europe/Rome")
    static let utc = TimeZone(secondsFromGMT: 0)
    static let newYork = TimeZone(identifier: "America/New_York")
    static let kolkata = TimeZone(identifier: "Asia/Kolkata")

    private func zone(_ zone: TimeZone?) throws -> TimeZone { try #require(zone) }

    // Each value computed by hand: days since 1970 × 86 400 000 + time of day − offset.
    // 2026-01-01 is day 20454; 2024-02-29 is day 19782; 2026-07-15 is day 20649; 2000-03-01 is day 11017.
    @Test(arguments: [
        ("2026-01-01T09:30:00+01:00", Int64(1_767_256_200_000)),
        ("2026-01-01T08:30:00.250Z", 1_767_256_200_250),
        ("2026-01-01T08:30:00Z", 1_767_256_200_000),
        ("2026-01-01T08:30:00+00:00", 1_767_256_200_000),
        ("2026-01-01T08:30:00-00:00", 1_767_256_200_000),
        ("2024-02-29T12:00:00-05:30", 1_709_227_800_000),
        ("2026-07-15T14:45:30.5+02:00", 1_784_119_530_500),
        ("2026-07-15T14:45:30.05+02:00", 1_784_119_530_050),
        ("2026-07-15T14:45:30.005+02:00", 1_784_119_530_005),
        ("2026-07-15T12:45:30Z", 1_784_119_530_000),
        ("2026-07-15T12:45:30.123456Z", 1_784_119_530_123),
        ("2000-03-01T00:00:00+14:00", 951_818_400_000),
        ("2000-02-29T23:59:59-12:00", 951_911_999_000),
        ("1970-01-01T00:00:00Z", 0),
        ("1970-01-01T00:00:00.001Z", 1),
        ("1969-12-31T23:59:59.999Z", -1),
        ("1970-01-01T01:00:00+01:00", 0),
        ("2026-01-01", 1_767_225_600_000),
        ("1970-01-01", 0),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
        ("0001-01-01T00:00:00Z", -62_135_596_800_000),
    ])
    func parsesISO8601(text: String, milliseconds: Int64) {
        #expect(Timestamp(iso8601: text)?.millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: [
        "",
        "2026",
        "2026-01-01T",
        "2026-01-01T09:30",
        "2026-01-01T09:30Z",
        "2026-01-01T09:30:00",
        "2026-01-01T09:30:00.250",
        "2026-01-01T09:30:00.",
        "2026-01-01T09:30:00.Z",
        "2026-01-01T09:30:00.+01:00",
        "2026-01-01 09:30:00Z",
        "2026-01-01t09:30:00Z",
        "2026-01-01T09:30:00z",
        "2026-01-01T24:00:00Z",
        "2026-01-01T09:60:00Z",
        "2026-01-01T09:30:60Z",
        "2026-01-01T9:30:00Z",
        "2026-01-01T09-30-00Z",
        "2026-13-01T09:30:00Z",
        "2026-02-29T09:30:00Z",
        "2026-1-01T09:30:00Z",
        "26-01-01T09:30:00Z",
        "2026-01-01T09:30:00ZZ",
        "2026-01-01T09:30:00Z ",
        " 2026-01-01T09:30:00Z",
        "2026-01-01T09:30:00+0100",
        "2026-01-01T09:30:00+01",
        "2026-01-01T09:30:00+1:00",
        "2026-01-01T09:30:00+19:00",
        "2026-01-01T09:30:00+01:60",
        "2026-01-01T09:30:00+01:00:00",
        "2026-01-01T09:30:00 +01:00",
        "2026-01-01T09:30:00.25x+01:00",
        "2026-01-01T09:30:00,250Z",
        "２０２６-01-01T09:30:00Z",
        "2026-01-01X",
        "20260101T093000Z",
        "0000-01-01T00:00:00Z",
        "not a date",
    ])
    func rejectsMalformedText(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func formatsInRomeInWinterAndSummer() throws {
        let rome = try zone(Self.rome)
        #expect(Timestamp(millisecondsSince1970: 1_767_256_200_000).iso8601(in: rome) == "2026-01-01T09:30:00+01:00")
        #expect(Timestamp(millisecondsSince1970: 1_784_119_530_000).iso8601(in: rome) == "2026-07-15T14:45:30+02:00")
        // Milliseconds are dropped, not rounded.
        #expect(Timestamp(millisecondsSince1970: 1_784_119_530_999).iso8601(in: rome) == "2026-07-15T14:45:30+02:00")
    }

    // Rome moves to summer time on 2026-03-29 at 01:00 UTC and back on 2026-10-25 at 01:00 UTC.
    @Test(arguments: [
        (Int64(1_774_745_999_000), "2026-03-29T01:59:59+01:00"),
        (1_774_746_000_000, "2026-03-29T03:00:00+02:00"),
        (1_792_889_999_000, "2026-10-25T02:59:59+02:00"),
        (1_792_890_000_000, "2026-10-25T02:00:00+01:00"),
    ])
    func formatsAcrossRomeTransitions(milliseconds: Int64, expected: String) throws {
        #expect(Timestamp(millisecondsSince1970: milliseconds).iso8601(in: try zone(Self.rome)) == expected)
    }

    @Test func formatsOtherZones() throws {
        let instant = Timestamp(millisecondsSince1970: 1_767_256_200_000)  // 2026-01-01T08:30:00Z
        #expect(instant.iso8601(in: try zone(Self.utc)) == "2026-01-01T08:30:00+00:00")
        #expect(instant.iso8601(in: try zone(Self.newYork)) == "2026-01-01T03:30:00-05:00")
        #expect(instant.iso8601(in: try zone(Self.kolkata)) == "2026-01-01T14:00:00+05:30")
        #expect(instant.iso8601(in: try zone(TimeZone(secondsFromGMT: -(9 * 3600 + 30 * 60)))) == "2025-12-31T23:00:00-09:30")
        #expect(instant.description == "2026-01-01T08:30:00+00:00")
    }

    @Test func formatsInstantsBefore1970() throws {
        let utc = try zone(Self.utc)
        #expect(Timestamp(millisecondsSince1970: -1).iso8601(in: utc) == "1969-12-31T23:59:59+00:00")
        #expect(Timestamp(millisecondsSince1970: -1000).iso8601(in: utc) == "1969-12-31T23:59:59+00:00")
        #expect(Timestamp(millisecondsSince1970: -1001).iso8601(in: utc) == "1969-12-31T23:59:58+00:00")
        #expect(Timestamp(millisecondsSince1970: -62_135_596_800_000).iso8601(in: utc) == "0001-01-01T00:00:00+00:00")
    }

    @Test(arguments: [
        Int64(0), 1_767_256_200_000, 1_784_119_530_000, 1_774_745_999_000, 1_774_746_000_000, 1_792_889_999_000,
        1_792_890_000_000, 951_818_400_000, -86_400_000, 1_000,
    ])
    func roundTripsThroughText(milliseconds: Int64) throws {
        let instant = Timestamp(millisecondsSince1970: milliseconds)
        for zone in [Self.rome, Self.utc, Self.newYork, Self.kolkata] {
            let text = instant.iso8601(in: try self.zone(zone))
            #expect(Timestamp(iso8601: text) == instant, "\(text)")
        }
    }

    @Test func roundTripsEveryHourOf2026InRome() throws {
        let rome = try zone(Self.rome)
        var instant = Timestamp(millisecondsSince1970: 1_767_225_600_000)
        for _ in 0..<(365 * 24) {
            let text = instant.iso8601(in: rome)
            #expect(Timestamp(iso8601: text) == instant, "\(text)")
            instant = instant.adding(milliseconds: 3_600_000)
        }
    }

    @Test func encodesAsBareMilliseconds() throws {
        let instant = Timestamp(millisecondsSince1970: 1_767_256_200_250)
        #expect(String(decoding: try JSONEncoder().encode(instant), as: UTF8.self) == "1767256200250")
        #expect(try JSONDecoder().decode(Timestamp.self, from: Data("-1".utf8)) == Timestamp(millisecondsSince1970: -1))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Timestamp.self, from: Data(#""2026-01-01T09:30:00Z""#.utf8))
        }
    }

    @Test func convertsFoundationDates() {
        #expect(Timestamp(Date(timeIntervalSince1970: 1_767_256_200.25)).millisecondsSince1970 == 1_767_256_200_250)
        #expect(Timestamp(Date(timeIntervalSince1970: 1.0009)).millisecondsSince1970 == 1000)
        #expect(Timestamp(Date(timeIntervalSince1970: -0.0005)).millisecondsSince1970 == -1)
        #expect(Timestamp(millisecondsSince1970: 1_767_256_200_000).date == Date(timeIntervalSince1970: 1_767_256_200))
    }

    @Test func arithmeticAndOrdering() {
        let start = Timestamp(millisecondsSince1970: 1000)
        #expect(start.adding(milliseconds: 500).millisecondsSince1970 == 1500)
        #expect(start.adding(milliseconds: -1500).millisecondsSince1970 == -500)
        #expect(start < start.adding(milliseconds: 1))
        #expect([Timestamp(millisecondsSince1970: 3), Timestamp(millisecondsSince1970: -3)].sorted()
            == [Timestamp(millisecondsSince1970: -3), Timestamp(millisecondsSince1970: 3)])
    }
}
