/// A session operation the access policy refused, carrying the decision that refused it. Nothing was
/// changed.
public struct AccessDeniedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The request that was refused.
    public var request: AccessRequest
    /// The decision, with its reasons.
    public var decision: AccessDecision

    /// Makes an error.
    public init(request: AccessRequest, decision: AccessDecision) {
        self.request = request
        self.decision = decision
    }

    public var description: String { "access denied: \(decision.explanation)" }
}
