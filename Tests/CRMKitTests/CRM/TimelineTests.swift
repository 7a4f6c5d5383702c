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
        let line = try await fixture.workspace.session(for: event.author ?? 9).record(event, on: ItemReference(created.item.id))
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

@Suite("Timeline events: who and when")
struct TimelineAuthorTests {
    @Test("a user records events as themselves, and a future date does not push last activity past now")
    func authorAndTime() async throws {
        let fixture = try await WorkspaceFixture()
        let created = try await fixture.session.create(Deal())
        let future = WorkspaceFixture.start.adding(milliseconds: 365 * WorkspaceFixture.day)
        let line = try await fixture.workspace.session(for: 9).record(
            TimelineEvent(kind: .email(direction: .incoming, subject: "Hi", address: "a@b.it"), time: future, author: 7),
            on: ItemReference(created.item.id))
        guard case .event(let event) = line.entry else { return }
        #expect(event.author == 9)
        #expect(event.time == future)
        let deal = try await fixture.session.get(created.item.id).item
        #expect(deal.lastActivityTime == WorkspaceFixture.start)
        #expect(deal.lastActivityBy == 7)
        let importer = fixture.workspace.session(for: 1, source: .import)
        let imported = try await importer.record(
            TimelineEvent(kind: .comment(text: "from the old CRM"), author: 12), on: ItemReference(created.item.id))
        guard case .event(let importedEvent) = imported.entry else { return }
        #expect(importedEvent.author == 12)
    }

    @Test("the close-date offset setting is range-checked")
    func closeDateOffset() async throws {
        let fixture = try await WorkspaceFixture()
        await #expect(throws: ValidationError(.outOfRange, field: "CLOSEDATE", "the close-date offset must be 0 to 3650 days, not 9223372036854775807")) {
            try await fixture.session.editSettings { $0.closeDateOffsetDays = Int.max }
        }
        #expect(try await fixture.session.create(Deal()).item.closeDate == CalendarDate(year: 2026, month: 3, day: 9))
    }
}
