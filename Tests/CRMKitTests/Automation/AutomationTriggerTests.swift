import CRMKit
import Foundation
import Testing

@Suite("Automation: triggers")
struct AutomationTriggerTests {
    typealias F = AutomationFixture

    static func makeTrigger(_ event: TriggerEvent, to stage: StatusID = "EXECUTING", back: Bool = false) -> AutomationTrigger {
        AutomationTrigger(id: "t", entityType: .deal, stage: stage, event: event, allowsMovingBack: back)
    }

    /// Each trigger kind, and the timeline event or signal that fires it.
    static let kindCases: [(TriggerEvent, TimelineEvent?, TriggerEvent?)] = [
        (.incomingEmail, TimelineEvent(kind: .email(direction: .incoming, subject: "Hi", address: "a@b.it")), nil),
        (.emailSent, TimelineEvent(kind: .email(direction: .outgoing, subject: "Offer", address: "a@b.it")), nil),
        (.incomingCall, TimelineEvent(kind: .call(direction: .incoming, outcome: .answered, durationSeconds: 30)), nil),
        (.outgoingCall, TimelineEvent(kind: .call(direction: .outgoing, outcome: .answered, durationSeconds: 30)), nil),
        (.missedCall, TimelineEvent(kind: .call(direction: .incoming, outcome: .missed, durationSeconds: 0)), nil),
        (.openChannelMessage, TimelineEvent(kind: .openChannelMessage(author: .client, text: "?")), nil),
        (.emailRead, nil, .emailRead),
        (.emailLinkClicked, nil, .emailLinkClicked),
        (.formSubmitted(formID: "contact-us"), nil, .formSubmitted(formID: "contact-us")),
        (.formSubmitted(formID: nil), nil, .formSubmitted(formID: "any-form")),
        (.callback, nil, .callback),
        (.webhook(code: "erp"), nil, .webhook(code: "erp")),
        (.payment, nil, .payment),
    ]

    @Test("each trigger kind moves the deal forward when its event arrives", arguments: kindCases)
    func kinds(trigger event: TriggerEvent, timeline: TimelineEvent?, signal: TriggerEvent?) async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.triggers = [Self.makeTrigger(event)] }
        let created = try await fixture.session.create(Deal())
        if let timeline { try await fixture.session.record(timeline, on: created.item.id) }
        if let signal { #expect(try await fixture.session.signal(signal, on: ItemReference(created.item.id))?.id == "t") }
        let stored = try await fixture.session.get(created.item.id)
        #expect(stored.item.stageID == "EXECUTING")
        let line = F.stageLines(try await fixture.session.timeline(of: ItemReference(created.item.id))).last
        #expect(line?.source == .automation && line?.cause?.ruleID == "t")
    }

    @Test("an event a trigger does not wait for moves nothing", arguments: [
        (TriggerEvent.formSubmitted(formID: "a"), TriggerEvent.formSubmitted(formID: "b")),
        (.webhook(code: "erp"), .webhook(code: "shop")),
        (.incomingEmail, .payment),
    ])
    func mismatch(trigger event: TriggerEvent, signal: TriggerEvent) async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.triggers = [Self.makeTrigger(event)] }
        let created = try await fixture.session.create(Deal())
        #expect(try await fixture.session.signal(signal, on: ItemReference(created.item.id)) == nil)
        #expect(try await fixture.session.get(created.item.id).revision == 1)
    }

    @Test("a trigger moves only forward unless moving back is allowed", arguments: [false, true])
    func backwards(allowed: Bool) async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.triggers = [Self.makeTrigger(.payment, to: "PREPARATION", back: allowed)] }
        let created = try await fixture.session.create(Deal())
        _ = try await fixture.session.move(created.item.id, to: "EXECUTING")
        let fired = try await fixture.session.signal(.payment, on: ItemReference(created.item.id))
        #expect((fired != nil) == allowed)
        #expect(try await fixture.session.get(created.item.id).item.stageID == (allowed ? "PREPARATION" : "EXECUTING"))
    }

    @Test("a field-changed trigger watches its fields; a responsible-changed trigger the responsible person")
    func fieldTriggers() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { automation in
            automation.triggers = [
                AutomationTrigger(id: "amount", entityType: .deal, stage: "PREPARATION", event: .fieldChanged(["OPPORTUNITY"])),
                AutomationTrigger(id: "owner", entityType: .deal, stage: "EXECUTING", event: .responsibleChanged),
            ]
            automation.rules = [F.rule("exec", "EXECUTING", [.setField("PROBABILITY", .value(.integer(70)))])]
        }
        let created = try await fixture.session.create(Deal())
        let commented = try await fixture.session.modify(created.item.id) { $0.comments = "not watched" }
        #expect(commented.item.stageID == "NEW")
        let amount = try await fixture.session.modify(created.item.id) { $0.opportunity = 500 }
        #expect(amount.item.stageID == "PREPARATION")
        let owner = try await fixture.session.modify(created.item.id) { $0.assignedByID = 9 }
        #expect(owner.item.stageID == "EXECUTING")
        #expect(owner.item.probability == 70)
        let fields = F.fieldLines(try await fixture.session.timeline(of: ItemReference(created.item.id)))
        #expect(fields.first { $0.field == "PROBABILITY" }?.cause?.ruleID == "exec")
    }

    @Test("a trigger's condition must hold")
    func condition() async throws {
        let fixture = try await WorkspaceFixture()
        var trigger = Self.makeTrigger(.payment)
        trigger.condition = .item(.greater("OPPORTUNITY", .decimal(100)))
        try await fixture.session.editAutomation { $0.triggers = [trigger] }
        var deal = Deal()
        deal.opportunity = 50
        let small = try await fixture.session.create(deal)
        deal.opportunity = 500
        let big = try await fixture.session.create(deal)
        #expect(try await fixture.session.signal(.payment, on: ItemReference(small.item.id)) == nil)
        #expect(try await fixture.session.signal(.payment, on: ItemReference(big.item.id))?.id == "t")
    }
}
