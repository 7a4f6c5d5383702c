import CRMKit
import Foundation
import Testing

/// Defects found in review, each with the scenario that showed it.
@Suite("Automation: regressions")
struct AutomationRegressionTests {
    typealias F = AutomationFixture

    @Test("work of different items in one chain (an item and its copies) keeps apart: no effect or delay is lost")
    func copiesKeepTheirWork() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { automation in
            automation.rules = [
                F.rule("copier", "PREPARATION", [.copyItem(stage: "NEW"), .copyItem(stage: "NEW")]),
                F.rule("ping", "NEW", [.emit(.notification(users: [1], message: "new"))]),
                F.rule("later", "NEW", .after(seconds: 60), [.addComment("later")]),
            ]
        }
        var deal = Deal()
        deal.stageID = "PREPARATION"
        _ = try await fixture.session.create(deal)
        #expect(try await fixture.session.list(Deal.self).total == 3)
        #expect(try await fixture.workspace.outbox().count == 2)
        let delayed = try await fixture.store.pendingWork(dueBy: nil).filter { $0.id.rawValue.hasPrefix("delay/") }
        #expect(Set(delayed.compactMap(\.item)) == [ItemReference(.deal, 2), ItemReference(.deal, 3)])
    }

    @Test("leaving a stage cancels its waiting rules; coming back schedules them anew, so they run once")
    func leavingCancels() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("later", "NEW", .after(seconds: 60), [.addComment("once")])] }
        let created = try await fixture.session.create(Deal())
        _ = try await fixture.session.move(created.item.id, to: "PREPARATION")
        #expect(try await fixture.store.pendingWork(dueBy: nil).isEmpty)
        _ = try await fixture.session.move(created.item.id, to: "NEW")
        fixture.clock.advance(byMilliseconds: 60_000)
        #expect(try await fixture.workspace.runDue().ranRules == ["later"])
    }

    @Test("a rule of a stage the item only passes through in one save is not left waiting")
    func passingThrough() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { automation in
            automation.rules = [
                F.rule("wait", "PREPARATION", .after(seconds: 60), [.addComment("never")]),
                F.rule("skip", "PREPARATION", [.moveToStage("EXECUTING")]),
            ]
        }
        let created = try await fixture.session.create(Deal())
        #expect(try await fixture.session.move(created.item.id, to: "PREPARATION").item.stageID == "EXECUTING")
        #expect(try await fixture.store.pendingWork(dueBy: nil).isEmpty)
    }

    @Test("a user who may only read an item cannot move it by signalling an event, nor by recording one")
    func signalNeedsTheMove() async throws {
        let workspace = try await AccessFixture.workspace()
        let admin = workspace.session(for: 1)
        try await admin.editAutomation {
            $0.triggers = [
                AutomationTrigger(id: "paid", entityType: .deal, stage: "WON", event: .payment),
                AutomationTrigger(id: "mail", entityType: .deal, stage: "WON", event: .incomingEmail),
            ]
        }
        // User 41 reads (and adds) open deals and writes none (role "Open reader").
        var deal = Deal()
        deal.assignedByID = 31
        deal.isOpened = true
        let created = try await admin.create(deal)
        let auditor = workspace.session(for: 41)
        _ = try await auditor.get(created.item.id)
        await #expect(throws: AccessDeniedError.self) { try await auditor.signal(.payment, on: ItemReference(created.item.id)) }
        try await auditor.record(TimelineEvent(kind: .email(direction: .incoming, subject: "Paid", address: "a@b.it")), on: created.item.id)
        let stored = try await admin.get(created.item.id)
        #expect(stored.item.stageID == "NEW")
        #expect(try await admin.signal(.payment, on: ItemReference(created.item.id))?.id == "paid")
    }

    @Test("delays, offsets and retry waits out of range are refused when saved; instants saturate instead of trapping")
    func ranges() async throws {
        let fixture = try await WorkspaceFixture()
        for edit: (inout AutomationConfiguration) -> Void in [
            { $0.rules = [F.rule("r", "NEW", .after(seconds: 9_223_372_036_854_775), [])] },
            { $0.rules = [F.rule("r", "NEW", .after(seconds: -1), [])] },
            { $0.rules = [F.rule("r", "NEW", [.createActivity(subject: "x", deadlineAfterSeconds: .max, responsible: nil)])] },
            { $0.rules = [F.rule("r", "NEW", [.setField("BEGINDATE", .today(offsetDays: .max))])] },
            { $0.retryBaseSeconds = 10_000_000_000_000_000; $0.retryMaximumSeconds = 10_000_000_000_000_000 },
        ] {
            let error = await #expect(throws: AutomationError.self) { try await fixture.session.editAutomation(edit) }
            #expect(error?.code == .invalidConfiguration)
        }
        #expect(Timestamp(millisecondsSince1970: .max - 1).adding(seconds: 10) == Timestamp(millisecondsSince1970: .max))
        #expect(Timestamp(millisecondsSince1970: 0).adding(seconds: .min) == Timestamp(millisecondsSince1970: .min))
    }

    @Test("reordering rules needs the AUTOMATION right, since order decides what runs")
    func reorderNeedsTheRight() async throws {
        let workspace = try await AccessFixture.workspace()
        try await workspace.session(for: 1).editAutomation {
            $0.rules = [F.rule("a", "PREPARATION", [.addComment("a")]), F.rule("b", "PREPARATION", [.addComment("b")])]
        }
        await #expect(throws: AccessDeniedError.self) { try await workspace.session(for: 61).editAutomation { $0.rules.reverse() } }
        #expect(workspace.configuration.automation.rules.map(\.id) == ["a", "b"])
    }

    @Test("a rule that copies the item into its own stage is warned about")
    func copyLoopWarning() async throws {
        let fixture = try await WorkspaceFixture()
        let warnings = try await fixture.session.editAutomation { $0.rules = [F.rule("clone", "NEW", [.copyItem(stage: nil)])] }
        #expect(warnings == [AutomationWarning(stages: ["NEW"], rules: ["clone"])])
    }

    @Test("dropEffect refuses keys that are not effects")
    func dropOnlyEffects() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.session.editAutomation { $0.rules = [F.rule("later", "NEW", .after(seconds: 60), [.addComment("x")])] }
        _ = try await fixture.session.create(Deal())
        let delay = try #require(try await fixture.store.pendingWork(dueBy: nil).first)
        let error = await #expect(throws: StoreError.self) { try await fixture.workspace.dropEffect(idempotencyKey: delay.id.rawValue) }
        #expect(error?.code == .notFound)
        #expect(try await fixture.store.pendingWork(dueBy: nil) == [delay])
    }
}
