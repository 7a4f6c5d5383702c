/// What a commit did: its sequence number in the store and the new revision of each written item
/// (deleted items are absent).
public struct CommitReceipt: Hashable, Sendable {
    /// The commit's position in the store's history, from 1.
    public var sequence: UInt64
    /// The new revision of each created or updated item.
    public var revisions: [ItemReference: Int64]

    /// Makes a receipt.
    public init(sequence: UInt64, revisions: [ItemReference: Int64]) {
        self.sequence = sequence
        self.revisions = revisions
    }
}
