public import Foundation

/// Everything one commit writes, atomically: items (each checked against its revision), timeline and history
/// lines, configuration documents, and pending work (delayed rules, the effects outbox).
///
/// ```swift
/// var changes = ChangeSet()
/// changes.writes.append(.update(.deal(deal), expectedRevision: 3))
/// changes.timeline.append(TimelineRecord(item: ItemReference(deal.id), entry: .fieldChange(change)))
/// let receipt = try await store.commit(changes)
/// ```
public struct ChangeSet: Hashable, Sendable {
    /// One item write.
    public enum Write: Hashable, Sendable {
        /// A new item: its ID must have been allocated and must not exist yet.
        case create(AnyItem)
        /// A new state of an existing item, based on `expectedRevision`.
        case update(AnyItem, expectedRevision: Int64)
        /// Removes an item, based on `expectedRevision`.
        case delete(ItemReference, expectedRevision: Int64)

        /// The item written.
        public var reference: ItemReference {
            switch self {
            case .create(let item), .update(let item, _): item.reference
            case .delete(let reference, _): reference
            }
        }
    }

    /// A change to the store's pending work.
    public enum WorkWrite: Hashable, Sendable {
        /// Adds the work; refused with `conflict` when work with the same ID is pending (finish it earlier in
        /// the same change set to replace it).
        case schedule(PendingWork)
        /// Removes the work; refused with `conflict` when there is no such work (it was already finished), so
        /// finishing work in the same change set as its result makes it happen once.
        case finish(PendingWorkID)
    }

    /// The item writes, in order.
    public var writes: [Write]
    /// Timeline and history lines to append.
    public var timeline: [TimelineRecord]
    /// Configuration documents to replace.
    public var configuration: [ConfigurationKey: Data]

    /// Pending work to schedule or finish, in order.
    public var work: [WorkWrite]

    /// Makes a change set.
    public init(
        writes: [Write] = [], timeline: [TimelineRecord] = [], configuration: [ConfigurationKey: Data] = [:],
        work: [WorkWrite] = []
    ) {
        self.writes = writes
        self.timeline = timeline
        self.configuration = configuration
        self.work = work
    }

    /// Whether there is nothing to write.
    public var isEmpty: Bool { writes.isEmpty && timeline.isEmpty && configuration.isEmpty && work.isEmpty }
}
