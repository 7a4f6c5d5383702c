/// An automation rule (Bitrix24's "robot"): attached to a stage, it runs when an item is created in or moves
/// into that stage — at once, after a delay or at a time relative to a date field — if its condition holds.
///
/// Stage IDs name their pipeline (`C3:PREPARATION`), so a rule on a deal stage belongs to that pipeline.
/// Rules of a stage run in the order of ``AutomationConfiguration/rules``.
///
/// ```swift
/// let rule = AutomationRule(
///     id: "prep-begin", entityType: .deal, stage: "PREPARATION",
///     actions: [.setField("BEGINDATE", .today(offsetDays: 0)), .addComment("Preparation started")])
/// ```
public struct AutomationRule: Hashable, Sendable, Codable, Identifiable {
    /// A name unique among the workspace's rules and triggers; history lines cite it.
    public var id: String
    /// What the rule is for, for people.
    public var title: String
    /// Lead, deal, quote or invoice.
    public var entityType: EntityType
    /// The stage whose entry runs it.
    public var stage: StatusID
    /// When it runs.
    public var timing: AutomationTiming
    /// When it applies; nil means always. Checked when the item enters the stage and, for a delayed rule,
    /// again when it runs.
    public var condition: AutomationCondition?
    /// What it does, in order.
    public var actions: [AutomationAction]

    /// Makes a rule.
    public init(
        id: String, title: String = "", entityType: EntityType, stage: StatusID, timing: AutomationTiming = .immediately,
        condition: AutomationCondition? = nil, actions: [AutomationAction]
    ) {
        self.id = id
        self.title = title
        self.entityType = entityType
        self.stage = stage
        self.timing = timing
        self.condition = condition
        self.actions = actions
    }
}
