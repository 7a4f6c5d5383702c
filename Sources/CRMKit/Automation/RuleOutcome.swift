/// What running one rule's actions produced besides the changed item: timeline events and pending work.
struct RuleOutcome: Sendable {
    var events: [TimelineEvent] = []
    var work: [PendingWork] = []
}
