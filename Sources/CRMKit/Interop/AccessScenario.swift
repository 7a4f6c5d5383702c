import Foundation

/// An access scenario in JSON: an org chart, roles, items and checks, as `crm access check` reads it.
///
/// ```json
/// {"departments": [{"id": 1, "name": "Sales", "parent": null, "head": 10}],
///  "users": [{"id": 10, "departments": [1], "admin": false}],
///  "roles": [{"id": 1, "name": "Manager",
///             "permissions": [{"entity": "DEAL", "op": "READ", "attr": "D"},
///                             {"entity": "DEAL", "op": "TRANSITION", "field": "STAGE_ID", "value": "NEW",
///                              "settings": ["PREPARATION", "LOSE"]}],
///             "relations": ["U10", "D1", "DR1"]}],
///  "items": [{"entityTypeId": 2, "fields": {"ID": 1, "STAGE_ID": "NEW", "ASSIGNED_BY_ID": 10}}],
///  "checks": [{"user": 10, "op": "READ", "entityTypeId": 2, "id": 1}]}
/// ```
///
/// A malformed scenario is a ``ScenarioError`` naming the JSON path (`$.roles[0].permissions[1].attr`).
public struct AccessScenario: Sendable {
    /// One check to run.
    public struct Check: Sendable {
        /// Who asks.
        public var user: UserID
        /// What for.
        public var operation: AccessOperation
        /// The item checked: a stored one, or the fields of one to add.
        public var item: AnyItem
        /// For TRANSITION, where to.
        public var targetStage: StatusID?
    }

    /// The org chart.
    public var orgChart: OrgChart
    /// The roles.
    public var roles: [Role]
    /// The items.
    public var items: [AnyItem]
    /// The checks.
    public var checks: [Check]

    /// The policy the scenario describes.
    public var policy: Bitrix24AccessPolicy { Bitrix24AccessPolicy(orgChart: orgChart, roles: roles) }

    /// Parses a scenario.
    public init(json text: String) throws(ScenarioError) {
        let json: JSONValue
        do { json = try JSONValue(parsing: text) } catch { throw ScenarioError(path: "$", message: "\(error)") }
        let reader = ScenarioReader()
        var departments: [Department] = []
        for (index, element) in try reader.array(json, "departments", path: "$").enumerated() {
            let path = "$.departments[\(index)]"
            departments.append(
                Department(
                    id: DepartmentID(try reader.integer(element, "id", path: path)), name: try reader.string(element, "name", path: path, default: ""),
                    parent: try reader.optionalInteger(element, "parent", path: path).map(DepartmentID.init(_:)),
                    head: try reader.optionalInteger(element, "head", path: path).map(UserID.init(_:))))
        }
        var users: [OrgUser] = []
        for (index, element) in try reader.array(json, "users", path: "$").enumerated() {
            let path = "$.users[\(index)]"
            let departmentIDs = try reader.array(element, "departments", path: path, required: false).enumerated().map {
                (position, value) throws(ScenarioError) -> DepartmentID in
                guard case .integer(let id) = value else {
                    throw ScenarioError(path: "\(path).departments[\(position)]", message: "expected a department ID")
                }
                return DepartmentID(id)
            }
            users.append(
                OrgUser(
                    id: UserID(try reader.integer(element, "id", path: path)), name: try reader.string(element, "name", path: path, default: ""),
                    departments: departmentIDs, isActive: try reader.bool(element, "active", path: path, default: true),
                    isPortalAdministrator: try reader.bool(element, "admin", path: path, default: false)))
        }
        do {
            orgChart = try OrgChart(departments: departments, users: users)
        } catch {
            throw ScenarioError(path: "$", message: "inconsistent org chart: \(error.message)")
        }
        roles = []
        for (index, element) in try reader.array(json, "roles", path: "$").enumerated() {
            roles.append(try reader.role(element, path: "$.roles[\(index)]"))
        }
        items = []
        for (index, element) in try reader.array(json, "items", path: "$", required: false).enumerated() {
            items.append(try reader.item(element, path: "$.items[\(index)]"))
        }
        checks = []
        for (index, element) in try reader.array(json, "checks", path: "$", required: false).enumerated() {
            let path = "$.checks[\(index)]"
            let operationName = try reader.string(element, "op", path: path)
            guard let operation = AccessOperation(rawValue: operationName) else {
                throw ScenarioError(path: "\(path).op", message: "unknown operation '\(operationName)'")
            }
            let item: AnyItem
            if element["id"] != nil {
                let id = try reader.integer(element, "id", path: path)
                let type = try reader.entityType(element, path: path)
                guard let found = items.first(where: { $0.reference == ItemReference(type, id) }) else {
                    throw ScenarioError(path: "\(path).id", message: "no \(type) \(id) among the items")
                }
                item = found
            } else {
                item = try reader.item(element, path: path)
            }
            checks.append(
                Check(
                    user: UserID(try reader.integer(element, "user", path: path)), operation: operation, item: item,
                    targetStage: try reader.optionalString(element, "to", path: path).map(StatusID.init(_:))))
        }
    }

    /// Runs every check: one decision each, in order.
    public func run() -> [AccessDecision] {
        let policy = policy
        return checks.map { check in
            var subject = Session.subject(of: check.item)
            if check.operation == .add { subject.item = nil }
            return policy.decide(AccessRequest(user: check.user, operation: check.operation, subject: subject, targetStage: check.targetStage))
        }
    }
}

/// A scenario that cannot be read, with the JSON path of the problem.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where: `$.roles[0].permissions[1].attr`.
    public var path: String
    /// What is wrong there.
    public var message: String

    /// Makes an error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Reads scenario members with path-naming errors.
private struct ScenarioReader {
    func array(_ json: JSONValue, _ key: String, path: String, required: Bool = true) throws(ScenarioError) -> [JSONValue] {
        switch json[key] {
        case .array(let elements)?: return elements
        case nil where !required, .null? where !required: return []
        case nil: throw ScenarioError(path: "\(path).\(key)", message: "missing")
        default: throw ScenarioError(path: "\(path).\(key)", message: "expected an array")
        }
    }

    func integer(_ json: JSONValue, _ key: String, path: String) throws(ScenarioError) -> Int64 {
        guard let value = try optionalInteger(json, key, path: path) else {
            throw ScenarioError(path: "\(path).\(key)", message: "missing")
        }
        return value
    }

    func optionalInteger(_ json: JSONValue, _ key: String, path: String) throws(ScenarioError) -> Int64? {
        switch json[key] {
        case nil, .null?: return nil
        case .integer(let number)?: return number
        case .string(let text)?:
            guard let number = Int64(text) else { throw ScenarioError(path: "\(path).\(key)", message: "expected an integer, got \"\(text)\"") }
            return number
        default: throw ScenarioError(path: "\(path).\(key)", message: "expected an integer")
        }
    }

    func string(_ json: JSONValue, _ key: String, path: String, default fallback: String? = nil) throws(ScenarioError) -> String {
        if let text = try optionalString(json, key, path: path) { return text }
        if let fallback { return fallback }
        throw ScenarioError(path: "\(path).\(key)", message: "missing")
    }

    func optionalString(_ json: JSONValue, _ key: String, path: String) throws(ScenarioError) -> String? {
        switch json[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw ScenarioError(path: "\(path).\(key)", message: "expected a string")
        }
    }

    func bool(_ json: JSONValue, _ key: String, path: String, default fallback: Bool) throws(ScenarioError) -> Bool {
        switch json[key] {
        case nil, .null?: return fallback
        case .bool(let flag)?: return flag
        case .string("Y")?: return true
        case .string("N")?: return false
        default: throw ScenarioError(path: "\(path).\(key)", message: "expected true or false")
        }
    }

    func entityType(_ json: JSONValue, path: String) throws(ScenarioError) -> EntityType {
        let id = try integer(json, "entityTypeId", path: path)
        guard let type = EntityType(entityTypeID: Int(id)) else {
            throw ScenarioError(path: "\(path).entityTypeId", message: "unknown entity type \(id)")
        }
        return type
    }

    func role(_ json: JSONValue, path: String) throws(ScenarioError) -> Role {
        var permissions: [RolePermission] = []
        for (index, element) in try array(json, "permissions", path: path).enumerated() {
            let rowPath = "\(path).permissions[\(index)]"
            let operationName = try string(element, "op", path: rowPath)
            guard let operation = AccessOperation(rawValue: operationName) else {
                throw ScenarioError(path: "\(rowPath).op", message: "unknown operation '\(operationName)'")
            }
            let letter = try string(element, "attr", path: rowPath, default: "")
            guard let level = PermissionLevel(letter: letter) else {
                throw ScenarioError(path: "\(rowPath).attr", message: "unknown level '\(letter)' (use \"\", A, D, F, O or X)")
            }
            var stage: StatusID?
            if let field = try optionalString(element, "field", path: rowPath) {
                guard field == "STAGE_ID" || field == "STATUS_ID" else {
                    throw ScenarioError(path: "\(rowPath).field", message: "only STAGE_ID or STATUS_ID rows are stage-specific")
                }
                stage = StatusID(try string(element, "value", path: rowPath))
            }
            var transition: TransitionSetting?
            if operation == .transition {
                switch element["settings"] {
                case nil, .null?: transition = .inherit
                case .string("ANY")?, .string("any")?: transition = .any
                case .string("BLOCKED")?, .string("blocked")?: transition = .blocked
                case .string("INHERIT")?, .string("inherit")?: transition = .inherit
                case .array(let stages)?:
                    var targets: [StatusID] = []
                    for (position, value) in stages.enumerated() {
                        guard case .string(let text) = value else {
                            throw ScenarioError(path: "\(rowPath).settings[\(position)]", message: "expected a stage ID")
                        }
                        targets.append(StatusID(text))
                    }
                    transition = .stages(targets)
                default:
                    throw ScenarioError(path: "\(rowPath).settings", message: "expected ANY, BLOCKED, INHERIT or a list of stages")
                }
            }
            permissions.append(
                RolePermission(
                    entity: PermissionEntity(try string(element, "entity", path: rowPath)), operation: operation, level: level,
                    stage: stage, transition: transition))
        }
        var members: [RoleMember] = []
        for (index, element) in try array(json, "relations", path: path, required: false).enumerated() {
            guard case .string(let code) = element, let member = RoleMember(code: code) else {
                throw ScenarioError(path: "\(path).relations[\(index)]", message: "expected U<id>, D<id> or DR<id>")
            }
            members.append(member)
        }
        return Role(
            id: try integer(json, "id", path: path), name: try string(json, "name", path: path, default: ""), permissions: permissions,
            members: members)
    }

    func item(_ json: JSONValue, path: String) throws(ScenarioError) -> AnyItem {
        let type = try entityType(json, path: path)
        guard case .object(let members)? = json["fields"] else {
            throw ScenarioError(path: "\(path).fields", message: "expected an object of field values")
        }
        func build<Entity: CRMEntity>(_ entity: Entity) throws(ScenarioError) -> Entity {
            var item = entity
            for member in members {
                let fieldPath = "\(path).fields.\(member.key)"
                guard let descriptor = Entity.schema[FieldCode(member.key)] else {
                    throw ScenarioError(path: fieldPath, message: "\(type) has no field \(member.key)")
                }
                do {
                    let value = try RESTValueConverter.convert(member.value, for: descriptor)
                    try item.setValue(value, forField: descriptor.code)
                } catch {
                    throw ScenarioError(path: fieldPath, message: "\(error)")
                }
            }
            return item
        }
        switch type {
        case .lead: return .lead(try build(Lead()))
        case .deal: return .deal(try build(Deal()))
        case .contact: return .contact(try build(Contact()))
        case .company: return .company(try build(Company()))
        case .quote: return .quote(try build(Quote()))
        case .invoice: return .invoice(try build(Invoice()))
        case .product: return .product(try build(Product()))
        }
    }
}
