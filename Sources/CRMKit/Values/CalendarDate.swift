public import Foundation

/// A date without a time of day: a deal's begin and close dates, a birth date, an invoice date.
///
/// ```swift
/// let begin = CalendarDate(year: 2026, month: 11, day: 30)!
/// begin.adding(days: 7).description          // "2026-12-07"
/// CalendarDate(iso8601: "2026-02-30")        // nil: February has no 30th
/// ```
///
/// It encodes as `"YYYY-MM-DD"`.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year (1...9999).
    public let year: Int
    /// The month (1...12).
    public let month: Int
    /// The day of the month (1...31).
    public let day: Int

    /// A valid date, or nil when the day does not exist (or the year is outside 1...9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        self.init(datePrefixOf: bytes)
    }

    /// Parses the `YYYY-MM-DD` the bytes start with (the rest is the caller's to check).
    init?(datePrefixOf bytes: [UInt8]) {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = CivilDate.digits(bytes, 0, 4), let month = CivilDate.digits(bytes, 5, 2),
            let day = CivilDate.digits(bytes, 8, 2)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The days since 1970 of the years 1 to 9999, the dates CRMKit reads and writes.
    public static let supportedDays: ClosedRange<Int64> = -719_162...2_932_896

    /// The date `daysSince1970` days after 1970-01-01 (clamped to the years 1 to 9999).
    public init(daysSince1970: Int64) {
        let daysSince1970 = min(max(daysSince1970, CalendarDate.supportedDays.lowerBound), CalendarDate.supportedDays.upperBound)
        let civil = CivilDate.fromDays(daysSince1970)
        year = civil.year
        month = civil.month
        day = civil.day
    }

    /// The calendar date of an instant in a time zone ("today" for a clock reading).
    ///
    /// ```swift
    /// let today = CalendarDate(timestamp: clock.now, in: TimeZone(identifier: "Europe/Rome")!)
    /// ```
    public init(timestamp: Timestamp, in timeZone: TimeZone) {
        let offsetSeconds = Int64(timeZone.secondsFromGMT(for: timestamp.date))
        let localMilliseconds = timestamp.millisecondsSince1970 + offsetSeconds * 1000
        self.init(daysSince1970: Self.floorDivide(localMilliseconds, 86_400_000))
    }

    /// Days from 1970-01-01 to this date.
    public var daysSince1970: Int64 { CivilDate.toDays(year: year, month: month, day: day) }

    /// The date `days` later (earlier when negative), within the years 1 to 9999.
    public func adding(days: Int) -> CalendarDate {
        let (sum, overflow) = daysSince1970.addingReportingOverflow(Int64(days))
        return CalendarDate(daysSince1970: overflow ? (days < 0 ? Int64.min : Int64.max) : sum)
    }

    /// The first instant of this date in a time zone (local midnight, or the first instant after a
    /// daylight-saving jump that skips it).
    public func startOfDay(in timeZone: TimeZone) -> Timestamp {
        let utcMidnight = daysSince1970 * 86_400_000
        let offsets = [-86_400_000, 0, 86_400_000].map { shift in
            Int64(timeZone.secondsFromGMT(for: Timestamp(millisecondsSince1970: utcMidnight + Int64(shift)).date)) * 1000
        }
        let candidates = Set(offsets).map { Timestamp(millisecondsSince1970: utcMidnight - $0) }
            .filter { CalendarDate(timestamp: $0, in: timeZone) == self }
        return candidates.min() ?? Timestamp(millisecondsSince1970: utcMidnight - offsets[1])
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(CivilDate.padded(year, 4))-\(CivilDate.padded(month, 2))-\(CivilDate.padded(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso8601: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date in the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
