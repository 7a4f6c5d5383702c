/// An effect waiting in the outbox: what to deliver, its idempotency key, where it came from, and its tries.
public struct OutboxEntry: Hashable, Sendable, Codable {
    /// The key the receiver uses to ignore a repeated delivery; the same on every try.
    public var idempotencyKey: String
    /// What to deliver.
    public var effect: AutomationEffect
    /// The item whose rule emitted it.
    public var item: ItemReference
    /// The rule that emitted it.
    public var ruleID: String
    /// The chain it belongs to.
    public var causationID: String
    /// How many deliveries failed so far.
    public var attempts: Int
    /// When it is next due.
    public var due: Timestamp
    /// The last delivery error, if any.
    public var lastError: String?
}
