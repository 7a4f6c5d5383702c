import CRMKit
import Foundation
import Testing

struct CalendarDateTests {
    private func date(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
        try #require(CalendarDate(year: year, month: month, day: day))
    }

    private func zone(_ identifier: String) throws -> TimeZone {
        try #require(TimeZone(identifier: identifier))
    }

    @Test(arguments: [
        (2024, 2, 29, true), (2023, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false), (2100, 2, 29, false),
        (2400, 2, 29, true), (2026, 2, 28, true), (2026, 2, 30, false), (2026, 1, 31, true), (2026, 4, 31, false),
        (2026, 6, 30, true), (2026, 9, 31, false), (2026, 11, 31, false), (2026, 12, 31, true), (2026, 13, 1, false),
        (2026, 0, 1, false), (2026, -1, 1, false), (2026, 1, 0, false), (2026, 1, 32, false), (0, 1, 1, false),
        (1, 1, 1, true), (9999, 12, 31, true), (10000, 1, 1, false), (-5, 3, 3, false),
    ])
    func validation(year: Int, month: Int, day: Int, isValid: Bool) {
        let made = CalendarDate(year: year, month: month, day: day)
        #expect((made != nil) == isValid)
        if let made {
            #expect(made.year == year && made.month == month && made.day == day)
        }
    }

    @Test(arguments: [
        ("2026-11-30", "2026-11-30"), ("2024-02-29", "2024-02-29"), ("0001-01-01", "0001-01-01"),
    ])
    func parsesText(text: String, expected: String) throws {
        #expect(try #require(CalendarDate(iso8601: text)).description == expected)
    }

    @Test(arguments: [
        "", "2026", "2026-02-30", "2023-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "2026-01-1",
        "26-01-01", "20260101", "2026/01/01", "2026-01-01X", "2026-01-01 10:00", " 2026-01-01", "0000-01-01",
        "2026-0a-01", "+026-01-01", "2026-01-31T10:00:00+01:00", "2026-01-01Tjunk", "2026-07-15T23:59:59Z",
    ])
    func rejectsMalformedText(text: String) {
        #expect(CalendarDate(iso8601: text) == nil)
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-01"), ("2024-02-28", 1, "2024-02-29"), ("2023-02-28", 1, "2023-03-01"),
        ("2024-02-29", 1, "2024-03-01"), ("2026-12-31", 1, "2027-01-01"), ("2027-01-01", -1, "2026-12-31"),
        ("2024-03-01", -1, "2024-02-29"), ("2026-11-30", 7, "2026-12-07"), ("2026-12-28", 7, "2027-01-04"),
        ("2026-01-01", 365, "2027-01-01"), ("2024-01-01", 366, "2025-01-01"), ("2024-01-01", 365, "2024-12-31"),
        ("1970-01-01", -1, "1969-12-31"), ("2026-03-15", 0, "2026-03-15"), ("2026-03-31", -31, "2026-02-28"),
        ("2000-01-01", 10_000, "2027-05-19"),
    ])
    func addsDays(start: String, days: Int, expected: String) throws {
        let begin = try #require(CalendarDate(iso8601: start))
        #expect(begin.adding(days: days).description == expected)
        #expect(begin.adding(days: days).adding(days: -days) == begin)
    }

    @Test(arguments: [
        ("1970-01-01", Int64(0)), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-01-01", 10_957), ("2026-01-01", 20_454),
        ("2024-02-29", 19_782), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func daysSince1970(text: String, days: Int64) throws {
        let date = try #require(CalendarDate(iso8601: text))
        #expect(date.daysSince1970 == days)
        #expect(CalendarDate(daysSince1970: days) == date)
    }

    /// Every day from 1600-01-01 to 2400-12-31: consecutive day numbers give the next valid date.
    @Test func daysSince1970RoundTripsOverFourCenturies() throws {
        let first = try date(1600, 1, 1)
        let last = try date(2400, 12, 31)
        var previous = first
        #expect(first.daysSince1970 == -135_140)
        for days in (first.daysSince1970 + 1)...last.daysSince1970 {
            let current = CalendarDate(daysSince1970: days)
            #expect(current.daysSince1970 == days)
            #expect(CalendarDate(year: current.year, month: current.month, day: current.day) == current)
            let expectedNext: CalendarDate? =
                CalendarDate(year: previous.year, month: previous.month, day: previous.day + 1)
                ?? CalendarDate(year: previous.year, month: previous.month + 1, day: 1)
                ?? CalendarDate(year: previous.year + 1, month: 1, day: 1)
            if current != expectedNext {
                Issue.record("day \(days): \(current) follows \(previous)")
                return
            }
            #expect(previous < current)
            previous = current
        }
        #expect(previous == last)
    }

    // 2026-01-01T23:30:00Z is 00:30 on the 2nd in Rome (winter, +01:00);
    // 2026-07-15T22:00:00Z is midnight of the 16th in Rome (summer, +02:00).
    @Test(arguments: [
        (Int64(1_767_310_200_000), "2026-01-02", "2026-01-01"),
        (1_767_308_399_999, "2026-01-01", "2026-01-01"),
        (1_767_308_400_000, "2026-01-02", "2026-01-01"),
        (1_784_152_800_000, "2026-07-16", "2026-07-15"),
        (1_784_152_799_999, "2026-07-15", "2026-07-15"),
        (1_767_225_600_000, "2026-01-01", "2026-01-01"),
        (1_767_225_599_999, "2026-01-01", "2025-12-31"),
        (-1, "1970-01-01", "1969-12-31"),
        (-3_600_001, "1969-12-31", "1969-12-31"),
    ])
    func dateOfInstantNearMidnight(milliseconds: Int64, inRome: String, inUTC: String) throws {
        let instant = Timestamp(millisecondsSince1970: milliseconds)
        #expect(CalendarDate(timestamp: instant, in: try zone("Europe/Rome")).description == inRome)
        #expect(CalendarDate(timestamp: instant, in: try #require(TimeZone(secondsFromGMT: 0))).description == inUTC)
    }

    @Test func dateOfInstantWestOfGreenwich() throws {
        // 2026-01-01T03:00:00Z is 22:00 on New Year's Eve in New York.
        let instant = Timestamp(millisecondsSince1970: 1_767_236_400_000)
        #expect(CalendarDate(timestamp: instant, in: try zone("America/New_York")).description == "2025-12-31")
    }

    @Test(arguments: [
        ("2026-01-02", "Europe/Rome", Int64(1_767_308_400_000)),
        ("2026-07-16", "Europe/Rome", 1_784_152_800_000),
        ("2026-03-29", "Europe/Rome", 1_774_738_800_000),
        ("2026-10-25", "Europe/Rome", 1_792_879_200_000),
        ("2026-01-01", "UTC", 1_767_225_600_000),
        ("2026-03-08", "America/New_York", 1_772_946_000_000),
        // Auckland: NZDT (+13:00) until 2026-04-05 03:00 local, then NZST (+12:00) until 2026-09-27 02:00 local.
        ("2026-04-05", "Pacific/Auckland", 1_775_300_400_000),
        ("2026-09-27", "Pacific/Auckland", 1_790_424_000_000),
        // Chile: clocks go from 24:00 back to 23:00 on 2026-04-04 (−03 → −04), and on 2026-09-06 from 00:00 to 01:00.
        ("2026-04-05", "America/Santiago", 1_775_361_600_000),
        ("2026-09-06", "America/Santiago", 1_788_667_200_000),
    ])
    func startOfDay(text: String, zoneIdentifier: String, milliseconds: Int64) throws {
        let day = try #require(CalendarDate(iso8601: text))
        let tz = try zone(zoneIdentifier)
        let start = day.startOfDay(in: tz)
        #expect(start.millisecondsSince1970 == milliseconds)
        #expect(CalendarDate(timestamp: start, in: tz) == day)
        #expect(CalendarDate(timestamp: start.adding(milliseconds: -1), in: tz) == day.adding(days: -1))
    }

    /// The first instant of every day of 2026 belongs to that day, and the instant before it to the day before,
    /// also where the offset changes between local and UTC midnight (Auckland: 2026-04-05 and 2026-09-27;
    /// Santiago: 2026-04-05, and 2026-09-06, which has no local midnight).
    @Test(arguments: ["Europe/Rome", "UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "America/Santiago"])
    func startOfDayBelongsToTheDay(zoneIdentifier: String) throws {
        let tz = try zone(zoneIdentifier)
        var failures: [String] = []
        var day = try date(2026, 1, 1)
        for _ in 0..<365 {
            let start = day.startOfDay(in: tz)
            if CalendarDate(timestamp: start, in: tz) != day
                || CalendarDate(timestamp: start.adding(milliseconds: -1), in: tz) != day.adding(days: -1)
            {
                failures.append("\(day) starts at \(start.iso8601(in: tz))")
            }
            day = day.adding(days: 1)
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func ordering() throws {
        #expect(try date(2025, 12, 31) < date(2026, 1, 1))
        #expect(try date(2026, 1, 31) < date(2026, 2, 1))
        #expect(try date(2026, 2, 1) < date(2026, 2, 2))
        #expect(try !(date(2026, 2, 2) < date(2026, 2, 2)))
    }

    @Test func encodesAsText() throws {
        let value = try date(2026, 3, 9)
        #expect(String(decoding: try JSONEncoder().encode(value), as: UTF8.self) == #""2026-03-09""#)
        #expect(String(decoding: try JSONEncoder().encode([try date(1, 1, 1)]), as: UTF8.self) == #"["0001-01-01"]"#)
        #expect(try JSONDecoder().decode(CalendarDate.self, from: Data(#""2024-02-29""#.utf8)) == date(2024, 2, 29))
    }

    @Test(arguments: [#""2026-02-30""#, #""2026-13-01""#, #""30/11/2026""#, #""""#, "20261130", "null"])
    func decodingRejectsBadText(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CalendarDate.self, from: Data(json.utf8))
        }
    }

    @Test func decodingErrorNamesTheText() {
        do {
            _ = try JSONDecoder().decode(CalendarDate.self, from: Data(#""2026-02-30""#.utf8))
            Issue.record("decoded an impossible date")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == "'2026-02-30' is not a date in the form YYYY-MM-DD")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
