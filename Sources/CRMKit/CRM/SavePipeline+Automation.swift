/// Step 6's automation: triggers fired by the change itself (fields, responsible), then the rules of every
/// stage the item enters, in order, each immediate rule's result going through the system fields again; a
/// delayed rule becomes pending work in the same commit.
extension SavePipeline {
    /// Runs automation on an item about to be saved; `reapply` is step 4 for this write.
    func runAutomation<Entity: CRMEntity>(
        _ item: inout Entity, previous: Entity?, causationID: String, reapply: (inout Entity) -> Void
    ) async throws -> AutomationPass {
        var pass = AutomationPass()
        // Imports do not run automation, as Bitrix24's import does not: an import checks every row before it
        // writes any, and rules run only on the writes that follow.
        guard source != .import, Entity.entityType.hasStages else { return pass }
        let engine = workspace.automationEngine(now: now)
        let configuration = engine.configuration
        guard !configuration.rules.isEmpty || !configuration.triggers.isEmpty else { return pass }
        let previousItem = previous.flatMap { AnyItem($0) }
        var depth = automation?.depth ?? 0
        var entered: StatusID? =
            previous.map { SystemFields.stage(of: $0) != SystemFields.stage(of: item) ? SystemFields.stage(of: item) : nil }
            ?? SystemFields.stage(of: item)
        if let previous, entered == nil, let current = AnyItem(item) {
            var events: [TriggerEvent] = []
            let changed = Self.changedFields(previous, item)
            if !changed.isEmpty { events.append(.fieldChanged(changed)) }
            if changed.contains("ASSIGNED_BY_ID") { events.append(.responsibleChanged) }
            for event in events {
                guard let trigger = engine.trigger(for: event, item: current, previous: previousItem) else { continue }
                let before = item
                try Self.setStage(trigger.stage, of: &item)
                reapply(&item)
                let cause = ChangeCause(ruleID: trigger.id, causationID: causationID)
                if let line = stageChange(item, previous: before, cause: cause) { pass.timeline.append(line) }
                entered = trigger.stage
                break
            }
        }
        var chain: [String] = []
        while let stage = entered {
            entered = nil
            depth += 1
            guard depth <= configuration.depthLimit else {
                var loop: [String] = []
                for rule in chain where !loop.contains(rule) { loop.append(rule) }
                throw AutomationError(
                    .loop,
                    "automation entered more than \(configuration.depthLimit) stages in one chain (\(causationID)); rules "
                        + loop.joined(separator: ", ") + " move the item round in a loop",
                    rules: loop)
            }
            for rule in configuration.rules(for: Entity.entityType, stage: stage) {
                guard let current = AnyItem(item), engine.holds(rule.condition, item: current, previous: previousItem) else { continue }
                chain.append(rule.id)
                if rule.timing != .immediately {
                    let work = AutomationWork.delayedRule(
                        ruleID: rule.id, item: ItemReference(item.id), stage: stage, actor: user, causationID: causationID, depth: depth)
                    pass.work.append(
                        try work.pending(
                            id: PendingWorkID("delay/\(ItemReference(item.id))/\(causationID)/\(rule.id)/\(depth)"), due: engine.due(of: rule, item: current),
                            item: ItemReference(item.id)))
                    continue
                }
                let before = item
                let outcome = try engine.apply(rule, to: &item, actor: user, causationID: causationID, depth: depth)
                reapply(&item)
                let cause = ChangeCause(ruleID: rule.id, causationID: causationID)
                for code in Self.changedFields(before, item) { pass.attribution[code] = cause }
                pass.timeline += outcome.events.map { TimelineRecord(item: ItemReference(item.id), entry: .event($0)) }
                pass.work += outcome.work
                if SystemFields.stage(of: item) != SystemFields.stage(of: before)
                    || SystemFields.pipeline(of: item) != SystemFields.pipeline(of: before)
                {
                    if let line = stageChange(item, previous: before, cause: cause) { pass.timeline.append(line) }
                    entered = SystemFields.stage(of: item)
                    break
                }
            }
        }
        // A delayed rule of a stage the item passed through in this save is cancelled at once, as when it leaves.
        let finalStage = SystemFields.stage(of: item)
        pass.work.removeAll { work in
            if case .delayedRule(_, _, let stage, _, _, _)? = try? AutomationWork.decode(work) { stage != finalStage } else { false }
        }
        return pass
    }

    /// Finishes the pending delayed rules of an item that left their stage, in the commit that moves it (Bitrix24
    /// ends a stage's waiting rules when the item leaves it). `keeping` is work this commit finishes anyway.
    func cancelledDelays<Entity: CRMEntity>(of item: Entity, previous: Entity, keeping: PendingWorkID?) async throws
        -> [ChangeSet.WorkWrite]
    {
        // Leaving a stage cancels its waits, so the only waits an item can have are those of its stored stage.
        let stage = SystemFields.stage(of: item)
        guard let left = SystemFields.stage(of: previous), stage != left,
            workspace.configuration.automation.rules(for: Entity.entityType, stage: left).contains(where: { $0.timing != .immediately })
        else { return [] }
        let reference = ItemReference(item.id)
        return try await workspace.store.pendingWork(dueBy: nil).compactMap { work in
            guard work.item == reference, work.id != keeping,
                case .delayedRule(_, _, let waiting, _, _, _)? = try? AutomationWork.decode(work), waiting != stage
            else { return nil }
            return .finish(work.id)
        }
    }

    /// The fields whose values differ, by REST code, leaving out the modification time and user.
    static func changedFields<Entity: CRMEntity>(_ old: Entity, _ new: Entity) -> [FieldCode] {
        let schema = Entity.schema
        let (oldValues, newValues) = (schema.values(of: old), schema.values(of: new))
        var codes = schema.fields.indices.filter { oldValues[$0] != newValues[$0] }.map { schema.fields[$0].code }
            .filter { !["DATE_MODIFY", "MODIFY_BY_ID", "updatedTime", "updatedBy"].contains($0.rawValue) }
        codes += Set(old.customFields.keys).union(new.customFields.keys).sorted().filter { old.customFields[$0] != new.customFields[$0] }
        return codes
    }

    static func setStage<Entity: CRMEntity>(_ stage: StatusID, of entity: inout Entity) throws {
        guard let code = Entity.entityType.stageFieldCode else { return }
        try entity.setValue(.string(stage.rawValue), forField: code)
    }
}
