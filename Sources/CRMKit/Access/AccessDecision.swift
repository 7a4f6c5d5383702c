/// An access policy's answer, with its reasons, so "why can't this user see that deal?" has an answer.
///
/// ```swift
/// let decision = policy.decide(request)
/// if !decision.isAllowed { print(decision.explanation) }
/// ```
public struct AccessDecision: Hashable, Sendable {
    /// Whether the operation may go ahead.
    public var isAllowed: Bool
    /// Why, in sentences for people.
    public var reasons: [String]
    /// On an ADD at level "own", the responsible person the item must get.
    public var forcedResponsible: UserID?
    /// The effective level of the operation for the item (after stage-specific values).
    public var level: PermissionLevel
    /// The roles whose rows gave that level.
    public var roles: [String]
    /// The row that decided, if one did.
    public var row: RolePermission?
    /// What about the item and the user decided.
    public var attribute: AccessAttribute

    /// Makes a decision.
    public init(
        isAllowed: Bool, reasons: [String], forcedResponsible: UserID? = nil, level: PermissionLevel = .none, roles: [String] = [],
        row: RolePermission? = nil, attribute: AccessAttribute = .none
    ) {
        self.isAllowed = isAllowed
        self.reasons = reasons
        self.forcedResponsible = forcedResponsible
        self.level = level
        self.roles = roles
        self.row = row
        self.attribute = attribute
    }

    /// The reasons as one sentence.
    public var explanation: String { reasons.joined(separator: "; ") }
}
