/// How the "change responsible" action picks the new responsible person.
///
/// ```swift
/// let action: AutomationAction = .assign(.inTurn([4, 5, 6]))
/// ```
public enum ResponsibleSelection: Hashable, Sendable, Codable {
    /// This user.
    case user(UserID)
    /// One of these users, picked by a hash of the item and the rule, so a replay picks the same one.
    case random([UserID])
    /// These users in turn: each run of the rule takes the next one.
    case inTurn([UserID])
    /// The first of these users who is active in the org chart.
    case firstAvailable([UserID])
}
