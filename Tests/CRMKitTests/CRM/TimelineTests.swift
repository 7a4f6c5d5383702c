import CRMKit
import Foundation
import Testing

@Suite("Timeline events and last activity")
struct TimelineTests {
    /// (event, whether it moves last activity); the deal's responsible person is user 7.
    static let events: [(String, TimelineEvent, Bool)] = [
        ("comment by the responsible person", TimelineEvent(kind: .comment(text: "note"), author: 7), false),
        ("comment by someone else", TimelineEvent(kind: .comment(text: "note"), author: 9), true),
        ("incoming answered call", TimelineEvent(kind: .call(direction: .incoming, outcome: .answered, durationSeconds: 60)), true),
        ("incoming missed call", TimelineEvent(kind: .call(direction: .incoming, outcome: .missed, durationSeconds: 0)), true),
        ("outgoing answered call", TimelineEvent(kind: .call(direction: .outgoing, outcome: .answered, durationSeconds: 60)), false),
        ("incoming e-mail", TimelineEvent(kind: .email(direction: .incoming, subject: "Hi", address: "a@b.it")), true),
        ("outgoing e-mail", TimelineEvent(kind: .email(direction: .outgoing, subject: "Hi", address: "a@b.it")), false),
        ("client message in an open channel", TimelineEvent(kind: .openChannelMessage(author: .client, text: "?")), true),
        ("employee reply in an open channel", TimelineEvent(kind: .openChannelMessage(author: .employee, text: "!")), false),
        ("activity reminder", TimelineEvent(kind: .activityReminder(text: "call")), true),
    ]

    @Test("recording an event moves last activity exactly as Bitrix24 does", arguments: events)
    func lastActivity(name: String, event: TimelineEvent, moves: Bool) async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Deal())
        fixture.clock.advance(byMilliseconds: 60_000)
        let later = WorkspaceFixture.start.adding(milliseconds: 60_000)
        let line = try await fixture.workspace.session(for: 9).record(event, on: ItemReference(created.item.id))
        guard case .event(let stored) = line.entry else {
            Issue.record("recorded \(line.entry)")
            return
        }
        #expect(stored.time == later)
        #expect(stored.author == (event.author ?? 9))
        let deal = try await fixture.session.get(created.item.id)
        #expect(deal.item.lastActivityTime == (moves ? later : WorkspaceFixture.start))
        #expect(deal.item.lastActivityBy == (moves ? stored.author : 7))
        #expect(deal.revision == (moves ? 2 : 1))
        #expect(try await fixture.session.timeline(of: ItemReference(created.item.id)).contains(line))
    }

    @Test("last activity never moves back")
    func neverBack() async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Deal())
        let earlier = WorkspaceFixture.start.adding(milliseconds: -3_600_000)
        try await fixture.session.record(
            TimelineEvent(kind: .email(direction: .incoming, subject: "Old", address: "a@b.it"), time: earlier), on: ItemReference(created.item.id))
        let deal = try await fixture.session.get(created.item.id)
        #expect(deal.item.lastActivityTime == WorkspaceFixture.start)
        #expect(deal.revision == 1)
    }

    @Test("the system's last-activity change is recorded as a system change in field history")
    func historySource() async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Lead())
        fixture.clock.advance(byMilliseconds: 1_000)
        try await fixture.session.record(TimelineEvent(kind: .activityReminder(text: "call")), on: ItemReference(created.item.id))
        let changes = try await fixture.session.timeline(of: ItemReference(created.item.id)).compactMap { record -> FieldChange? in
            if case .fieldChange(let change) = record.entry { change } else { nil }
        }
        #expect(changes.map(\.field) == ["LAST_ACTIVITY_TIME"])
        #expect(changes.first?.source == .system)
        #expect(changes.first?.oldValue == .dateTime(WorkspaceFixture.start))
    }
}
