/// Something automation asks the outside world to do, kept in the store's outbox until delivered.
///
/// ```swift
/// let action: AutomationAction = .emit(.webhook(url: "https://example.com/hook", payload: ["event": "won"]))
/// ```
public enum AutomationEffect: Hashable, Sendable, Codable {
    /// A notification to users.
    case notification(users: [UserID], message: String)
    /// An HTTP call to a webhook with a payload.
    case webhook(url: String, payload: [String: String])
    /// An app-defined effect, by name.
    case custom(name: String, payload: [String: String])
}
