import CRMKit
import Foundation
import Synchronization
import Testing

@Suite("Automation: delayed rules, reminders, copies and the effects outbox")
struct AutomationWorkTests {
    typealias F = AutomationFixture
    static let hour: Int64 = 3_600_000

    @Test("a delayed rule runs once when the clock passes it, in each delay form", arguments: [
        (AutomationTiming.after(seconds: 7_200), Int64(2 * 3_600_000)),
        // The close date is today + 7 days (2026-03-09); one day before it is 2026-03-08 00:00 in Rome.
        (.relative(to: "CLOSEDATE", offsetSeconds: -86_400), Timestamp(iso8601: "2026-03-08T00:00:00+01:00")!.millisecondsSince1970
            - WorkspaceFixture.start.millisecondsSince1970),
        (.relative(to: "DATE_CREATE", offsetSeconds: 60), Int64(60_000)),
    ])
    func delayed(timing: AutomationTiming, delay: Int64) async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("later", "NEW", timing, [.setField("PROBABILITY", .value(.integer(55)))])] }
        let created = try await fixture.session.create(Deal())
        let pending = try await fixture.store.pendingWork(dueBy: nil)
        #expect(pending.map(\.due) == [WorkspaceFixture.start.adding(milliseconds: delay)])
        fixture.clock.advance(byMilliseconds: delay - 1)
        #expect(try await fixture.workspace.runDue().ranRules == [])
        #expect(try await fixture.session.get(created.item.id).item.probability == nil)
        fixture.clock.advance(byMilliseconds: 1)
        #expect(try await fixture.workspace.runDue().ranRules == ["later"])
        #expect(try await fixture.workspace.runDue().ranRules == [])
        let stored = try await fixture.session.get(created.item.id)
        #expect(stored.item.probability == 55 && stored.revision == 2)
        let line = F.fieldLines(try await fixture.session.timeline(of: ItemReference(created.item.id))).first { $0.field == "PROBABILITY" }
        #expect(line?.source == .automation)
        #expect(line?.cause == ChangeCause(ruleID: "later", causationID: "deal 1@1"))
        #expect(try await fixture.store.pendingWork(dueBy: nil).isEmpty)
    }

    @Test("a delayed rule is cancelled when the item left the stage or the condition no longer holds")
    func cancelled() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { automation in
            automation.rules = [
                F.rule("later", "NEW", .after(seconds: 60), [.setField("PROBABILITY", .value(.integer(55)))]),
                F.rule("cheap", "NEW", .after(seconds: 60), when: .item(.less("OPPORTUNITY", .decimal(10))), [.setField("COMMENTS", .value(.string("cheap")))]),
            ]
        }
        let left = try await fixture.session.create(Deal())
        _ = try await fixture.session.move(left.item.id, to: "PREPARATION")
        var deal = Deal()
        deal.opportunity = 5
        let grown = try await fixture.session.create(deal)
        _ = try await fixture.session.modify(grown.item.id) { $0.opportunity = 50 }
        let deleted = try await fixture.session.create(Deal())
        try await fixture.session.delete(deleted.item.id)
        fixture.clock.advance(byMilliseconds: 60_000)
        let report = try await fixture.workspace.runDue()
        #expect(report.ranRules == ["later"])
        // The deal that left NEW had its waiting rule finished by the move; the deleted one's is cancelled here.
        #expect(report.cancelledRules.sorted() == ["cheap", "later"])
        #expect(try await fixture.session.get(left.item.id).item.probability == nil)
        #expect(try await fixture.session.get(grown.item.id).item.comments == nil)
        #expect(try await fixture.store.pendingWork(dueBy: nil).isEmpty)
    }

    @Test("an activity gets a to-do line now and a reminder at its deadline that moves last activity")
    func activity() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation {
            $0.rules = [F.rule("todo", "NEW", [.createActivity(subject: "Call the client", deadlineAfterSeconds: 3_600, responsible: nil)])]
        }
        let created = try await fixture.session.create(Deal())
        let deadline = WorkspaceFixture.start.adding(milliseconds: Self.hour)
        var events = F.events(try await fixture.session.timeline(of: ItemReference(created.item.id)))
        #expect(events.map(\.kind) == [.activity(subject: "Call the client", deadline: deadline, responsible: 7)])
        fixture.clock.advance(byMilliseconds: Self.hour)
        #expect(try await fixture.workspace.runDue().reminders == [ItemReference(created.item.id)])
        events = F.events(try await fixture.session.timeline(of: ItemReference(created.item.id)))
        #expect(events.last?.kind == .activityReminder(text: "Call the client"))
        #expect(try await fixture.session.get(created.item.id).item.lastActivityTime == deadline)
    }

    @Test("copy item creates a copy in the given stage once the change is committed")
    func copy() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("copy", "WON", [.copyItem(stage: "PREPARATION")])] }
        var deal = Deal()
        deal.title = "Yearly renewal"
        deal.opportunity = 1_200
        let created = try await fixture.session.create(deal)
        _ = try await fixture.session.move(created.item.id, to: "WON")
        let page = try await fixture.session.list(Deal.self, order: [.ascending("ID")])
        #expect(page.items.map(\.item.id) == [1, 2])
        let copy = try #require(page.items.last?.item)
        #expect(copy.title == "Yearly renewal" && copy.opportunity == 1_200 && copy.stageID == "PREPARATION")
        #expect(copy.createdTime == fixture.clock.now())
        #expect(F.stageLines(try await fixture.session.timeline(of: ItemReference(copy.id))).first?.source == .automation)
        #expect(try await fixture.store.pendingWork(dueBy: nil).isEmpty)
    }

    @Test("effects are delivered at least once with the same idempotency key; failures back off and are kept")
    func effects() async throws {
        let deliverer = RecordingDeliverer(failures: 2)
        let fixture = try await WorkspaceFixture(automation: AutomationExtensions(deliverer: deliverer))
        try await fixture.session.editAutomation { automation in
            automation.retryBaseSeconds = 30
            automation.rules = [F.rule("hook", "WON", [.emit(.webhook(url: "https://example.com/won", payload: ["deal": "1"]))])]
        }
        let created = try await fixture.session.create(Deal())
        _ = try await fixture.session.move(created.item.id, to: "WON")
        // Delivered (and failed) once right after the commit; kept with its next try in 30 s.
        var outbox = try await fixture.workspace.outbox()
        #expect(outbox.count == 1)
        #expect(outbox.first?.attempts == 1 && outbox.first?.lastError == "receiver answered 503")
        #expect(outbox.first?.due == fixture.clock.now().adding(milliseconds: 30_000))
        #expect(try await fixture.workspace.runDue().delivered == [])
        fixture.clock.advance(byMilliseconds: 30_000)
        #expect(try await fixture.workspace.runDue().waiting.count == 1)
        outbox = try await fixture.workspace.outbox()
        #expect(outbox.first?.attempts == 2 && outbox.first?.due == fixture.clock.now().adding(milliseconds: 60_000))
        fixture.clock.advance(byMilliseconds: 60_000)
        let report = try await fixture.workspace.runDue()
        #expect(report.delivered == ["effect/deal 1/deal 1@2/hook/1/0"])
        #expect(deliverer.deliveries.count == 3)
        #expect(Set(deliverer.deliveries.map(\.idempotencyKey)) == ["effect/deal 1/deal 1@2/hook/1/0"])
        #expect(deliverer.deliveries.first?.effect == .webhook(url: "https://example.com/won", payload: ["deal": "1"]))
        #expect(try await fixture.workspace.outbox().isEmpty)
    }

    @Test("two concurrent runDue calls run a delayed rule once")
    func concurrentRuns() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation {
            $0.rules = [F.rule("later", "NEW", .after(seconds: 60), [.addComment("once")])]
        }
        let created = try await fixture.session.create(Deal())
        fixture.clock.advance(byMilliseconds: 60_000)
        async let first = fixture.workspace.runDue()
        async let second = fixture.workspace.runDue()
        let reports = try await [first, second]
        #expect(reports.flatMap(\.ranRules) == ["later"])
        #expect(reports.allSatisfy { $0.failures.isEmpty })
        let comments = F.events(try await fixture.session.timeline(of: ItemReference(created.item.id)))
            .filter { $0.kind == .comment(text: "once") }
        #expect(comments.count == 1)
    }

    @Test("a crash after delivery and before the outbox entry is finished delivers again with the same key")
    func redeliveryAfterCrash() async throws {
        /// Delivers, then "crashes": closes the store so finishing the entry fails.
        final class CrashingDeliverer: EffectDeliverer {
            let store: Mutex<FileStore?> = Mutex(nil)
            let keys = Mutex<[String]>([])
            func deliver(_ entry: OutboxEntry) async throws {
                keys.withLock { $0.append(entry.idempotencyKey) }
                store.withLock { $0?.close() }
            }
        }
        let directory = TemporaryDirectory("automation-redelivery")
        let clock = ManualClock(WorkspaceFixture.start)
        let crashing = CrashingDeliverer()
        do {
            let store = try FileStore.open(at: directory.path)
            let workspace = try await Workspace.open(store: store, accessPolicy: .unrestricted, clock: clock)
            try await workspace.session(for: 7).editAutomation {
                $0.rules = [F.rule("tell", "NEW", [.emit(.notification(users: [7], message: "new"))])]
            }
            _ = try await workspace.session(for: 7).create(Deal())
            crashing.store.withLock { $0 = store }
            let crashed = try await Workspace.open(
                store: store, accessPolicy: .unrestricted, clock: clock, automation: AutomationExtensions(deliverer: crashing))
            let report = try await crashed.runDue()
            #expect(report.delivered.isEmpty && report.failures.count == 1)
        }
        let deliverer = RecordingDeliverer()
        let store = try FileStore.open(at: directory.path)
        defer { store.close() }
        let workspace = try await Workspace.open(
            store: store, accessPolicy: .unrestricted, clock: clock, automation: AutomationExtensions(deliverer: deliverer))
        #expect(try await workspace.runDue().delivered == crashing.keys.withLock { $0 })
        #expect(deliverer.deliveries.map(\.idempotencyKey) == crashing.keys.withLock { $0 })
        #expect(try await workspace.outbox().isEmpty)
    }

    @Test("without a deliverer effects wait in the outbox until dropped explicitly")
    func drop() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("tell", "NEW", [.emit(.notification(users: [1, 2], message: "new deal"))])] }
        _ = try await fixture.session.create(Deal())
        let outbox = try await fixture.workspace.outbox()
        #expect(outbox.map(\.effect) == [.notification(users: [1, 2], message: "new deal")])
        #expect(try await fixture.workspace.runDue().waiting == outbox.map(\.idempotencyKey))
        try await fixture.workspace.dropEffect(idempotencyKey: outbox[0].idempotencyKey)
        #expect(try await fixture.workspace.outbox().isEmpty)
        let error = await #expect(throws: StoreError.self) { try await fixture.workspace.dropEffect(idempotencyKey: outbox[0].idempotencyKey) }
        #expect(error?.code == .conflict)
    }

    @Test("a delayed rule scheduled before a restart of the file store runs once after it; its effect is delivered")
    func restart() async throws {
        let directory = TemporaryDirectory("automation-restart")
        let clock = ManualClock(WorkspaceFixture.start)
        do {
            let store = try FileStore.open(at: directory.path)
            let workspace = try await Workspace.open(store: store, accessPolicy: .unrestricted, clock: clock)
            try await workspace.session(for: 7).editAutomation {
                $0.rules = [F.rule("later", "NEW", .after(seconds: 3_600), [.setField("PROBABILITY", .value(.integer(30))), .emit(.notification(users: [7], message: "hi"))])]
            }
            _ = try await workspace.session(for: 7).create(Deal())
            store.close()
        }
        clock.advance(byMilliseconds: Self.hour)
        let deliverer = RecordingDeliverer()
        do {
            let store = try FileStore.open(at: directory.path)
            let workspace = try await Workspace.open(
                store: store, accessPolicy: .unrestricted, clock: clock, automation: AutomationExtensions(deliverer: deliverer))
            #expect(try await store.pendingWork(dueBy: nil).count == 1)
            let report = try await workspace.runDue()
            #expect(report.ranRules == ["later"])
            #expect(deliverer.deliveries.count == 1)
            #expect(try await workspace.runDue().ranRules == [])
            try store.compact()
            store.close()
        }
        let store = try FileStore.open(at: directory.path)
        defer { store.close() }
        let workspace = try await Workspace.open(store: store, accessPolicy: .unrestricted, clock: clock)
        #expect(try await workspace.runDue() == AutomationRunReport())
        #expect(try await store.load(ItemID<Deal>(1))?.item.probability == 30)
        #expect(try await store.load(ItemID<Deal>(1))?.revision == 2)
        let line = F.fieldLines(try await store.timeline(of: ItemReference(.deal, 1))).first { $0.field == "PROBABILITY" }
        #expect(line?.cause == ChangeCause(ruleID: "later", causationID: "deal 1@1"))
    }
}

@Suite("Automation: hooks and permissions")
struct AutomationHookTests {
    typealias F = AutomationFixture

    struct Veto: SaveHook {
        func beforeCommit(_ change: inout PendingChange) async throws {
            if case .deal(let deal) = change.item, deal.stageID == "WON" {
                throw ChangeVetoedError(hook: "Veto", "no wins on Mondays", fields: ["STAGE_ID"])
            }
        }
    }

    final class Observer: SaveHook {
        let seen = Mutex<[ChangeSet]>([])
        func afterCommit(_ change: CommittedChange) async { seen.withLock { $0.append(change.changes) } }
    }

    @Test("a vetoing hook leaves nothing committed: no item change, no history, no pending work")
    func veto() async throws {
        let observer = Observer()
        let fixture = try await WorkspaceFixture(hooks: [Veto(), observer])
        try await fixture.session.editAutomation {
            $0.rules = [F.rule("won", "WON", .after(seconds: 60), [.addComment("won")]), F.rule("tell", "WON", [.emit(.notification(users: [1], message: "won"))])]
        }
        let created = try await fixture.session.create(Deal())
        let before = try await fixture.session.timeline(of: ItemReference(created.item.id))
        let error = await #expect(throws: ChangeVetoedError.self) { try await fixture.session.move(created.item.id, to: "WON") }
        #expect(error == ChangeVetoedError(hook: "Veto", "no wins on Mondays", fields: ["STAGE_ID"]))
        #expect(try await fixture.session.get(created.item.id).revision == 1)
        #expect(try await fixture.session.timeline(of: ItemReference(created.item.id)) == before)
        #expect(try await fixture.store.pendingWork(dueBy: nil).isEmpty)
        #expect(observer.seen.withLock { $0.count } == 1)
        #expect(observer.seen.withLock { $0.first?.writes.count } == 1)
    }

    @Test("after-commit observers receive the committed change set with its pending work")
    func observer() async throws {
        let observer = Observer()
        let fixture = try await WorkspaceFixture(hooks: [observer])
        try await fixture.session.editAutomation { $0.rules = [F.rule("later", "NEW", .after(seconds: 60), [.addComment("x")])] }
        _ = try await fixture.session.create(Deal())
        guard let changes = observer.seen.withLock({ $0.last }) else {
            Issue.record("the observer saw no commit")
            return
        }
        #expect(changes.work.count == 1)
        guard case .schedule(let work) = changes.work.first else { Issue.record("no schedule"); return }
        #expect(work.due == WorkspaceFixture.start.adding(milliseconds: 60_000))
    }

    @Test("editing automation needs the AUTOMATION right of the pipeline or CRM administration", arguments: [
        (UserID(1), CategoryID(0), true),   // portal administrator
        (UserID(2), CategoryID(0), true),   // CRM administrator
        (UserID(61), CategoryID(0), false), // deal rights, no AUTOMATION
        (UserID(31), CategoryID(3), true),  // AUTOMATION on DEAL_C3 only
        (UserID(31), CategoryID(0), false),
    ])
    func permission(user: UserID, pipeline: CategoryID, allowed: Bool) async throws {
        let workspace = try await AccessFixture.workspace()
        try await workspace.session(for: 1).editRoles { roles in
            roles.append(Role(id: 90, name: "Wholesale automation", permissions: [RolePermission(entity: "DEAL_C3", operation: .automation, level: .all)],
                              members: [.user(31)]))
        }
        let stage: StatusID = pipeline == 0 ? "PREPARATION" : "C3:PREPARATION"
        let edit = { _ = try await workspace.session(for: user).editAutomation { $0.rules = [F.rule("r", stage, [.addComment("x")])] } }
        if allowed {
            try await edit()
            #expect(workspace.configuration.automation.rules.map(\.id) == ["r"])
        } else {
            await #expect(throws: AccessDeniedError.self) { try await edit() }
            #expect(workspace.configuration.automation.rules.isEmpty)
        }
    }
}
