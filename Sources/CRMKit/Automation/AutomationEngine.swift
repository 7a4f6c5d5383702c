import Foundation

/// The pure part of automation: which rules and triggers apply, when a delayed rule is due, and what a rule's
/// actions do to an item. The save pipeline (in `CRM/`) runs it and commits what it produces.
struct AutomationEngine: Sendable {
    let configuration: AutomationConfiguration
    let extensions: AutomationExtensions
    let catalogs: Catalogs
    let orgChart: OrgChart
    let timeZone: TimeZone
    let now: Timestamp
    /// The next "in turn" position per rule.
    let turns: TurnCounter

    // MARK: Conditions

    func holds(_ condition: AutomationCondition?, item: AnyItem, previous: AnyItem?) -> Bool {
        guard let condition else { return true }
        switch condition {
        case .item(let filter): return filter.matches(item)
        case .previous(let filter): return previous.map(filter.matches) ?? filter.matches { _ in nil }
        case .all(let parts): return parts.allSatisfy { holds($0, item: item, previous: previous) }
        case .any(let parts): return parts.contains { holds($0, item: item, previous: previous) }
        case .not(let part): return !holds(part, item: item, previous: previous)
        case .custom(let name, let parameters):
            return extensions.conditions[name]?.holds(parameters, item: item, previous: previous) ?? false
        }
    }

    // MARK: Triggers

    /// The first trigger that an event moves the item with: same entity type, a stage of the item's pipeline
    /// other than the current one, later unless moving back is allowed, its condition holding.
    func trigger(for event: TriggerEvent, item: AnyItem, previous: AnyItem?) -> AutomationTrigger? {
        guard let code = item.entityType.stageFieldCode, case .string(let current)? = item.value(of: code),
            let book = AutomationConfiguration.book(of: StatusID(current), item.entityType, in: catalogs),
            let currentIndex = book.entries.firstIndex(where: { $0.id.rawValue == current })
        else { return nil }
        return configuration.triggers.first { trigger in
            guard trigger.entityType == item.entityType, trigger.event.isMatched(by: event),
                let targetIndex = book.entries.firstIndex(where: { $0.id == trigger.stage }), targetIndex != currentIndex,
                targetIndex > currentIndex || trigger.allowsMovingBack
            else { return false }
            return holds(trigger.condition, item: item, previous: previous)
        }
    }

    // MARK: Timing

    /// When a delayed rule is due for an item that entered its stage now.
    func due(of rule: AutomationRule, item: AnyItem) -> Timestamp {
        switch rule.timing {
        case .immediately: return now
        case .after(let seconds): return now.adding(seconds: seconds)
        case .relative(let field, let offset):
            let base: Timestamp =
                switch item.value(of: field) {
                case .dateTime(let time)?: time
                case .date(let date)?: date.startOfDay(in: timeZone)
                default: now
                }
            return base.adding(seconds: offset)
        }
    }

    // MARK: Actions

    /// Applies a rule's actions to the item, in order; returns the events and work they add. A stage move
    /// ends the rule's actions only if the entity has no such stage.
    func apply<Entity: CRMEntity>(
        _ rule: AutomationRule, to entity: inout Entity, actor: UserID, causationID: String, depth: Int
    ) throws -> RuleOutcome {
        var outcome = RuleOutcome()
        let reference = ItemReference(entity.id)
        func fail(_ message: String) -> AutomationError { AutomationError(.actionFailed, "\(rule.id): \(message)", rules: [rule.id]) }
        func set(_ code: FieldCode, _ value: FieldValue) throws {
            do { try entity.setValue(value, forField: code) } catch { throw fail("\(code): \(error)") }
        }
        for (index, action) in rule.actions.enumerated() {
            let key = "\(reference)/\(causationID)/\(rule.id)/\(depth)/\(index)"
            switch action {
            case .setField(let code, let value):
                try set(code, resolve(value, in: entity))
            case .moveToStage(let stage):
                guard let code = Entity.entityType.stageFieldCode else { throw fail("\(Entity.entityType) has no stages") }
                try set(code, .string(stage.rawValue))
            case .moveToPipeline(let pipeline, let stage):
                guard let code = Entity.entityType.stageFieldCode,
                    let target = stage ?? catalogs.stageBook(for: Entity.entityType, pipeline: pipeline)?.initialEntry?.id
                else { throw fail("pipeline \(pipeline) has no stages") }
                try set("CATEGORY_ID", .integer(pipeline.rawValue))
                try set(code, .string(target.rawValue))
            case .assign(let selection):
                guard let user = choose(selection, rule: rule, item: reference) else { throw fail("no user to assign") }
                try set("ASSIGNED_BY_ID", .integer(user.rawValue))
            case .addObservers(let users):
                guard Entity.schema["OBSERVERS"] != nil || Entity.schema["observers"] != nil else {
                    throw fail("\(Entity.entityType) has no observers")
                }
                var current: [FieldValue] = if case .list(let values)? = entity[field: "observers"] { values } else { [] }
                for user in users where !current.contains(.integer(user.rawValue)) { current.append(.integer(user.rawValue)) }
                try set("observers", .list(current))
            case .addComment(let text):
                outcome.events.append(TimelineEvent(kind: .comment(text: text), time: now, author: actor))
            case .createActivity(let subject, let delay, let responsible):
                let deadline = now.adding(seconds: delay)
                var owner = responsible
                if owner == nil, case .integer(let id)? = entity[field: "ASSIGNED_BY_ID"] { owner = UserID(id) }
                let assignee = owner ?? actor
                outcome.events.append(
                    TimelineEvent(kind: .activity(subject: subject, deadline: deadline, responsible: assignee), time: now, author: actor))
                outcome.work.append(
                    try AutomationWork.reminder(item: reference, text: subject, actor: assignee, causationID: causationID)
                        .pending(id: PendingWorkID("reminder/\(key)"), due: deadline, item: reference))
            case .copyItem(let stage):
                outcome.work.append(
                    try AutomationWork.copy(
                        item: reference, stage: stage, ruleID: rule.id, actor: actor, causationID: causationID, depth: depth
                    ).pending(id: PendingWorkID("copy/\(key)"), due: now, item: reference))
            case .emit(let effect):
                outcome.work.append(try effectWork(effect, key: key, rule: rule, item: reference, causationID: causationID))
            case .custom(let name, let parameters):
                guard let handler = extensions.actions[name] else { throw fail("no action named '\(name)' is registered") }
                guard var item = AnyItem(entity) else { throw fail("\(Entity.self) cannot be automated") }
                let effects = try handler.perform(
                    parameters, on: &item, context: AutomationActionContext(ruleID: rule.id, causationID: causationID, now: now))
                guard let changed = item.entity(as: Entity.self), changed.id == entity.id else {
                    throw fail("action '\(name)' may not change the item's type or ID")
                }
                entity = changed
                for (offset, effect) in effects.enumerated() {
                    outcome.work.append(
                        try effectWork(effect, key: "\(key).\(offset)", rule: rule, item: reference, causationID: causationID))
                }
            }
        }
        return outcome
    }

    private func effectWork(
        _ effect: AutomationEffect, key: String, rule: AutomationRule, item: ItemReference, causationID: String
    ) throws -> PendingWork {
        let entry = OutboxEntry(
            idempotencyKey: "effect/\(key)", effect: effect, item: item, ruleID: rule.id, causationID: causationID, attempts: 0,
            due: now, lastError: nil)
        return try AutomationWork.effect(entry).pending(id: PendingWorkID(entry.idempotencyKey), due: now, item: item)
    }

    private func resolve<Entity: CRMEntity>(_ value: AutomationValue, in entity: Entity) -> FieldValue {
        switch value {
        case .value(let value): value
        case .today(let days): .date(CalendarDate(timestamp: now, in: timeZone).adding(days: min(max(days, -36_500), 36_500)))
        case .now(let seconds): .dateTime(now.adding(seconds: seconds))
        case .field(let code): entity[field: code] ?? .null
        }
    }

    private func choose(_ selection: ResponsibleSelection, rule: AutomationRule, item: ItemReference) -> UserID? {
        switch selection {
        case .user(let user): return user
        case .random(let users):
            guard !users.isEmpty else { return nil }
            return users[Int(Self.stableHash("\(rule.id)/\(item)") % UInt64(users.count))]
        case .inTurn(let users):
            guard !users.isEmpty else { return nil }
            return users[turns.next(for: rule.id, count: users.count)]
        case .firstAvailable(let users):
            return users.first { orgChart.users[$0]?.isActive == true }
        }
    }

    /// FNV-1a: the same on every run and platform, unlike `Hasher`.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
