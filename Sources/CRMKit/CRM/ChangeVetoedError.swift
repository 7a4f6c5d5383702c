/// A before-commit hook's refusal of a change: which hook, why, and the fields concerned. Nothing is committed.
///
/// ```swift
/// struct NoBigDiscounts: SaveHook {
///     func beforeCommit(_ change: inout PendingChange) async throws {
///         if case .deal(let deal) = change.item, (deal.opportunity ?? 0) > 1_000_000 {
///             throw ChangeVetoedError(hook: "NoBigDiscounts", "deals over a million need approval", fields: ["OPPORTUNITY"])
///         }
///     }
/// }
/// ```
public struct ChangeVetoedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The hook that refused.
    public var hook: String
    /// Why, for people.
    public var message: String
    /// The fields concerned, by REST code.
    public var fields: [FieldCode]

    /// Makes a refusal.
    public init(hook: String, _ message: String, fields: [FieldCode] = []) {
        self.hook = hook
        self.message = message
        self.fields = fields
    }

    public var description: String { "\(hook) refused the change: \(message)" }
}
