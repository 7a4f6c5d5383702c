import CRMKit
import Foundation
import Synchronization

/// Helpers for the automation tests: rules in one line, history lookups, a recording deliverer.
enum AutomationFixture {
    static func rule(
        _ id: String, _ stage: StatusID, _ timing: AutomationTiming, when condition: AutomationCondition? = nil,
        _ actions: [AutomationAction]
    ) -> AutomationRule {
        AutomationRule(id: id, entityType: .deal, stage: stage, timing: timing, condition: condition, actions: actions)
    }

    static func rule(_ id: String, _ stage: StatusID, when condition: AutomationCondition? = nil, _ actions: [AutomationAction])
        -> AutomationRule
    {
        rule(id, stage, .immediately, when: condition, actions)
    }

    static func stageLines(_ timeline: [TimelineRecord]) -> [StageChange] {
        timeline.compactMap { if case .stageChange(let change) = $0.entry { change } else { nil } }
    }

    static func fieldLines(_ timeline: [TimelineRecord]) -> [FieldChange] {
        timeline.compactMap { if case .fieldChange(let change) = $0.entry { change } else { nil } }
    }

    static func events(_ timeline: [TimelineRecord]) -> [TimelineEvent] {
        timeline.compactMap { if case .event(let event) = $0.entry { event } else { nil } }
    }
}

/// A deliverer that records every delivery and fails the first `failures` of them.
final class RecordingDeliverer: EffectDeliverer {
    private let state: Mutex<(deliveries: [OutboxEntry], failuresLeft: Int)>

    init(failures: Int = 0) { state = Mutex(([], failures)) }

    var deliveries: [OutboxEntry] { state.withLock { $0.deliveries } }

    func deliver(_ entry: OutboxEntry) async throws {
        try state.withLock { state in
            state.deliveries.append(entry)
            if state.failuresLeft > 0 {
                state.failuresLeft -= 1
                throw DeliveryFailure()
            }
        }
    }

    struct DeliveryFailure: Error, CustomStringConvertible {
        var description: String { "receiver answered 503" }
    }
}
