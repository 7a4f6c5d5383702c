/// Who made a change: a person through a session, an automation rule, an import, or the system itself.
public enum ChangeSource: String, Hashable, Sendable, Codable, CaseIterable {
    /// A user, through a session.
    case user
    /// An automation rule.
    case automation
    /// An import.
    case `import`
    /// The system (side effects such as placeholder titles, last activity).
    case system
}
