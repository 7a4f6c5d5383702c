/// What an automation rule does when it runs.
///
/// ```swift
/// let actions: [AutomationAction] = [
///     .setField("BEGINDATE", .today(offsetDays: 0)),
///     .addComment("Preparation started"),
///     .createActivity(subject: "Send the offer", deadlineAfterSeconds: 86_400, responsible: nil),
///     .emit(.notification(users: [1], message: "A deal entered preparation")),
/// ]
/// ```
public enum AutomationAction: Hashable, Sendable, Codable {
    /// Writes a field (by REST code or `crm.item` key).
    case setField(FieldCode, AutomationValue)
    /// Moves the item to a stage of its pipeline; the rules of that stage run in turn.
    case moveToStage(StatusID)
    /// Moves the item to another pipeline, to the given stage or the pipeline's first one.
    case moveToPipeline(CategoryID, stage: StatusID?)
    /// Changes the responsible person.
    case assign(ResponsibleSelection)
    /// Adds observers (those already observing stay).
    case addObservers([UserID])
    /// Adds a comment to the item's timeline.
    case addComment(String)
    /// Adds a to-do to the timeline for the responsible person (or the given user), due after a delay; its
    /// reminder fires at the deadline.
    case createActivity(subject: String, deadlineAfterSeconds: Int64, responsible: UserID?)
    /// Creates a copy of the item once the change is committed, in the given stage or its first one.
    case copyItem(stage: StatusID?)
    /// Puts an effect in the outbox.
    case emit(AutomationEffect)
    /// An app-defined action (``AutomationActionHandler``), by name.
    case custom(name: String, parameters: [String: String])
}
