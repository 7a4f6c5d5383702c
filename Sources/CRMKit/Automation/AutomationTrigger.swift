/// A trigger: attached to a stage, it moves an item into that stage when its event arrives — only to a later
/// stage of the item's pipeline unless ``allowsMovingBack`` is set.
///
/// ```swift
/// let trigger = AutomationTrigger(id: "mail-moves", entityType: .deal, stage: "EXECUTING", event: .incomingEmail)
/// ```
public struct AutomationTrigger: Hashable, Sendable, Codable, Identifiable {
    /// A name unique among the workspace's rules and triggers; history lines cite it.
    public var id: String
    /// What the trigger is for, for people.
    public var title: String
    /// Lead, deal, quote or invoice.
    public var entityType: EntityType
    /// The stage it moves items into.
    public var stage: StatusID
    /// The event it waits for.
    public var event: TriggerEvent
    /// Whether it may move an item back to an earlier stage.
    public var allowsMovingBack: Bool
    /// When it applies; nil means always.
    public var condition: AutomationCondition?

    /// Makes a trigger.
    public init(
        id: String, title: String = "", entityType: EntityType, stage: StatusID, event: TriggerEvent,
        allowsMovingBack: Bool = false, condition: AutomationCondition? = nil
    ) {
        self.id = id
        self.title = title
        self.entityType = entityType
        self.stage = stage
        self.event = event
        self.allowsMovingBack = allowsMovingBack
        self.condition = condition
    }
}
