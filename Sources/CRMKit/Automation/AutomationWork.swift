import Foundation

/// What a piece of pending work asks the automation engine to do, as stored in ``PendingWork/payload`` (JSON).
enum AutomationWork: Hashable, Sendable, Codable {
    /// A delayed rule of a stage, to run if the item is still in it.
    case delayedRule(ruleID: String, item: ItemReference, stage: StatusID, actor: UserID, causationID: String, depth: Int)
    /// An activity's reminder, recorded on the item's timeline at the deadline.
    case reminder(item: ItemReference, text: String, actor: UserID, causationID: String)
    /// A copy of an item to create.
    case copy(item: ItemReference, stage: StatusID?, ruleID: String, actor: UserID, causationID: String, depth: Int)
    /// An effect to deliver.
    case effect(OutboxEntry)

    func pending(id: PendingWorkID, due: Timestamp, item: ItemReference) throws -> PendingWork {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return PendingWork(id: id, due: due, item: item, attempts: 0, payload: try encoder.encode(self))
    }

    static func decode(_ work: PendingWork) throws -> AutomationWork {
        try JSONDecoder().decode(AutomationWork.self, from: work.payload)
    }
}
