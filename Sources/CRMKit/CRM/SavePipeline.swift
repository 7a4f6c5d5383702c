import Foundation

/// The save pipeline of DESIGN.md, in its contract order: authorize, reject protected writes, normalize,
/// apply system fields, validate, run hooks (then system fields and validation again), commit, and notify.
struct SavePipeline {
    let workspace: Workspace
    let user: UserID
    let source: ChangeSource
    let configuration: WorkspaceConfiguration
    let now: Timestamp
    /// Set when the automation engine is acting: its changes are not authorized and cite the rule.
    let automation: AutomationContext?

    init(workspace: Workspace, user: UserID, source: ChangeSource, automation: AutomationContext? = nil) {
        self.workspace = workspace
        self.user = user
        self.source = source
        self.automation = automation
        configuration = workspace.configuration
        now = workspace.clock.now()
        today = CalendarDate(timestamp: now, in: configuration.settings.timeZone)
    }

    /// The calendar day of ``now`` in the workspace's time zone.
    let today: CalendarDate

    // MARK: Steps shared by every write

    /// Step 1: asks the policy; throws ``AccessDeniedError`` when it refuses. Automation's own changes are not
    /// asked about: rules act with full rights, which is why editing them needs the AUTOMATION right of every
    /// pipeline they act in.
    func authorize(_ operation: AccessOperation, _ subject: AccessSubject, targetStage: StatusID? = nil) throws -> AccessDecision {
        if let automation {
            return AccessDecision(
                isAllowed: true, reasons: ["automation rule \(automation.cause.ruleID) acts"], level: .all, roles: [],
                attribute: .administrator)
        }
        let request = AccessRequest(user: user, operation: operation, subject: subject, targetStage: targetStage)
        let decision = workspace.accessPolicy.decide(request)
        guard decision.isAllowed else { throw AccessDeniedError(request: request, decision: decision) }
        return decision
    }

    /// Step 2: read-only fields given a value, immutable fields changed; `allowing` lists fields this
    /// operation may set (a move sets the pipeline, a conversion the lead link).
    func rejectProtectedWrites<Entity: CRMEntity>(_ input: Entity, previous: Entity?, allowing: Set<FieldCode>) throws {
        let issues = configuration.validator.protectedFieldWrites(in: input, previous: previous)
            .filter { !allowing.contains($0.field) }
        if !issues.isEmpty { throw ValidationError(issues) }
    }

    /// Step 3: trims text, lower-cases e-mail domains, keeps a phone's digits and leading `+`.
    func normalize<Entity: CRMEntity>(_ entity: inout Entity) {
        let schema = Entity.schema
        for (index, value) in schema.values(of: entity).enumerated() {
            let normalized: FieldValue
            switch value {
            case .string(let text):
                let trimmed = text.trimmingWhitespace
                if trimmed.utf8.count == text.utf8.count, !trimmed.isEmpty { continue }
                normalized = trimmed.isEmpty ? .null : .string(trimmed)
            case .list(let values) where schema.roles[index].contains(.multifield):
                let entries = values.map { Self.normalizeMultifield($0, field: schema.fields[index].code) }
                if entries == values { continue }
                normalized = .list(entries)
            default:
                continue
            }
            try? schema.writers[index](&entity, normalized)
        }
    }

    private static func normalizeMultifield(_ value: FieldValue, field: FieldCode) -> FieldValue {
        guard case .multifield(var entry) = value else { return value }
        entry.value = entry.value.trimmingWhitespace
        entry.valueType = entry.valueType.trimmingCharacters(in: .whitespaces).uppercased()
        switch field {
        case "EMAIL":
            if let at = entry.value.lastIndex(of: "@") {
                entry.value = entry.value[..<at] + entry.value[at...].lowercased()
            }
        case "PHONE":
            let digits = entry.value.filter { $0.isASCII && $0.isNumber }
            if !digits.isEmpty { entry.value = (entry.value.hasPrefix("+") ? "+" : "") + digits }
        default: break
        }
        return .multifield(entry)
    }

    /// Step 4 on create.
    func applyCreateSystemFields<Entity: CRMEntity>(_ entity: inout Entity, id: Int64, forcedResponsible: UserID?) {
        let type = Entity.entityType
        entity.id = ItemID(id)
        SystemFields.set(.createdTime, .dateTime(now), in: &entity)
        SystemFields.set(.createdBy, SystemFields.user(user), in: &entity)
        if let forcedResponsible { SystemFields.set(.assignedById, SystemFields.user(forcedResponsible), in: &entity) }
        SystemFields.setIfEmpty(.assignedById, SystemFields.user(user), in: &entity)
        if type.hasPipelines, SystemFields.pipeline(of: entity) == nil,
            let pipeline = configuration.catalogs.defaultPipeline(for: type)
        {
            SystemFields.set(.categoryId, .integer(pipeline.id.rawValue), in: &entity)
        }
        if let code = type.stageFieldCode, SystemFields.stage(of: entity) == nil,
            let initial = configuration.catalogs.stageBook(for: type, pipeline: SystemFields.pipeline(of: entity))?.initialEntry
        {
            try? entity.setValue(.string(initial.id.rawValue), forField: code)
        }
        if SystemFields.stage(of: entity) != nil {
            SystemFields.set(.movedTime, .dateTime(now), in: &entity)
            SystemFields.set(.movedBy, SystemFields.user(user), in: &entity)
        }
        SystemFields.setIfEmpty(.begindate, .date(today), in: &entity)
        SystemFields.setIfEmpty(.closedate, .date(today.adding(days: configuration.settings.closeDateOffsetDays)), in: &entity)
        SystemFields.setIfEmpty(.opened, .bool(configuration.settings.isOpenedByDefault(type)), in: &entity)
        SystemFields.setIfEmpty(.currencyId, .string(configuration.settings.defaultCurrency.rawValue), in: &entity)
        let schema = Entity.schema
        for index in schema.roles.indices where schema.roles[index].contains(.statusDefault) && schema.value(at: index, in: &entity).isEmpty {
            if let bookID = schema.fields[index].statusType, let first = configuration.catalogs.book(bookID)?.entries.first {
                try? schema.writers[index](&entity, .string(first.id.rawValue))
            }
        }
        SystemFields.set(.lastActivityTime, .dateTime(now), in: &entity)
        SystemFields.set(.lastActivityBy, SystemFields.user(user), in: &entity)
        if type != .quote {
            SystemFields.setIfEmpty(.title, .string("\(type.displayName.english) #\(id)"), in: &entity)
        }
        SystemFields.setIfEmpty(.quoteNumber, .string(String(id)), in: &entity)
        SystemFields.setIfEmpty(.accountNumber, .string(String(id)), in: &entity)
        applyCommonSystemFields(&entity, previous: nil)
    }

    /// Step 4 on update (and move).
    func applyUpdateSystemFields<Entity: CRMEntity>(_ entity: inout Entity, previous: Entity) {
        if case .integer(let probability) = SystemFields.value(.probability, in: entity) {
            SystemFields.set(.probability, .integer(min(100, max(0, probability))), in: &entity)
        }
        let oldStage = SystemFields.stage(of: previous)
        let newStage = SystemFields.stage(of: entity)
        if newStage != oldStage || SystemFields.pipeline(of: entity) != SystemFields.pipeline(of: previous) {
            SystemFields.set(.movedTime, .dateTime(now), in: &entity)
            SystemFields.set(.movedBy, SystemFields.user(user), in: &entity)
            SystemFields.set(.previousStageId, oldStage.map { .string($0.rawValue) } ?? .null, in: &entity)
        }
        applyCommonSystemFields(&entity, previous: previous)
    }

    /// Modified time and user, stage semantics, closed and is-new flags, close date on entering a final
    /// stage, the amount from product rows, and the "has phone/e-mail/open line" flags.
    private func applyCommonSystemFields<Entity: CRMEntity>(_ entity: inout Entity, previous: Entity?) {
        let type = Entity.entityType
        SystemFields.set(.updatedTime, .dateTime(now), in: &entity)
        SystemFields.set(.updatedBy, SystemFields.user(user), in: &entity)
        if let stage = SystemFields.stage(of: entity),
            let book = configuration.catalogs.stageBook(for: type, pipeline: SystemFields.pipeline(of: entity)),
            let semantics = book.entry(stage)?.semantics
        {
            SystemFields.set(.stageSemanticId, .string(semantics.rawValue), in: &entity)
            SystemFields.set(.closed, .bool(semantics.isFinal), in: &entity)
            SystemFields.set(.isNew, .bool(stage == book.initialEntry?.id), in: &entity)
            let entersFinal = semantics.isFinal && (previous.map { SystemFields.stage(of: $0) != stage } ?? true)
            if entersFinal && type == .deal { SystemFields.set(.closedate, .date(today), in: &entity) }
            if type == .lead {
                let closedAt: FieldValue =
                    !semantics.isFinal ? .null : (entersFinal ? .dateTime(now) : previous.map { SystemFields.value(.dateClosed, in: $0) } ?? .null)
                SystemFields.set(.dateClosed, closedAt, in: &entity)
            }
        }
        if let rows = (entity as? any ProductRowsHolding)?.productRows, !rows.isEmpty,
            SystemFields.value(.isManualOpportunity, in: entity) != .bool(true)
        {
            SystemFields.set(.opportunity, .decimal(rows.reduce(Decimal(0)) { $0 + $1.total }), in: &entity)
            SystemFields.set(.taxValue, .decimal(rows.reduce(Decimal(0)) { $0 + $1.taxAmount }), in: &entity)
        }
        for (list, flag) in [(SystemFieldKey.phone, SystemFieldKey.hasPhone), (.email, .hasEmail)] where SystemFields.has(flag, in: Entity.self) {
            SystemFields.set(flag, .bool(!SystemFields.value(list, in: entity).isEmpty), in: &entity)
        }
        if SystemFields.has(.hasImol, in: Entity.self), case .list(let entries) = SystemFields.value(.messenger, in: entity) {
            let hasOpenLine = entries.contains { if case .multifield(let entry) = $0 { ["OPENLINE", "IMOL"].contains(entry.valueType) } else { false } }
            SystemFields.set(.hasImol, .bool(hasOpenLine), in: &entity)
        }
    }

    /// Step 5: values, catalogs and, for links that are new or changed, that the linked items exist.
    func validate<Entity: CRMEntity>(_ entity: Entity, previous: Entity?) async throws {
        var issues = configuration.validator.valueProblems(in: entity)
        let schema = Entity.schema
        for (index, linked) in schema.links {
            let value = schema.value(at: index, in: entity)
            if let previous, schema.value(at: index, in: previous) == value { continue }
            let ids: [Int64] =
                switch value {
                case .integer(let id): [id]
                case .list(let values): values.compactMap { if case .integer(let id) = $0 { id } else { nil } }
                default: []
                }
            for id in ids where try await !workspace.store.contains(ItemReference(linked, id)) {
                issues.append(
                    ValidationIssue(.missingReference, field: schema.fields[index].code, "\(linked) \(id) does not exist"))
            }
        }
        if !issues.isEmpty { throw ValidationError(issues) }
    }

    /// Step 6: hooks may change the item; a changed item gets its system fields and validation again.
    func runHooks<Entity: CRMEntity>(
        _ entity: inout Entity, previous: Entity?, operation: WriteOperation, reapply: (inout Entity) -> Void
    ) async throws {
        let hooks = workspace.hooks
        guard !hooks.isEmpty, let item = AnyItem(entity) else { return }
        var change = PendingChange(
            operation: operation, user: user, item: item, previous: previous.flatMap { AnyItem($0) }, source: source)
        for hook in hooks { try await hook.beforeCommit(&change) }
        if change.item == item { return }
        guard var changed = change.item.entity(as: Entity.self), changed.id == entity.id else {
            throw ValidationError(.immutable, field: "ID", "a hook may not change the item's type or ID")
        }
        reapply(&changed)
        try await validate(changed, previous: previous)
        entity = changed
    }

    /// Steps 7 and 8: commits and tells the hooks.
    func commit(
        _ changes: ChangeSet, operation: WriteOperation, item: AnyItem, previous: AnyItem?
    ) async throws -> CommitReceipt {
        try await commit([(changes, item, previous)], operation: operation)
    }

    /// Commits the change sets of several writes as one transaction, then runs each one's after-commit hooks
    /// and the work due now (step 8).
    func commit(
        _ writes: [(changes: ChangeSet, item: AnyItem, previous: AnyItem?)], operation: WriteOperation
    ) async throws -> CommitReceipt {
        var merged = ChangeSet()
        for write in writes {
            merged.writes += write.changes.writes
            merged.timeline += write.changes.timeline
            merged.work += write.changes.work
            merged.configuration.merge(write.changes.configuration) { _, new in new }
        }
        let receipt = try await workspace.store.commit(merged)
        let hooks = workspace.hooks
        for write in writes where !hooks.isEmpty {
            let committed = CommittedChange(
                operation: operation, user: user, item: write.item, previous: write.previous,
                revision: receipt.revisions[write.item.reference], receipt: receipt, timeline: write.changes.timeline,
                changes: write.changes)
            for hook in hooks { await hook.afterCommit(committed) }
        }
        // Step 8: effects and copies this commit scheduled for now run at once (a failure stays in the store).
        let dueNow = merged.work.compactMap { write -> PendingWork? in
            if case .schedule(let work) = write, work.due <= now { work } else { nil }
        }
        if !dueNow.isEmpty { _ = await workspace.run(dueNow) }
        return receipt
    }

    // MARK: History

    /// A stage history line when the stage or pipeline differs from before (or on create).
    func stageChange<Entity: CRMEntity>(_ entity: Entity, previous: Entity?, cause: ChangeCause? = nil) -> TimelineRecord? {
        guard let stage = SystemFields.stage(of: entity) else { return nil }
        let oldStage = previous.flatMap { SystemFields.stage(of: $0) }
        let pipeline = SystemFields.pipeline(of: entity)
        let oldPipeline = previous.flatMap { SystemFields.pipeline(of: $0) }
        guard previous == nil || oldStage != stage || oldPipeline != pipeline else { return nil }
        let semantics =
            configuration.catalogs.stageBook(for: Entity.entityType, pipeline: pipeline)?.entry(stage)?.semantics ?? .process
        let kind: StageChange.Kind =
            previous == nil ? .created : (oldPipeline != pipeline ? .pipelineChanged : (semantics.isFinal ? .finalized : .moved))
        return TimelineRecord(
            item: ItemReference(entity.id),
            entry: .stageChange(
                StageChange(
                    kind: kind, time: now, actor: user, fromStage: oldStage, toStage: stage, fromPipeline: oldPipeline,
                    toPipeline: pipeline, semantics: semantics, source: cause == nil ? source : .automation,
                    cause: cause ?? automation?.cause)))
    }

    /// Field history lines for every field that differs; fields the caller changed get the session's source,
    /// fields only the system changed get `.system`. The modification time and user are not recorded.
    func fieldChanges<Entity: CRMEntity>(
        from previous: Entity, input: Entity, to final: Entity, attribution: [FieldCode: ChangeCause] = [:]
    ) -> [TimelineRecord] {
        let skipped = Set([SystemFieldKey.updatedTime, .updatedBy].compactMap { SystemFields.code($0, in: Entity.self) })
        var records: [TimelineRecord] = []
        func add(_ code: FieldCode, _ old: FieldValue, _ new: FieldValue, _ inputValue: FieldValue) {
            guard old != new, !skipped.contains(code) else { return }
            var changeSource: ChangeSource = inputValue != old ? source : .system
            var cause = changeSource == .system ? nil : automation?.cause
            if let ruleCause = attribution[code] {
                changeSource = .automation
                cause = ruleCause
            }
            records.append(
                TimelineRecord(
                    item: ItemReference(final.id),
                    entry: .fieldChange(
                        FieldChange(
                            field: code, oldValue: old, newValue: new, actor: user, time: now, source: changeSource, cause: cause))))
        }
        let schema = Entity.schema
        let (previousValues, finalValues, inputValues) = (schema.values(of: previous), schema.values(of: final), schema.values(of: input))
        for index in schema.fields.indices {
            add(schema.fields[index].code, previousValues[index], finalValues[index], inputValues[index])
        }
        let customCodes = Set(previous.customFields.keys).union(final.customFields.keys).sorted()
        for code in customCodes {
            add(code, previous.customFields[code] ?? .null, final.customFields[code] ?? .null, input.customFields[code] ?? .null)
        }
        return records
    }
}
