extension Session {
    // MARK: Editing automation

    /// Edits the workspace's automation rules and triggers. Needs the AUTOMATION right for every entity type
    /// and pipeline whose rules change (or CRM administration). The result is checked against the catalogs
    /// (``AutomationError`` `invalidConfiguration`, nothing saved); rule graphs that can cycle are saved and
    /// returned as warnings.
    ///
    /// ```swift
    /// let warnings = try await session.editAutomation { $0.rules.append(rule) }
    /// ```
    @discardableResult
    public func editAutomation(_ edit: (inout AutomationConfiguration) throws -> Void) async throws -> [AutomationWarning] {
        let pipeline = pipeline()
        let saved = try await workspace.editConfiguration { try edit(&$0.automation) } verify: { before, after in
            let catalogs = after.catalogs
            /// Per (entity type, pipeline): the rules and triggers there, in order; a rule that moves items into
            /// another pipeline counts there too.
            func scopes(_ automation: AutomationConfiguration) -> [String: (subject: AccessSubject, entries: [String])] {
                var scopes: [String: (subject: AccessSubject, entries: [String])] = [:]
                func add(_ type: EntityType, _ pipeline: CategoryID?, _ entry: String) {
                    let key = "\(type)/\(pipeline?.rawValue ?? -1)"
                    scopes[key, default: (AccessSubject(entityType: type, pipeline: pipeline), [])].entries.append(entry)
                }
                func pipeline(of stage: StatusID, _ type: EntityType) -> CategoryID? {
                    type.hasPipelines ? catalogs.pipeline(ofStage: stage, for: type)?.id : nil
                }
                for rule in automation.rules {
                    add(rule.entityType, pipeline(of: rule.stage, rule.entityType), "rule \(rule)")
                    for case .moveToPipeline(let target, _) in rule.actions { add(rule.entityType, target, "rule \(rule)") }
                }
                for trigger in automation.triggers {
                    add(trigger.entityType, pipeline(of: trigger.stage, trigger.entityType), "trigger \(trigger)")
                }
                return scopes
            }
            let old = scopes(before.automation)
            let new = scopes(after.automation)
            for key in Set(old.keys).union(new.keys).sorted() where old[key]?.entries != new[key]?.entries {
                if let subject = new[key]?.subject ?? old[key]?.subject { _ = try pipeline.authorize(.automation, subject) }
            }
            if before.automation.depthLimit != after.automation.depthLimit
                || before.automation.retryBaseSeconds != after.automation.retryBaseSeconds
                || before.automation.retryMaximumSeconds != after.automation.retryMaximumSeconds
            {
                _ = try pipeline.authorize(.configure, .settings)
            }
        }
        return saved.automation.cycleWarnings(in: saved.catalogs)
    }

    // MARK: Events

    /// Tells automation that an event happened on an item (a form, a payment, a webhook, an e-mail read):
    /// the first trigger of the item's pipeline waiting for it moves the item to its stage, and that stage's
    /// rules run. The user must be allowed to make that move (WRITE and TRANSITION; ``AccessDeniedError``
    /// otherwise). Returns the trigger that fired, if any.
    @discardableResult
    public func signal(_ event: TriggerEvent, on item: ItemReference) async throws -> AutomationTrigger? {
        switch item.entityType {
        case .lead: try await signal(event, on: ItemID<Lead>(item.id))
        case .deal: try await signal(event, on: ItemID<Deal>(item.id))
        case .quote: try await signal(event, on: ItemID<Quote>(item.id))
        case .invoice: try await signal(event, on: ItemID<Invoice>(item.id))
        case .contact, .company, .product: nil
        }
    }

    /// Tells automation that an event happened on a typed item; see ``signal(_:on:)-(_,ItemReference)``.
    @discardableResult
    public func signal<Entity: CRMEntity>(_ event: TriggerEvent, on id: ItemID<Entity>) async throws -> AutomationTrigger? {
        for _ in 0..<10 {
            guard let stored = try await workspace.store.load(id) else {
                throw StoreError(.notFound, "\(ItemReference(id)) does not exist", item: ItemReference(id))
            }
            let subject = AccessSubject(stored.item)
            _ = try pipeline().authorize(.read, subject)
            guard let item = AnyItem(stored.item),
                let trigger = workspace.automationEngine(now: workspace.clock.now()).trigger(for: event, item: item, previous: nil)
            else { return nil }
            _ = try pipeline().authorize(.write, subject)
            _ = try pipeline().authorize(.transition, subject, targetStage: trigger.stage)
            let cause = ChangeCause(ruleID: trigger.id, causationID: "\(ItemReference(id))@\(stored.revision + 1)")
            let automated = Session(
                workspace: workspace, user: user, source: .automation, automation: AutomationContext(cause: cause, depth: 0))
            var moved = stored
            try SavePipeline.setStage(trigger.stage, of: &moved.item)
            do {
                _ = try await automated.update(moved, operation: .move, allowing: [])
                return trigger
            } catch let error as StoreError where error.code == .conflict {
                continue
            }
        }
        throw StoreError(.conflict, "\(ItemReference(id)) kept changing; the trigger did not run", item: ItemReference(id))
    }

    // MARK: Running pending work (the automation engine's sessions)

    /// Runs a delayed rule if the item is still in its stage and the condition holds, finishing the work in the
    /// same commit; otherwise only finishes it. Whether the rule ran.
    func runDelayedRule(_ rule: AutomationRule, on item: ItemReference, stage: StatusID) async throws -> Bool {
        switch item.entityType {
        case .lead: try await runDelayedRule(rule, on: ItemID<Lead>(item.id), stage: stage)
        case .deal: try await runDelayedRule(rule, on: ItemID<Deal>(item.id), stage: stage)
        case .quote: try await runDelayedRule(rule, on: ItemID<Quote>(item.id), stage: stage)
        case .invoice: try await runDelayedRule(rule, on: ItemID<Invoice>(item.id), stage: stage)
        case .contact, .company, .product: try await finishOnly()
        }
    }

    private func runDelayedRule<Entity: CRMEntity>(_ rule: AutomationRule, on id: ItemID<Entity>, stage: StatusID) async throws
        -> Bool
    {
        let pipeline = pipeline()
        let engine = workspace.automationEngine(now: pipeline.now)
        for _ in 0..<10 {
            guard var stored = try await workspace.store.load(id), SystemFields.stage(of: stored.item) == stage,
                let current = AnyItem(stored.item), engine.holds(rule.condition, item: current, previous: current)
            else { return try await finishOnly() }
            let outcome = try engine.apply(
                rule, to: &stored.item, actor: user, causationID: automation?.cause.causationID ?? "", depth: automation?.depth ?? 0)
            do {
                _ = try await update(stored, operation: .update, allowing: ["CATEGORY_ID"], extra: outcome)
                return true
            } catch let error as StoreError where error.code == .conflict {
                continue  // the item changed meanwhile: look again
            }
        }
        throw StoreError(.conflict, "\(ItemReference(id)) kept changing; rule \(rule.id) did not run", item: ItemReference(id))
    }

    /// Creates a copy of an item (its own fields, not the system ones) in a stage or its pipeline's first one.
    func copyItem(_ item: ItemReference, stage: StatusID?) async throws -> ItemReference? {
        switch item.entityType {
        case .lead: try await copyItem(ItemID<Lead>(item.id), stage: stage)
        case .deal: try await copyItem(ItemID<Deal>(item.id), stage: stage)
        case .quote: try await copyItem(ItemID<Quote>(item.id), stage: stage)
        case .invoice: try await copyItem(ItemID<Invoice>(item.id), stage: stage)
        case .contact: try await copyItem(ItemID<Contact>(item.id), stage: stage)
        case .company: try await copyItem(ItemID<Company>(item.id), stage: stage)
        case .product: try await copyItem(ItemID<Product>(item.id), stage: stage)
        }
    }

    private func copyItem<Entity: CRMEntity>(_ id: ItemID<Entity>, stage: StatusID?) async throws -> ItemReference? {
        guard let stored = try await workspace.store.load(id) else {
            _ = try await finishOnly()
            return nil
        }
        var copy = stored.item
        let blank = Entity()
        for binding in Entity.schema.bindings where binding.descriptor.isReadOnly {
            try binding.setValue(binding.value(in: blank), in: &copy)
        }
        if let code = Entity.entityType.stageFieldCode { try copy.setValue(stage.map { .string($0.rawValue) } ?? .null, forField: code) }
        let created = try await create(copy)
        return ItemReference(created.item.id)
    }

    /// Finishes this session's work without changing anything; false, for "did not run".
    private func finishOnly() async throws -> Bool {
        if let work = automation?.finishing { _ = try await workspace.store.commit(ChangeSet(work: [.finish(work)])) }
        return false
    }
}
