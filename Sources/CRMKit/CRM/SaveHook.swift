/// Code the save pipeline calls around every write: before commit (step 6, after the automation rules; may
/// change the item or veto the change by throwing, for example a ``ChangeVetoedError``, and nothing is then
/// committed) and after commit (step 8, an observer of the committed change set).
///
/// ```swift
/// struct UppercaseTitles: SaveHook {
///     func beforeCommit(_ change: inout PendingChange) async throws {
///         if case .deal(var deal) = change.item { deal.title = deal.title?.uppercased(); change.item = .deal(deal) }
///     }
/// }
/// ```
public protocol SaveHook: Sendable {
    /// Called with the item after system fields and validation; may change it (the pipeline then applies
    /// system fields and validates again) or throw to refuse the change.
    func beforeCommit(_ change: inout PendingChange) async throws
    /// Called once the change is committed.
    func afterCommit(_ change: CommittedChange) async
}

extension SaveHook {
    public func beforeCommit(_ change: inout PendingChange) async throws {}
    public func afterCommit(_ change: CommittedChange) async {}
}

/// What kind of write the pipeline is making.
public enum WriteOperation: String, Hashable, Sendable, Codable {
    /// A new item.
    case create
    /// A changed item.
    case update
    /// A stage or pipeline move.
    case move
    /// A removed item.
    case delete
    /// A timeline event that may move last activity.
    case record
}

/// A change on its way to the store, as hooks see it before commit.
public struct PendingChange: Sendable {
    /// What kind of write.
    public let operation: WriteOperation
    /// Who acts.
    public let user: UserID
    /// The item as it will be stored (hooks may change it).
    public var item: AnyItem
    /// The item as stored before, nil on create.
    public let previous: AnyItem?
    /// Who is making the change.
    public let source: ChangeSource
}

/// A change that was committed, as hooks see it after commit.
public struct CommittedChange: Sendable {
    /// What kind of write.
    public let operation: WriteOperation
    /// Who acted.
    public let user: UserID
    /// The item as stored now (for a delete, as it was).
    public let item: AnyItem
    /// The item as stored before, nil on create.
    public let previous: AnyItem?
    /// The item's new revision, nil after a delete or a `record` that changed no field.
    public let revision: Int64?
    /// The store's commit receipt.
    public let receipt: CommitReceipt
    /// The history lines committed with it.
    public let timeline: [TimelineRecord]
    /// Everything the commit wrote: the item, its history, the pending work (delayed rules, effects).
    public let changes: ChangeSet
}
