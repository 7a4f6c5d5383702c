/// What the automation step of one save produced besides the changed item: the automation's timeline and
/// stage lines, the pending work to schedule, and which rule changed which field.
struct AutomationPass: Sendable {
    var timeline: [TimelineRecord] = []
    var work: [PendingWork] = []
    var attribution: [FieldCode: ChangeCause] = [:]
}
