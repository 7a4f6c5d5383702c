extension Bitrix24AccessPolicy {
    /// The condition for the items of a type a user may read — the same rules as ``decide(_:)`` for READ,
    /// as one filter: per permission entity (pipeline), per stage with stage-specific values, the level's
    /// responsible people (or "available to everyone"), and observed items. Built once per user and type for
    /// the policy's life.
    public func readFilter(for user: UserID, entityType: EntityType) -> Filter? {
        readFilters.filter(for: user, entityType) { buildReadFilter(for: user, entityType: entityType) }
    }

    private func buildReadFilter(for user: UserID, entityType: EntityType) -> Filter? {
        guard let member = orgChart.users[user], member.isActive else { return .or([]) }
        if member.isPortalAdministrator { return nil }
        let granted = roles(of: user)
        let entities = Set(
            granted.flatMap(\.permissions).filter { $0.operation == .read && $0.entity.subject?.entityType == entityType }.map(\.entity))
        let stageField = entityType.stageFieldCode
        let hasObservers = entityType.fields.contains { $0.code == "OBSERVERS" }
        var parts: [Filter] = []
        for entity in entities.sorted() {
            let stageRows = granted.flatMap(\.permissions).filter { $0.entity == entity && $0.operation == .read && $0.stage != nil }
            let stages = stageField == nil ? [] : Array(Set(stageRows.compactMap(\.stage))).sorted()
            var alternatives: [Filter] = []
            for stage in stages {
                guard let stageField else { continue }
                let level = self.level(.read, on: entity, stage: stage, roles: granted).level
                alternatives.append(.and([.equal(stageField, .string(stage.rawValue)), reach(user, level: level, observers: hasObservers)]))
            }
            let entityLevel = self.level(.read, on: entity, stage: nil, roles: granted).level
            var rest = reach(user, level: entityLevel, observers: hasObservers)
            if let stageField, !stages.isEmpty {
                rest = .and([.notIn(stageField, stages.map { .string($0.rawValue) }), rest])
            }
            alternatives.append(rest)
            var condition: Filter = alternatives.count == 1 ? alternatives[0] : .or(alternatives)
            if let pipeline = entity.subject?.pipeline, entityType.hasPipelines {
                let inPipeline: Filter =
                    pipeline == 0 && entityType == .invoice
                    ? .or([.equal("CATEGORY_ID", .integer(0)), .isNull("CATEGORY_ID")])
                    : .equal("CATEGORY_ID", .integer(pipeline.rawValue))
                condition = .and([inPipeline, condition])
            }
            parts.append(condition)
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    /// The items a level reaches for a user, plus observed items when the level is not none.
    private func reach(_ user: UserID, level: PermissionLevel, observers: Bool) -> Filter {
        let byLevel: Filter
        switch level {
        case .none: return .or([])
        case .all: return .and([])
        case .own: byLevel = .equal("ASSIGNED_BY_ID", .integer(user.rawValue))
        case .department, .subDepartments:
            byLevel = .in("ASSIGNED_BY_ID", responsibleUsers(for: user, at: level).sorted().map { .integer($0.rawValue) })
        case .open:
            byLevel = .or([
                .in("ASSIGNED_BY_ID", responsibleUsers(for: user, at: .subDepartments).sorted().map { .integer($0.rawValue) }),
                .equal("OPENED", .bool(true)),
            ])
        }
        return observers ? .or([byLevel, .equal("OBSERVERS", .integer(user.rawValue))]) : byLevel
    }
}
