/// When an automation rule runs after an item enters its stage.
///
/// ```swift
/// let timing: AutomationTiming = .relative(to: "CLOSEDATE", offsetSeconds: -86_400)   // 1 day before the close date
/// ```
public enum AutomationTiming: Hashable, Sendable, Codable {
    /// At once, in the same save.
    case immediately
    /// This many seconds after the item entered the stage.
    case after(seconds: Int64)
    /// At a time relative to a date field of the item: a date-only field counts from midnight in the
    /// workspace's time zone; a negative offset is before. A time already past runs at the next `runDue`.
    case relative(to: FieldCode, offsetSeconds: Int64)
}
