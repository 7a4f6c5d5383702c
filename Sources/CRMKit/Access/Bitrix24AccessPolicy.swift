/// Bitrix24's access rules over an org chart and roles: the workspace default.
///
/// - With several roles the highest level wins; where any role has a value for the item's stage, the
///   stage-specific values win over the entity-wide ones.
/// - Levels: own (`A`) — the user is responsible; department (`D`) — the responsible person shares one of the
///   user's departments, and a head also sees everyone below them; sub-departments (`F`) — also every
///   sub-department of the user's departments; all open (`O`) — also every item "available to everyone";
///   all (`X`).
/// - Observers read (not edit or delete) items of an entity they have some READ level for.
/// - Editing, deleting and exporting need READ too; a stage move needs WRITE and the TRANSITION setting of
///   the current stage (CRM administrators may move to any stage, but get no item access from that alone).
/// - ADD at level "own" forces the responsible person to the user.
/// - Portal administrators may do anything; inactive and unknown users nothing.
///
/// ```swift
/// let policy = Bitrix24AccessPolicy(orgChart: chart, roles: roles)
/// let decision = policy.decide(AccessRequest(user: 10, operation: .read, subject: AccessSubject(deal)))
/// decision.explanation  // "user 10 may READ deal 1: level D (role Manager, DEAL READ D); responsible 12 is in the user's department 1"
/// ```
public struct Bitrix24AccessPolicy: AccessPolicy {
    /// Users and departments.
    public let orgChart: OrgChart
    /// The roles with their members.
    public let roles: [Role]
    /// The read filters built so far (see ``readFilter(for:entityType:)``).
    let readFilters = ReadFilterMemo()

    /// Makes the policy.
    public init(orgChart: OrgChart, roles: [Role]) {
        self.orgChart = orgChart
        self.roles = roles
    }

    // MARK: Who has what

    /// The roles given to a user, directly or through departments.
    public func roles(of user: UserID) -> [Role] {
        guard let member = orgChart.users[user] else { return [] }
        let departments = Set(member.departments)
        return roles.filter { role in
            role.members.contains { grant in
                switch grant {
                case .user(let id): id == user
                case .department(let id): departments.contains(id)
                case .departmentWithSubdepartments(let id): !departments.isDisjoint(with: orgChart.subtree(of: id))
                }
            }
        }
    }

    /// Whether a user is a CRM administrator: a role gives them CONFIG WRITE.
    public func isCRMAdministrator(_ user: UserID) -> Bool {
        roles(of: user).contains { role in
            role.permissions.contains { $0.entity == .config && $0.operation == .write && $0.level > .none }
        }
    }

    /// The level a user has for an operation on a permission entity for items in a stage: the stage-specific
    /// rows when any role has one for that stage, else the entity-wide rows; the highest across roles.
    func level(
        _ operation: AccessOperation, on entity: PermissionEntity, stage: StatusID?, roles: [Role]
    ) -> (level: PermissionLevel, roles: [String], row: RolePermission?) {
        func best(_ rows: [(Role, RolePermission)]) -> (PermissionLevel, [String], RolePermission?) {
            guard let top = rows.map(\.1.level).max() else { return (.none, [], nil) }
            let deciding = rows.filter { $0.1.level == top }
            return (top, deciding.map(\.0.name), deciding.first?.1)
        }
        let rows = roles.flatMap { role in role.permissions.map { (role, $0) } }
            .filter { $0.1.entity == entity && $0.1.operation == operation }
        if let stage {
            let specific = rows.filter { $0.1.stage == stage }
            if !specific.isEmpty { return best(specific) }
        }
        return best(rows.filter { $0.1.stage == nil })
    }

    /// The users whose items a level reaches for a user (nil for every user: level X or O's own part is
    /// handled separately).
    func responsibleUsers(for user: UserID, at level: PermissionLevel) -> Set<UserID> {
        guard let member = orgChart.users[user] else { return [] }
        switch level {
        case .none: return []
        case .own: return [user]
        case .department:
            return orgChart.members(of: Set(member.departments)).union(orgChart.subordinates(of: user)).union([user])
        case .subDepartments, .open, .all:
            let tree = member.departments.reduce(into: Set<DepartmentID>()) { $0.formUnion(orgChart.subtree(of: $1)) }
            return orgChart.members(of: tree).union(orgChart.subordinates(of: user)).union([user])
        }
    }

    /// Which attribute of an item a level lets the user reach, or `.none`.
    func match(_ subject: AccessSubject, user: UserID, level: PermissionLevel) -> AccessAttribute {
        if level == .all { return .all }
        guard level > .none, let member = orgChart.users[user] else { return .none }
        if let responsible = subject.responsible {
            if responsible == user { return .responsible }
            if level >= .department {
                if orgChart.members(of: Set(member.departments)).contains(responsible) { return .department }
                if orgChart.subordinates(of: user).contains(responsible) { return .headOf }
            }
            if level >= .subDepartments, responsibleUsers(for: user, at: .subDepartments).contains(responsible) {
                return .subDepartment
            }
        }
        if level >= .open, subject.isOpened { return .opened }
        return .none
    }

    // MARK: Decisions

    public func decide(_ request: AccessRequest) -> AccessDecision {
        let user = request.user
        let operationName = request.operation.rawValue
        let target = request.subject.item.map(\.description) ?? request.subject.entityType.map { "a new \($0)" } ?? "the CRM settings"
        guard let member = orgChart.users[user] else {
            return AccessDecision(isAllowed: false, reasons: ["user \(user) is not in the org chart"])
        }
        guard member.isActive else { return AccessDecision(isAllowed: false, reasons: ["user \(user) is inactive"]) }
        if member.isPortalAdministrator {
            return AccessDecision(
                isAllowed: true, reasons: ["user \(user) is a portal administrator and may \(operationName) \(target)"], level: .all,
                attribute: .administrator)
        }
        let granted = roles(of: user)
        let crmAdministrator = isCRMAdministrator(user)
        guard let entityType = request.subject.entityType else {
            return crmAdministrator
                ? AccessDecision(
                    isAllowed: true, reasons: ["user \(user) is a CRM administrator (CONFIG WRITE) and may change the CRM settings"],
                    level: .all, roles: granted.filter { isCRMAdministrator(in: $0) }.map(\.name), attribute: .crmAdministrator)
                : AccessDecision(isAllowed: false, reasons: ["user \(user) has no CONFIG WRITE right, so may not change the CRM settings"])
        }
        let entity = PermissionEntity(entityType, pipeline: request.subject.pipeline)
        switch request.operation {
        case .configure:
            return decide(AccessRequest(user: user, operation: .configure, subject: .settings))
        case .automation where crmAdministrator:
            return AccessDecision(
                isAllowed: true, reasons: ["user \(user) is a CRM administrator and may edit automation of \(entity)"], level: .all,
                roles: granted.filter { isCRMAdministrator(in: $0) }.map(\.name), attribute: .crmAdministrator)
        case .import where request.subject.item == nil && request.subject.pipeline == nil && request.subject.stage == nil,
            .export where request.subject.item == nil && request.subject.pipeline == nil && request.subject.stage == nil:
            // May the user import or export items of this type at all? Any row for any of its pipelines or stages
            // will do; each item is then decided on its own.
            let rows = granted.flatMap { role in role.permissions.map { (role, $0) } }
                .filter { $0.1.operation == request.operation && $0.1.entity.subject?.entityType == entityType && $0.1.level > .none }
            guard let best = rows.max(by: { $0.1.level < $1.1.level }) else {
                return denied(user, request.operation, target, entity, (.none, [], nil), "no role gives \(operationName) on any \(entityType) pipeline")
            }
            return AccessDecision(
                isAllowed: true,
                reasons: ["user \(user) may \(operationName) \(entityType) items (role \(best.0.name), \(best.1.summary)); each item is checked too"],
                level: best.1.level, roles: [best.0.name], row: best.1, attribute: best.1.level == .all ? .all : .responsible)
        case .export where request.subject.item == nil, .add, .import, .automation:
            let found = level(request.operation, on: entity, stage: request.subject.stage, roles: granted)
            guard found.level > .none else {
                return denied(user, request.operation, target, entity, found, "no role gives \(operationName) on \(entity)")
            }
            if request.operation == .add, found.level == .own {
                return AccessDecision(
                    isAllowed: true,
                    reasons: ["user \(user) may ADD to \(entity) at level A (\(describe(found))), so becomes the responsible person"],
                    forcedResponsible: user, level: found.level, roles: found.roles, row: found.row, attribute: .responsible)
            }
            if request.operation == .add, let responsible = request.subject.responsible, found.level < .all,
                !responsibleUsers(for: user, at: found.level).contains(responsible)
            {
                return denied(user, .add, target, entity, found, "responsible \(responsible) is outside level \(found.level)")
            }
            let owner = AccessSubject(entityType: entityType, responsible: request.subject.responsible ?? user)
            return AccessDecision(
                isAllowed: true, reasons: ["user \(user) may \(operationName) \(entity) at level \(found.level) (\(describe(found)))"],
                level: found.level, roles: found.roles, row: found.row, attribute: match(owner, user: user, level: found.level))
        case .read:
            return readDecision(request, entity: entity, roles: granted, allowObservers: true)
        case .write, .delete, .export, .transition:
            let read = readDecision(request, entity: entity, roles: granted, allowObservers: false)
            guard read.isAllowed else {
                let observerNote = request.subject.observers.contains(user) ? " (observers may only read)" : ""
                return AccessDecision(
                    isAllowed: false, reasons: read.reasons + ["\(operationName) needs READ\(observerNote)"], level: read.level,
                    roles: read.roles, row: read.row, attribute: .none)
            }
            let operation: AccessOperation = request.operation == .transition ? .write : request.operation
            let found = level(operation, on: entity, stage: request.subject.stage, roles: granted)
            let attribute = match(request.subject, user: user, level: found.level)
            guard attribute != .none else {
                return denied(user, request.operation, target, entity, found, reason(request.subject, found.level, operation))
            }
            if request.operation == .transition, !crmAdministrator,
                let blocked = transitionProblem(request, entity: entity, roles: granted)
            {
                return AccessDecision(
                    isAllowed: false,
                    reasons: ["user \(user) may not move \(target): \(blocked.message) (role \(blocked.role.name), \(blocked.row.summary))"],
                    level: found.level, roles: [blocked.role.name], row: blocked.row, attribute: attribute)
            }
            let via = request.operation == .transition && crmAdministrator ? "; a CRM administrator may move to any stage" : ""
            return AccessDecision(
                isAllowed: true,
                reasons: ["user \(user) may \(operationName) \(target): level \(found.level) (\(describe(found))); \(explain(attribute, request.subject))\(via)"],
                level: found.level, roles: found.roles, row: found.row, attribute: attribute)
        }
    }

    private func isCRMAdministrator(in role: Role) -> Bool {
        role.permissions.contains { $0.entity == .config && $0.operation == .write && $0.level > .none }
    }

    private func readDecision(_ request: AccessRequest, entity: PermissionEntity, roles: [Role], allowObservers: Bool) -> AccessDecision {
        let user = request.user
        let target = request.subject.item.map(\.description) ?? "the item"
        let found = level(.read, on: entity, stage: request.subject.stage, roles: roles)
        let attribute = match(request.subject, user: user, level: found.level)
        if attribute != .none {
            return AccessDecision(
                isAllowed: true,
                reasons: ["user \(user) may READ \(target): level \(found.level) (\(describe(found))); \(explain(attribute, request.subject))"],
                level: found.level, roles: found.roles, row: found.row, attribute: attribute)
        }
        if allowObservers, found.level > .none, request.subject.observers.contains(user) {
            return AccessDecision(
                isAllowed: true,
                reasons: ["user \(user) may READ \(target) as an observer, with READ level \(found.level) on \(entity) (\(describe(found)))"],
                level: found.level, roles: found.roles, row: found.row, attribute: .observer)
        }
        return denied(user, .read, target, entity, found, reason(request.subject, found.level, .read))
    }

    /// Why the TRANSITION settings refuse a move, with the row that decided; nil when allowed. A stage-specific
    /// row for the current stage, in any role, wins over entity-wide rows (`inherit` falls back to the role's
    /// entity-wide row, then to any stage); without stage rows, the entity-wide rows apply, and a role whose own
    /// WRITE level reaches the item but that has no TRANSITION row at all allows any stage. The allowed targets
    /// of the rows that apply are combined.
    private func transitionProblem(
        _ request: AccessRequest, entity: PermissionEntity, roles: [Role]
    ) -> (message: String, role: Role, row: RolePermission)? {
        guard let target = request.targetStage else { return nil }
        let from = request.subject.stage
        let rowsByRole = roles.map { role in (role, role.permissions.filter { $0.entity == entity && $0.operation == .transition }) }
        let specific = rowsByRole.compactMap { role, rows in rows.first { $0.stage != nil && $0.stage == from }.map { (role, $0, rows) } }
        var applying: [(Role, RolePermission, [RolePermission])] = specific
        if specific.isEmpty {
            for (role, rows) in rowsByRole {
                if let row = rows.first(where: { $0.stage == nil }) {
                    applying.append((role, row, rows))
                } else if rows.isEmpty {
                    let write = level(.write, on: entity, stage: from, roles: [role]).level
                    if match(request.subject, user: request.user, level: write) != .none { return nil }
                }
            }
            if applying.isEmpty { return nil }
        }
        var allowed: Set<StatusID> = []
        for (_, row, rows) in applying {
            var setting = row.transition ?? .inherit
            if setting == .inherit, row.stage != nil {
                setting = rows.first(where: { $0.stage == nil })?.transition ?? .any
            }
            switch setting {
            case .any, .inherit: return nil
            case .blocked: break
            case .stages(let stages): allowed.formUnion(stages)
            }
        }
        guard let first = applying.first, !allowed.contains(target) else { return nil }
        let list = allowed.isEmpty ? "none" : allowed.map(\.rawValue).sorted().joined(separator: ", ")
        return ("from \(from?.rawValue ?? "no stage") the TRANSITION setting allows \(list), not \(target)", first.0, first.1)
    }

    private func describe(_ found: (level: PermissionLevel, roles: [String], row: RolePermission?)) -> String {
        let roleList = found.roles.isEmpty ? "no role" : "role " + found.roles.joined(separator: ", ")
        return found.row.map { "\(roleList), \($0.summary)" } ?? roleList
    }

    private func explain(_ attribute: AccessAttribute, _ subject: AccessSubject) -> String {
        let responsible = subject.responsible.map { "responsible \($0)" } ?? "no responsible person"
        switch attribute {
        case .responsible: return "the user is the responsible person"
        case .department: return "\(responsible) is in one of the user's departments"
        case .subDepartment: return "\(responsible) is in a sub-department of the user's departments"
        case .headOf: return "the user heads a department \(responsible) is in"
        case .opened: return "the item is available to everyone"
        case .all: return "level X reaches every item"
        case .observer: return "the user observes the item"
        case .administrator: return "the user is a portal administrator"
        case .crmAdministrator: return "the user is a CRM administrator"
        case .none: return "nothing matched"
        }
    }

    private func reason(_ subject: AccessSubject, _ level: PermissionLevel, _ operation: AccessOperation) -> String {
        let responsible = subject.responsible.map { "responsible \($0)" } ?? "no responsible person"
        switch level {
        case .none: return "no role gives \(operation.rawValue) here"
        case .own: return "level A reaches only the user's own items, not \(responsible)"
        case .department: return "level D does not reach \(responsible)"
        case .subDepartments: return "level F does not reach \(responsible)"
        case .open: return "level O does not reach \(responsible) and the item is not available to everyone"
        case .all: return "level X"
        }
    }

    private func denied(
        _ user: UserID, _ operation: AccessOperation, _ target: String, _ entity: PermissionEntity,
        _ found: (level: PermissionLevel, roles: [String], row: RolePermission?), _ why: String
    ) -> AccessDecision {
        AccessDecision(
            isAllowed: false,
            reasons: ["user \(user) may not \(operation.rawValue) \(target): level \(found.level) on \(entity) (\(describe(found))); \(why)"],
            level: found.level, roles: found.roles, row: found.row, attribute: .none)
    }
}
