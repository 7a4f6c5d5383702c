/// Users and the department tree with heads: what "own", "department" and "sub-departments" mean.
///
/// Edits keep it consistent or throw ``OrgChartError`` and change nothing:
///
/// ```swift
/// var chart = OrgChart()
/// try chart.addDepartment(Department(id: 1, name: "Sales"))
/// try chart.addDepartment(Department(id: 2, name: "Sales Italy", parent: 1))
/// try chart.addUser(OrgUser(id: 10, departments: [1]))
/// try chart.setHead(10, of: 1)
/// chart.subordinates(of: 10)   // everyone in Sales and Sales Italy
/// try chart.moveDepartment(1, under: 2)  // throws .cycle
/// ```
public struct OrgChart: Hashable, Sendable {
    /// The users by ID.
    public private(set) var users: [UserID: OrgUser]
    /// The departments by ID.
    public private(set) var departments: [DepartmentID: Department]

    /// An empty chart.
    public init() {
        users = [:]
        departments = [:]
    }

    /// Makes a chart from lists; throws when they are inconsistent (unknown parent, head or department, a
    /// cycle, a repeated ID).
    public init(departments: [Department], users: [OrgUser]) throws(OrgChartError) {
        self.init()
        for department in departments {
            guard self.departments[department.id] == nil else {
                throw OrgChartError(.duplicateID, "department \(department.id) appears twice")
            }
            self.departments[department.id] = Department(id: department.id, name: department.name)
        }
        for user in users {
            guard self.users[user.id] == nil else { throw OrgChartError(.duplicateID, "user \(user.id) appears twice") }
            try checkDepartments(user)
            self.users[user.id] = user
        }
        for department in departments {
            if let parent = department.parent { try moveDepartment(department.id, under: parent) }
            if let head = department.head { try setHead(head, of: department.id) }
        }
    }

    // MARK: Edits

    /// Adds a department; its parent and head must exist.
    public mutating func addDepartment(_ department: Department) throws(OrgChartError) {
        guard departments[department.id] == nil else { throw OrgChartError(.duplicateID, "department \(department.id) exists") }
        if let parent = department.parent, departments[parent] == nil {
            throw OrgChartError(.unknownID, "no parent department \(parent)")
        }
        if let head = department.head, users[head] == nil { throw OrgChartError(.unknownID, "no user \(head) to head \(department.id)") }
        departments[department.id] = department
    }

    /// Moves a department under another (nil for the top); refuses a cycle.
    public mutating func moveDepartment(_ id: DepartmentID, under parent: DepartmentID?) throws(OrgChartError) {
        guard departments[id] != nil else { throw OrgChartError(.unknownID, "no department \(id)") }
        if let parent {
            guard departments[parent] != nil else { throw OrgChartError(.unknownID, "no parent department \(parent)") }
            var current: DepartmentID? = parent
            while let step = current {
                if step == id { throw OrgChartError(.cycle, "department \(id) cannot be moved under its own sub-department \(parent)") }
                current = departments[step]?.parent
            }
        }
        departments[id]?.parent = parent
    }

    /// Makes a user the head of a department (nil removes the head).
    public mutating func setHead(_ user: UserID?, of id: DepartmentID) throws(OrgChartError) {
        guard departments[id] != nil else { throw OrgChartError(.unknownID, "no department \(id)") }
        if let user, users[user] == nil { throw OrgChartError(.unknownID, "no user \(user)") }
        departments[id]?.head = user
    }

    /// Removes a department that has no sub-departments and no members.
    public mutating func removeDepartment(_ id: DepartmentID) throws(OrgChartError) {
        guard departments[id] != nil else { throw OrgChartError(.unknownID, "no department \(id)") }
        if departments.values.contains(where: { $0.parent == id }) {
            throw OrgChartError(.notEmpty, "department \(id) has sub-departments")
        }
        if users.values.contains(where: { $0.departments.contains(id) }) {
            throw OrgChartError(.notEmpty, "department \(id) has members")
        }
        departments[id] = nil
    }

    /// Adds a user; their departments must exist.
    public mutating func addUser(_ user: OrgUser) throws(OrgChartError) {
        guard users[user.id] == nil else { throw OrgChartError(.duplicateID, "user \(user.id) exists") }
        try checkDepartments(user)
        users[user.id] = user
    }

    /// Replaces a user (departments, active flag, administrator flag).
    public mutating func updateUser(_ user: OrgUser) throws(OrgChartError) {
        guard users[user.id] != nil else { throw OrgChartError(.unknownID, "no user \(user.id)") }
        try checkDepartments(user)
        users[user.id] = user
    }

    private func checkDepartments(_ user: OrgUser) throws(OrgChartError) {
        if let missing = user.departments.first(where: { departments[$0] == nil }) {
            throw OrgChartError(.unknownID, "user \(user.id) belongs to unknown department \(missing)")
        }
    }

    // MARK: Questions

    /// The department and every department below it.
    public func subtree(of id: DepartmentID) -> Set<DepartmentID> {
        var result: Set<DepartmentID> = [id]
        var frontier = [id]
        let children = Dictionary(grouping: departments.values.filter { $0.parent != nil }, by: { $0.parent ?? 0 })
        while let next = frontier.popLast() {
            for child in children[next] ?? [] where result.insert(child.id).inserted { frontier.append(child.id) }
        }
        return result
    }

    /// The members of a set of departments.
    public func members(of departmentIDs: Set<DepartmentID>) -> Set<UserID> {
        Set(users.values.filter { !departmentIDs.isDisjoint(with: $0.departments) }.map(\.id))
    }

    /// The departments a user heads.
    public func departmentsHeaded(by user: UserID) -> [DepartmentID] {
        departments.values.filter { $0.head == user }.map(\.id).sorted()
    }

    /// Everyone in the departments a user heads and in their sub-departments.
    public func subordinates(of head: UserID) -> Set<UserID> {
        let headed = departmentsHeaded(by: head).reduce(into: Set<DepartmentID>()) { $0.formUnion(subtree(of: $1)) }
        return members(of: headed)
    }
}

extension OrgChart: Codable {
    private enum CodingKeys: String, CodingKey {
        case departments, users
    }

    /// Decodes a chart and checks it as ``init(departments:users:)`` does: a stored chart with a cycle or an
    /// unknown ID is refused, not trusted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            departments: container.decode([Department].self, forKey: .departments),
            users: container.decode([OrgUser].self, forKey: .users))
    }

    /// Encodes departments and users as lists ordered by ID.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(departments.values.sorted { $0.id < $1.id }, forKey: .departments)
        try container.encode(users.values.sorted { $0.id < $1.id }, forKey: .users)
    }
}
