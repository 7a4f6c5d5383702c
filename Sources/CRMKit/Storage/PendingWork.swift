public import Foundation

/// The name of one piece of pending work in a store: a delayed automation rule or an effect waiting in the
/// outbox.
public struct PendingWorkID: StringIdentifier {
    /// The work's name, unique in its store.
    public var rawValue: String
    /// Names a piece of work.
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Work a store keeps until it is done: committed in the same ``ChangeSet`` as the item change that caused it,
/// and finished in the same change set as the item change it makes, so it survives a restart and runs once.
///
/// The store treats ``payload`` as opaque bytes; the automation engine writes JSON into it.
///
/// ```swift
/// let work = PendingWork(id: "rule/r1/deal/17", due: tomorrow, item: ItemReference(.deal, 17), payload: data)
/// try await store.commit(ChangeSet(work: [.schedule(work)]))
/// try await store.pendingWork(dueBy: now)          // [] until tomorrow
/// try await store.commit(ChangeSet(work: [.finish(work.id)]))
/// ```
public struct PendingWork: Hashable, Sendable {
    /// The work's name; scheduling an ID that is pending is a conflict.
    public var id: PendingWorkID
    /// When it is due.
    public var due: Timestamp
    /// The item it concerns, if any.
    public var item: ItemReference?
    /// How many times it was tried and failed.
    public var attempts: Int
    /// What to do, in the scheduler's own encoding.
    public var payload: Data

    /// Makes a piece of work.
    public init(id: PendingWorkID, due: Timestamp, item: ItemReference? = nil, attempts: Int = 0, payload: Data) {
        self.id = id
        self.due = due
        self.item = item
        self.attempts = attempts
        self.payload = payload
    }
}
