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

    /// Makes a decision.
    public init(isAllowed: Bool, reasons: [String], forcedResponsible: UserID? = nil) {
        self.isAllowed = isAllowed
        self.reasons = reasons
        self.forcedResponsible = forcedResponsible
    }

    /// The reasons as one sentence.
    public var explanation: String { reasons.joined(separator: "; ") }
}
