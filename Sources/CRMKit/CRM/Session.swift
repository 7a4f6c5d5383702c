import Foundation

/// A user acting on a workspace. Every write goes through the save pipeline, in order: authorize, reject
/// protected writes, normalize, apply system fields, validate, run hooks, commit, notify. Every list gets
/// the user's access filter.
///
/// ```swift
/// let session = workspace.session(for: 7)
/// var deal = Deal()
/// deal.title = "Website redesign"
/// var stored = try await session.create(deal)          // stage NEW, responsible 7, close date today + 7
/// stored.item.comments = "Call back on Monday"
/// stored = try await session.update(stored)             // refused with a conflict if someone was faster
/// stored = try await session.move(stored.item.id, to: "PREPARATION")
/// let page = try await session.list(Deal.self, filter: .equal("STAGE_ID", .string("PREPARATION")))
/// ```
public struct Session: Sendable {
    /// The workspace acted on.
    public let workspace: Workspace
    /// The user acting.
    public let user: UserID
    /// What the changes count as in field history (`.user`, or `.import` for an import).
    public let source: ChangeSource

    /// Set when the automation engine acts through this session.
    let automation: AutomationContext?

    init(workspace: Workspace, user: UserID, source: ChangeSource, automation: AutomationContext? = nil) {
        self.workspace = workspace
        self.user = user
        self.source = source
        self.automation = automation
    }

    func pipeline() -> SavePipeline { SavePipeline(workspace: workspace, user: user, source: source, automation: automation) }

    /// The work this session's commit finishes, if any.
    private var finishing: [ChangeSet.WorkWrite] { automation?.finishing.map { [.finish($0)] } ?? [] }

    // MARK: Items

    /// Creates an item: system fields set, validated, committed with its first stage-history line.
    /// Throws ``AccessDeniedError``, ``ValidationError`` (naming every bad field) or ``StoreError``.
    public func create<Entity: CRMEntity>(_ input: Entity) async throws -> Versioned<Entity> {
        try await create(input, allowing: [])
    }

    func create<Entity: CRMEntity>(_ input: Entity, allowing: Set<FieldCode>) async throws -> Versioned<Entity> {
        let pipeline = pipeline()
        let prepared = try await prepareCreate(input, allowing: allowing, pipeline: pipeline)
        let receipt = try await pipeline.commit(prepared.changes, operation: .create, item: prepared.stored, previous: nil)
        return Versioned(item: prepared.item, revision: receipt.revisions[prepared.stored.reference] ?? 1)
    }

    /// A new item through every step of the save pipeline but the commit: checked, given its ID and system
    /// fields, changed by automation and hooks, with the change set that stores it.
    func prepareCreate<Entity: CRMEntity>(_ input: Entity, allowing: Set<FieldCode>, pipeline: SavePipeline) async throws
        -> (item: Entity, stored: AnyItem, changes: ChangeSet)
    {
        let checked = try await checkCreate(input, allowing: allowing, pipeline: pipeline)
        return try await finishCreate(checked.item, decision: checked.decision, pipeline: pipeline)
    }

    /// The steps of a create after ``checkCreate(_:allowing:pipeline:)``: the ID, system fields, automation,
    /// hooks and the change set.
    func finishCreate<Entity: CRMEntity>(_ checked: Entity, decision: AccessDecision, pipeline: SavePipeline) async throws
        -> (item: Entity, stored: AnyItem, changes: ChangeSet)
    {
        var item = checked
        let id = try await workspace.store.allocateID(for: Entity.entityType)
        pipeline.applyCreateSystemFields(&item, id: id, forcedResponsible: decision.forcedResponsible)
        let created = item
        let causationID = automation?.cause.causationID ?? "\(ItemReference(item.id))@1"
        let pass = try await pipeline.runAutomation(&item, previous: nil, causationID: causationID) { changed in
            pipeline.applyCreateSystemFields(&changed, id: id, forcedResponsible: decision.forcedResponsible)
        }
        if item != created { try await pipeline.validate(item, previous: nil) }
        try await pipeline.runHooks(&item, previous: nil, operation: .create) { changed in
            pipeline.applyCreateSystemFields(&changed, id: id, forcedResponsible: decision.forcedResponsible)
        }
        guard let stored = AnyItem(item) else { throw StoreError(.unsupportedItem, "\(Entity.self) cannot be stored") }
        var changes = ChangeSet(writes: [.create(stored)], work: pass.work.map { .schedule($0) } + finishing)
        if let line = pipeline.stageChange(created, previous: nil) { changes.timeline.append(line) }
        changes.timeline += pass.timeline
        return (item, stored, changes)
    }

    /// The subject a new item is authorized as: its pipeline and stage as they will be after the defaults.
    func creationSubject<Entity: CRMEntity>(_ input: Entity, catalogs: Catalogs) -> AccessSubject {
        var subject = AccessSubject(input)
        let type = Entity.entityType
        if type.hasPipelines, subject.pipeline == nil { subject.pipeline = catalogs.defaultPipeline(for: type)?.id }
        if type.hasStages, subject.stage == nil {
            subject.stage = catalogs.stageBook(for: type, pipeline: subject.pipeline)?.initialEntry?.id
        }
        return subject
    }

    /// Steps 1 to 5 of a create, without allocating an ID or writing: the normalized input and the decision.
    func checkCreate<Entity: CRMEntity>(_ input: Entity, allowing: Set<FieldCode>, pipeline: SavePipeline) async throws
        -> (item: Entity, decision: AccessDecision)
    {
        let subject = creationSubject(input, catalogs: pipeline.configuration.catalogs)
        if source == .import { _ = try pipeline.authorize(.import, subject) }
        let decision = try pipeline.authorize(.add, subject)
        try pipeline.rejectProtectedWrites(input, previous: nil, allowing: allowing)
        var item = input
        pipeline.normalize(&item)
        var trial = item
        pipeline.applyCreateSystemFields(&trial, id: 0, forcedResponsible: decision.forcedResponsible)
        trial.id = .unassigned
        try await pipeline.validate(trial, previous: nil)
        return (item, decision)
    }

    /// The item, if the user may read it. Throws ``StoreError`` `.notFound` or ``AccessDeniedError``.
    public func get<Entity: CRMEntity>(_ id: ItemID<Entity>) async throws -> Versioned<Entity> {
        let stored = try await load(id)
        _ = try pipeline().authorize(.read, AccessSubject(stored.item))
        return stored
    }

    /// Saves a changed item, based on the revision it was read at: a stale revision is a
    /// ``StoreError`` `.conflict` and changes nothing. Changing the stage needs the TRANSITION right;
    /// the pipeline changes only through ``move(_:to:pipeline:revision:)``.
    public func update<Entity: CRMEntity>(_ changed: Versioned<Entity>) async throws -> Versioned<Entity> {
        try await update(changed, operation: .update, allowing: [])
    }

    /// Loads, changes and saves an item, trying again (up to `attempts` times) when another writer committed
    /// in between, so no update is lost.
    public func modify<Entity: CRMEntity>(
        _ id: ItemID<Entity>, attempts: Int = 10, _ change: (inout Entity) throws -> Void
    ) async throws -> Versioned<Entity> {
        var attempt = 0
        while true {
            attempt += 1
            var current = try await get(id)
            try change(&current.item)
            do {
                return try await update(current)
            } catch let error as StoreError where error.code == .conflict && attempt < attempts {
                continue
            }
        }
    }

    /// Moves an item to a stage, or to another pipeline (its first stage unless one is given). Needs WRITE
    /// and TRANSITION; records a stage-history line.
    public func move<Entity: CRMEntity>(
        _ id: ItemID<Entity>, to stage: StatusID?, pipeline newPipeline: CategoryID? = nil, revision: Int64? = nil
    ) async throws -> Versioned<Entity> {
        var current = try await load(id)
        if let revision, revision != current.revision {
            throw StoreError(.conflict, "\(ItemReference(id)) is at revision \(current.revision), not \(revision)", item: ItemReference(id))
        }
        var target = stage
        if let newPipeline {
            guard Entity.entityType.hasPipelines else {
                throw ValidationError(.unknownPipeline, field: "CATEGORY_ID", "\(Entity.entityType) has no pipelines")
            }
            try current.item.setValue(.integer(newPipeline.rawValue), forField: "categoryId")
            if target == nil {
                target = workspace.catalogs.stageBook(for: Entity.entityType, pipeline: newPipeline)?.initialEntry?.id
            }
        }
        guard let code = Entity.entityType.stageFieldCode else {
            throw ValidationError(.unknownField, field: "STAGE_ID", "\(Entity.entityType) has no stages")
        }
        guard let target else { throw ValidationError(.required, field: code, "a move needs a stage") }
        try current.item.setValue(.string(target.rawValue), forField: code)
        return try await update(current, operation: .move, allowing: ["CATEGORY_ID"])
    }

    func update<Entity: CRMEntity>(
        _ changed: Versioned<Entity>, operation: WriteOperation, allowing: Set<FieldCode>, extra: RuleOutcome = RuleOutcome()
    ) async throws -> Versioned<Entity> {
        let pipeline = pipeline()
        let checked = try await checkUpdate(changed, allowing: allowing, pipeline: pipeline)
        let previous = checked.previous
        let input = checked.input
        var item = checked.item
        let beforeAutomation = item
        let causationID = automation?.cause.causationID ?? "\(ItemReference(item.id))@\(changed.revision + 1)"
        let pass = try await pipeline.runAutomation(&item, previous: previous, causationID: causationID) { changed in
            pipeline.applyUpdateSystemFields(&changed, previous: previous)
        }
        if item != beforeAutomation { try await pipeline.validate(item, previous: previous) }
        try await pipeline.runHooks(&item, previous: previous, operation: operation) { changed in
            pipeline.applyUpdateSystemFields(&changed, previous: previous)
        }
        guard let newItem = AnyItem(item), let oldItem = AnyItem(previous) else {
            throw StoreError(.unsupportedItem, "\(Entity.self) cannot be stored")
        }
        var changes = ChangeSet(
            writes: [.update(newItem, expectedRevision: changed.revision)],
            work: (extra.work + pass.work).map { .schedule($0) } + finishing
                + (try await pipeline.cancelledDelays(of: item, previous: previous, keeping: automation?.finishing)))
        if let line = pipeline.stageChange(beforeAutomation, previous: previous) { changes.timeline.append(line) }
        changes.timeline += pass.timeline
        changes.timeline += pipeline.fieldChanges(from: previous, input: input, to: item, attribution: pass.attribution)
        changes.timeline += extra.events.map { TimelineRecord(item: ItemReference(item.id), entry: .event($0)) }
        let receipt = try await pipeline.commit(changes, operation: operation, item: newItem, previous: oldItem)
        return Versioned(item: item, revision: receipt.revisions[newItem.reference] ?? changed.revision + 1)
    }

    /// Steps 1 to 5 of an update, without writing: the stored item, the normalized input and the item as it
    /// would be stored.
    func checkUpdate<Entity: CRMEntity>(_ changed: Versioned<Entity>, allowing: Set<FieldCode>, pipeline: SavePipeline)
        async throws -> (previous: Entity, input: Entity, item: Entity)
    {
        let stored = try await load(changed.item.id)
        guard stored.revision == changed.revision else {
            throw StoreError(
                .conflict, "\(ItemReference(changed.item.id)) is at revision \(stored.revision), not \(changed.revision)",
                item: ItemReference(changed.item.id))
        }
        let previous = stored.item
        let before = AccessSubject(previous)
        let after = AccessSubject(changed.item)
        if source == .import { _ = try pipeline.authorize(.import, after) }
        _ = try pipeline.authorize(.write, before)
        if after.stage != before.stage || after.pipeline != before.pipeline {
            _ = try pipeline.authorize(.transition, before, targetStage: after.stage)
            if after.pipeline != before.pipeline { _ = try pipeline.authorize(.write, after) }
        }
        try pipeline.rejectProtectedWrites(changed.item, previous: previous, allowing: allowing)
        var input = changed.item
        pipeline.normalize(&input)
        var item = input
        pipeline.applyUpdateSystemFields(&item, previous: previous)
        try await pipeline.validate(item, previous: previous)
        return (previous, input, item)
    }

    /// Deletes an item (based on `revision` when given). Needs DELETE and READ.
    public func delete<Entity: CRMEntity>(_ id: ItemID<Entity>, revision: Int64? = nil) async throws {
        let pipeline = pipeline()
        let stored = try await load(id)
        let subject = AccessSubject(stored.item)
        _ = try pipeline.authorize(.read, subject)
        _ = try pipeline.authorize(.delete, subject)
        guard let item = AnyItem(stored.item) else { throw StoreError(.unsupportedItem, "\(Entity.self) cannot be stored") }
        var deleted = stored.item
        try await pipeline.runHooks(&deleted, previous: stored.item, operation: .delete) { _ in }
        let changes = ChangeSet(writes: [.delete(item.reference, expectedRevision: revision ?? stored.revision)])
        _ = try await pipeline.commit(changes, operation: .delete, item: item, previous: item)
    }

    /// A page of the items the user may read that match the filter, in order, with the total count.
    ///
    /// Inlinable so that a caller's list specializes for its entity type: the conversion of each stored
    /// item then is a plain copy, not a dynamic cast through generic metadata.
    @inlinable
    public func list<Entity: CRMEntity>(
        _ type: Entity.Type, filter: Filter? = nil, order: [SortKey] = [], limit: Int? = nil, offset: Int = 0
    ) async throws -> Page<Entity> {
        var query = Query(Entity.entityType, filter: filter, order: order, limit: limit, offset: offset)
        if let access = workspace.accessPolicy.readFilter(for: user, entityType: Entity.entityType) {
            query.filter = filter.map { .and([access, $0]) } ?? access
        }
        let result = try await workspace.store.query(query)
        let items = result.items.compactMap { stored in
            stored.item.entity(as: Entity.self).map { Versioned(item: $0, revision: stored.revision) }
        }
        return Page(items: items, total: result.total)
    }

    // MARK: Timeline

    /// Records a timeline event on an item the user may read. An inbound communication, a reminder or a
    /// comment by someone other than the responsible person moves the item's last activity forward (never
    /// back), in the same commit.
    @discardableResult
    public func record(_ event: TimelineEvent, on item: ItemReference) async throws -> TimelineRecord {
        switch item.entityType {
        case .lead: try await record(event, on: ItemID<Lead>(item.id))
        case .deal: try await record(event, on: ItemID<Deal>(item.id))
        case .contact: try await record(event, on: ItemID<Contact>(item.id))
        case .company: try await record(event, on: ItemID<Company>(item.id))
        case .quote: try await record(event, on: ItemID<Quote>(item.id))
        case .invoice: try await record(event, on: ItemID<Invoice>(item.id))
        case .product: try await record(event, on: ItemID<Product>(item.id))
        }
    }

    /// Records a timeline event on a typed item; see ``record(_:on:)-(_,ItemReference)``.
    @discardableResult
    public func record<Entity: CRMEntity>(_ event: TimelineEvent, on id: ItemID<Entity>, attempts: Int = 10) async throws
        -> TimelineRecord
    {
        let line = try await recordRetrying(event, on: id, attempts: attempts)
        // An e-mail, call or open-channel message may fire a trigger of the item's pipeline, when the user could
        // make the move. The event is committed already: a trigger that cannot move the item leaves it where it is.
        if automation == nil, let trigger = TriggerEvent(event) { _ = try? await signal(trigger, on: id) }
        return line
    }

    /// Records an event, trying again when another writer changed the item in between.
    private func recordRetrying<Entity: CRMEntity>(_ event: TimelineEvent, on id: ItemID<Entity>, attempts: Int) async throws
        -> TimelineRecord
    {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await recordOnce(event, on: id)
            } catch let error as StoreError where error.code == .conflict && attempt < attempts {
                continue
            }
        }
    }

    private func recordOnce<Entity: CRMEntity>(_ event: TimelineEvent, on id: ItemID<Entity>) async throws -> TimelineRecord {
        let pipeline = pipeline()
        let stored = try await load(id)
        _ = try pipeline.authorize(.read, AccessSubject(stored.item))
        var event = event
        event.time = event.time ?? pipeline.now
        // A user records events as themselves; imports and the system may name the employee concerned.
        event.author = source == .user ? user : event.author ?? user
        let line = TimelineRecord(item: ItemReference(id), entry: .event(event))
        var changes = ChangeSet(timeline: [line], work: finishing)
        var responsible: UserID?
        if case .integer(let value) = SystemFields.value(.assignedById, in: stored.item) { responsible = UserID(value) }
        // An event may be dated in the past (history), but last activity never moves past now.
        let eventTime = min(event.time ?? pipeline.now, pipeline.now)
        var updated = stored.item
        if event.movesLastActivity(responsible: responsible), SystemFields.has(.lastActivityTime, in: Entity.self) {
            let current = SystemFields.value(.lastActivityTime, in: stored.item)
            let isLater = if case .dateTime(let time) = current { eventTime > time } else { true }
            if isLater {
                SystemFields.set(.lastActivityTime, .dateTime(eventTime), in: &updated)
                SystemFields.set(.lastActivityBy, SystemFields.user(event.author ?? user), in: &updated)
                guard let item = AnyItem(updated) else { throw StoreError(.unsupportedItem, "\(Entity.self) cannot be stored") }
                changes.writes.append(.update(item, expectedRevision: stored.revision))
                let system = SavePipeline(workspace: workspace, user: user, source: .system)
                changes.timeline += system.fieldChanges(from: stored.item, input: stored.item, to: updated)
            }
        }
        guard let item = AnyItem(updated), let previous = AnyItem(stored.item) else {
            throw StoreError(.unsupportedItem, "\(Entity.self) cannot be stored")
        }
        _ = try await pipeline.commit(changes, operation: .record, item: item, previous: previous)
        return line
    }

    /// The item's timeline and history lines, in commit order, if the user may read the item.
    public func timeline(of item: ItemReference) async throws -> [TimelineRecord] {
        guard let stored = try await workspace.store.load(item) else {
            throw StoreError(.notFound, "\(item) does not exist", item: item)
        }
        _ = try pipeline().authorize(.read, Self.subject(of: stored.item))
        return try await workspace.store.timeline(of: item)
    }

    // MARK: Configuration

    /// Edits the catalogs (reference books, pipelines, currencies); needs the CRM settings right. The edit
    /// throws ``CatalogError`` to refuse; nothing is then changed.
    @discardableResult
    public func editCatalogs(_ edit: (inout Catalogs) throws -> Void) async throws -> Catalogs {
        _ = try pipeline().authorize(.configure, .settings)
        return try await workspace.editConfiguration { try edit(&$0.catalogs) } verify: { before, after in
            try await checkRemovedEntriesUnused(from: before.catalogs, to: after.catalogs)
        }.catalogs
    }

    /// Throws ``CatalogError`` `.inUse` when an entry or pipeline the edit removes is still used by items.
    private func checkRemovedEntriesUnused(from before: Catalogs, to after: Catalogs) async throws {
        for (bookID, book) in before.books {
            let kept = Set(after.book(bookID)?.entries.map(\.id) ?? [])
            let removed = book.entries.map(\.id).filter { !kept.contains($0) }
            guard !removed.isEmpty else { continue }
            for type in EntityType.allCases {
                for field in type.fields where field.type == .crmStatus && !field.isReadOnly {
                    let isStageField = field.code == type.stageFieldCode
                    let matchesBook =
                        isStageField
                        ? before.pipelines(for: type).contains { $0.stageBookID == bookID } || before.stageBookID(for: type) == bookID
                        : field.statusType == bookID
                    guard matchesBook else { continue }
                    let filter = Filter.in(field.code, removed.map { .string($0.rawValue) })
                    let count = try await workspace.store.count(type, filter: filter)
                    if count > 0 {
                        throw CatalogError(
                            .inUse, "\(removed.map(\.rawValue).joined(separator: ", ")) of \(bookID) is used by \(count) \(type) item(s)")
                    }
                }
            }
        }
    }

    /// Edits the settings; needs the CRM settings right.
    @discardableResult
    public func editSettings(_ edit: (inout WorkspaceSettings) throws -> Void) async throws -> WorkspaceSettings {
        _ = try pipeline().authorize(.configure, .settings)
        return try await workspace.editConfiguration { try edit(&$0.settings) }.settings
    }

    /// Adds or replaces a user field definition; needs the CRM settings right.
    public func defineCustomField(_ definition: CustomFieldDefinition) async throws {
        _ = try pipeline().authorize(.configure, .settings)
        _ = try await workspace.editConfiguration { configuration in
            configuration.customFields.removeAll { $0.code == definition.code && $0.entityType == definition.entityType }
            configuration.customFields.append(definition)
        }
    }

    /// Edits the org chart; needs the CRM settings right (portal or CRM administrator). The edit throws
    /// ``OrgChartError`` to refuse; nothing is then changed. Takes effect on the next check.
    @discardableResult
    public func editOrgChart(_ edit: (inout OrgChart) throws -> Void) async throws -> OrgChart {
        let decision = try pipeline().authorize(.configure, .settings)
        return try await workspace.editConfiguration { try edit(&$0.orgChart) } verify: { before, after in
            // Under Bitrix24's rules only a portal administrator may grant, remove or deactivate portal
            // administration; a custom policy (such as `.unrestricted` for tools) decides alone.
            guard decision.attribute != .administrator, workspace.accessPolicy is Bitrix24AccessPolicy else { return }
            let changed = Set(before.orgChart.users.keys).union(after.orgChart.users.keys).filter { id in
                let old = before.orgChart.users[id]
                let new = after.orgChart.users[id]
                let wasAdministrator = old?.isPortalAdministrator == true
                return (new?.isPortalAdministrator == true) != wasAdministrator
                    || (wasAdministrator && (new?.isActive != old?.isActive))
            }
            if let id = changed.sorted().first {
                let request = AccessRequest(user: user, operation: .configure, subject: .settings)
                throw AccessDeniedError(
                    request: request,
                    decision: AccessDecision(
                        isAllowed: false,
                        reasons: ["user \(user) is not a portal administrator, so may not change user \(id)'s portal administration"],
                        level: decision.level, roles: decision.roles, attribute: decision.attribute))
            }
        }.orgChart
    }

    /// Replaces the access roles; needs the CRM settings right. Takes effect on the next check.
    @discardableResult
    public func editRoles(_ edit: (inout [Role]) throws -> Void) async throws -> [Role] {
        _ = try pipeline().authorize(.configure, .settings)
        return try await workspace.editConfiguration { configuration in
            try edit(&configuration.roles)
            let ids = configuration.roles.map(\.id)
            guard Set(ids).count == ids.count else {
                throw ValidationError(.malformed, field: "ROLE_ID", "role IDs must be unique")
            }
        }.roles
    }

    /// The decision for an operation on an item, with its reasons: "why can't this user see that deal?".
    public func explain(_ operation: AccessOperation, on item: ItemReference, targetStage: StatusID? = nil) async throws
        -> AccessDecision
    {
        try await explain(operation, on: item, for: user, targetStage: targetStage)
    }

    /// The decision for another user; asking about someone else needs the CRM settings right.
    public func explain(_ operation: AccessOperation, on item: ItemReference, for subjectUser: UserID, targetStage: StatusID? = nil)
        async throws -> AccessDecision
    {
        if subjectUser != user { _ = try pipeline().authorize(.configure, .settings) }
        guard let stored = try await workspace.store.load(item) else {
            throw StoreError(.notFound, "\(item) does not exist", item: item)
        }
        let subject = Self.subject(of: stored.item)
        let decision = workspace.accessPolicy.decide(
            AccessRequest(user: subjectUser, operation: operation, subject: subject, targetStage: targetStage))
        return decision
    }

    // MARK: Helpers

    private func load<Entity: CRMEntity>(_ id: ItemID<Entity>) async throws -> Versioned<Entity> {
        guard let stored = try await workspace.store.load(id) else {
            throw StoreError(.notFound, "\(ItemReference(id)) does not exist", item: ItemReference(id))
        }
        return stored
    }

    static func subject(of item: AnyItem) -> AccessSubject {
        switch item {
        case .lead(let entity): AccessSubject(entity)
        case .deal(let entity): AccessSubject(entity)
        case .contact(let entity): AccessSubject(entity)
        case .company(let entity): AccessSubject(entity)
        case .quote(let entity): AccessSubject(entity)
        case .invoice(let entity): AccessSubject(entity)
        case .product(let entity): AccessSubject(entity)
        }
    }
}
