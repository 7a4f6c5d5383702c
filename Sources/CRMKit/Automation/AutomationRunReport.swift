/// What one ``Workspace/runDue(now:)`` did: rules run, rules cancelled (the item left the stage, was deleted,
/// or the condition no longer held), reminders fired, copies made, effects delivered, and what failed.
public struct AutomationRunReport: Hashable, Sendable {
    /// Delayed rules that ran, by rule ID.
    public var ranRules: [String] = []
    /// Delayed rules that were due but no longer applied, by rule ID.
    public var cancelledRules: [String] = []
    /// Activity reminders recorded, by item.
    public var reminders: [ItemReference] = []
    /// Copies created, as the new items.
    public var copies: [ItemReference] = []
    /// Effects delivered, by idempotency key.
    public var delivered: [String] = []
    /// Effects waiting: no deliverer, or a failed delivery to be retried.
    public var waiting: [String] = []
    /// Work that failed, by work ID, with the error; a rule that failed is finished (not retried).
    public var failures: [String: String] = [:]

    /// An empty report.
    public init() {}
}
