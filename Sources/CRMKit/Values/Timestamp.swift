public import Foundation

/// An instant, in milliseconds since 1970-01-01T00:00:00Z: created, modified, moved and activity times.
///
/// ```swift
/// let created = Timestamp(iso8601: "2026-01-01T09:30:00+01:00")!
/// created.millisecondsSince1970                       // 1767256200000
/// created.iso8601(in: TimeZone(identifier: "Europe/Rome")!)  // "2026-01-01T09:30:00+01:00"
/// ```
///
/// It encodes as the bare number of milliseconds.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64

    /// Wraps a number of milliseconds since 1970.
    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// The instant of a Foundation `Date`, truncated to the millisecond.
    public init(_ date: Date) {
        millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Parses an ISO 8601 date-time with seconds and an offset (`Z` or `±HH:MM`), as Bitrix24 writes them:
    /// `2026-01-01T09:30:00+01:00`, `2026-01-01T08:30:00.250Z`. A date alone (`2026-01-01`) is midnight UTC.
    /// Returns nil for anything else.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard let date = CalendarDate(datePrefixOf: bytes), bytes.count == 10 || bytes[10] == UInt8(ascii: "T") else {
            return nil
        }
        let days = date.daysSince1970
        if bytes.count == 10 {
            millisecondsSince1970 = days * 86_400_000
            return
        }
        guard bytes.count >= 20, bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = CivilDate.digits(bytes, 11, 2), hour < 24,
            let minute = CivilDate.digits(bytes, 14, 2), minute < 60,
            let second = CivilDate.digits(bytes, 17, 2), second < 60
        else { return nil }
        var index = 19
        var milliseconds = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 100
            while index < bytes.count, let digit = CivilDate.digits(bytes, index, 1) {
                milliseconds += digit * scale
                scale /= 10
                index += 1
            }
            guard index > 20 else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        if bytes[index] == UInt8(ascii: "Z") {
            guard index + 1 == bytes.count else { return nil }
        } else {
            guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
                index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHours = CivilDate.digits(bytes, index + 1, 2), offsetHours <= 18,
                let offsetMinutes = CivilDate.digits(bytes, index + 4, 2), offsetMinutes < 60
            else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        millisecondsSince1970 = seconds * 1000 + Int64(milliseconds)
    }

    /// The Foundation `Date` of this instant.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// The instant `milliseconds` later, saturating at the ends of the range instead of overflowing.
    public func adding(milliseconds: Int64) -> Timestamp {
        let (sum, overflow) = millisecondsSince1970.addingReportingOverflow(milliseconds)
        return Timestamp(millisecondsSince1970: overflow ? (milliseconds > 0 ? .max : .min) : sum)
    }

    /// The instant `seconds` later, saturating like ``adding(milliseconds:)``.
    public func adding(seconds: Int64) -> Timestamp {
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return adding(milliseconds: overflow ? (seconds > 0 ? .max : .min) : milliseconds)
    }

    /// ISO 8601 with the time zone's offset at that instant, seconds precision: `2026-01-01T09:30:00+01:00`.
    public func iso8601(in timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = CalendarDate.floorDivide(millisecondsSince1970, 1000) + Int64(offset)
        let days = CalendarDate.floorDivide(local, 86_400)
        let secondOfDay = Int(local - days * 86_400)
        let day = CalendarDate(daysSince1970: days)
        let sign = offset < 0 ? "-" : "+"
        let absolute = abs(offset)
        return "\(day)T\(CivilDate.padded(secondOfDay / 3600, 2)):\(CivilDate.padded(secondOfDay / 60 % 60, 2))"
            + ":\(CivilDate.padded(secondOfDay % 60, 2))"
            + "\(sign)\(CivilDate.padded(absolute / 3600, 2)):\(CivilDate.padded(absolute / 60 % 60, 2))"
    }

    /// ISO 8601 in UTC: `2026-01-01T08:30:00+00:00`.
    public var description: String { iso8601(in: TimeZone(secondsFromGMT: 0) ?? .current) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    public init(from decoder: any Decoder) throws {
        millisecondsSince1970 = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSince1970)
    }
}
