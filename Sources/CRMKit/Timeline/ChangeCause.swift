/// Why the automation engine made a change: the rule (or trigger) that made it and the causation ID that ties
/// every change of one chain together, from the write that started it to the last delayed rule it scheduled.
///
/// ```swift
/// if case .fieldChange(let change) = record.entry, let cause = change.cause {
///     print("set by rule \(cause.ruleID) in chain \(cause.causationID)")
/// }
/// ```
public struct ChangeCause: Hashable, Sendable, Codable {
    /// The rule or trigger that made the change.
    public var ruleID: String
    /// The chain the change belongs to: the same for every change that one write set off.
    public var causationID: String

    /// Makes a cause.
    public init(ruleID: String, causationID: String) {
        self.ruleID = ruleID
        self.causationID = causationID
    }
}
