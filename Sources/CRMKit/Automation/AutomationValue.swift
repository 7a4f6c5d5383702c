/// The value an automation action writes into a field: fixed, or computed when the rule runs.
///
/// ```swift
/// let action: AutomationAction = .setField("BEGINDATE", .today(offsetDays: 0))
/// ```
public enum AutomationValue: Hashable, Sendable, Codable {
    /// A fixed value.
    case value(FieldValue)
    /// Today, in the workspace's time zone, plus some days (a date-only value).
    case today(offsetDays: Int)
    /// Now plus some seconds (a date-time value).
    case now(offsetSeconds: Int64)
    /// The current value of another field of the same item.
    case field(FieldCode)
}
