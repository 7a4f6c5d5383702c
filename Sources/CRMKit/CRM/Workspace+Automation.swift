import Foundation

extension Workspace {
    /// Runs the pending work that is due by `now` (the workspace's clock when nil), each piece once: delayed
    /// rules (if the item is still in the rule's stage and the condition holds), activity reminders, item
    /// copies, and effect deliveries (retried with backoff when the deliverer throws). A piece another caller
    /// finished meanwhile is skipped.
    ///
    /// ```swift
    /// clock.advance(byMilliseconds: 86_400_000)
    /// let report = try await workspace.runDue()
    /// print(report.ranRules, report.delivered)
    /// ```
    @discardableResult
    public func runDue(now: Timestamp? = nil) async throws -> AutomationRunReport {
        await run(try await store.pendingWork(dueBy: now ?? clock.now()))
    }

    /// The effects waiting in the outbox, by due time.
    public func outbox() async throws -> [OutboxEntry] {
        try await store.pendingWork(dueBy: nil).compactMap { work in
            if case .effect(let entry)? = try? AutomationWork.decode(work) { entry } else { nil }
        }
    }

    /// Removes an effect from the outbox without delivering it. Throws ``StoreError`` `conflict` when there is no
    /// such effect (it was delivered or dropped).
    public func dropEffect(idempotencyKey: String) async throws {
        guard idempotencyKey.hasPrefix("effect/") else {
            throw StoreError(.notFound, "'\(idempotencyKey)' is not the idempotency key of an effect")
        }
        _ = try await store.commit(ChangeSet(work: [.finish(PendingWorkID(idempotencyKey))]))
    }

    /// Runs pieces of pending work in order, collecting what happened.
    func run(_ pending: [PendingWork]) async -> AutomationRunReport {
        var report = AutomationRunReport()
        for work in pending {
            do {
                try await run(work, report: &report)
            } catch {
                if let error = error as? StoreError, error.code == .conflict, !(await isPending(work.id)) {
                    continue  // someone else finished it
                }
                report.failures[work.id.rawValue] = "\(error)"
                // A rule whose result is refused (validation, a failing action, a loop) is finished: it would
                // fail the same way again. Store trouble, unreadable payloads and effects stay pending.
                let isEffect = if case .effect? = try? AutomationWork.decode(work) { true } else { false }
                if !isEffect, !(error is StoreError), !(error is DecodingError) {
                    _ = try? await store.commit(ChangeSet(work: [.finish(work.id)]))
                }
            }
        }
        return report
    }

    private func isPending(_ id: PendingWorkID) async -> Bool {
        (try? await store.pendingWork(dueBy: nil).contains { $0.id == id }) ?? false
    }

    private func run(_ work: PendingWork, report: inout AutomationRunReport) async throws {
        let task = try AutomationWork.decode(work)
        switch task {
        case .effect(let entry):
            try await deliver(entry, work: work, report: &report)
        case .delayedRule(let ruleID, let item, let stage, let actor, let causationID, let depth):
            let session = automationSession(actor, rule: ruleID, causationID: causationID, depth: depth, finishing: work.id)
            guard let rule = configuration.automation.rules.first(where: { $0.id == ruleID }) else {
                _ = try await store.commit(ChangeSet(work: [.finish(work.id)]))
                report.cancelledRules.append(ruleID)
                return
            }
            if try await session.runDelayedRule(rule, on: item, stage: stage) {
                report.ranRules.append(ruleID)
            } else {
                report.cancelledRules.append(ruleID)
            }
        case .reminder(let item, let text, let actor, let causationID):
            let session = automationSession(actor, rule: "reminder", causationID: causationID, depth: 0, finishing: work.id)
            guard try await store.load(item) != nil else {
                _ = try await store.commit(ChangeSet(work: [.finish(work.id)]))
                return
            }
            try await session.record(TimelineEvent(kind: .activityReminder(text: text), author: actor), on: item)
            report.reminders.append(item)
        case .copy(let item, let stage, let ruleID, let actor, let causationID, let depth):
            let session = automationSession(actor, rule: ruleID, causationID: causationID, depth: depth, finishing: work.id)
            if let copy = try await session.copyItem(item, stage: stage) { report.copies.append(copy) }
        }
    }

    private func deliver(_ entry: OutboxEntry, work: PendingWork, report: inout AutomationRunReport) async throws {
        guard let deliverer = automationExtensions.deliverer else {
            report.waiting.append(entry.idempotencyKey)
            return
        }
        do {
            try await deliverer.deliver(entry)
        } catch {
            var retry = entry
            retry.attempts += 1
            retry.lastError = "\(error)"
            retry.due = clock.now().adding(seconds: configuration.automation.retryDelaySeconds(afterAttempts: retry.attempts))
            var rescheduled = try AutomationWork.effect(retry).pending(id: work.id, due: retry.due, item: entry.item)
            rescheduled.attempts = retry.attempts
            // Replaced only if still pending: finish and schedule in one commit.
            _ = try await store.commit(ChangeSet(work: [.finish(work.id), .schedule(rescheduled)]))
            report.waiting.append(entry.idempotencyKey)
            return
        }
        _ = try await store.commit(ChangeSet(work: [.finish(work.id)]))
        report.delivered.append(entry.idempotencyKey)
    }

    private func automationSession(_ actor: UserID, rule: String, causationID: String, depth: Int, finishing: PendingWorkID)
        -> Session
    {
        Session(
            workspace: self, user: actor, source: .automation,
            automation: AutomationContext(cause: ChangeCause(ruleID: rule, causationID: causationID), depth: depth, finishing: finishing))
    }
}
