/// What a session acting for the automation engine carries: the rule and chain its changes belong to, how deep
/// in the chain it is, and the pending work its commit finishes.
struct AutomationContext: Sendable {
    var cause: ChangeCause
    var depth: Int
    var finishing: PendingWorkID?
}
