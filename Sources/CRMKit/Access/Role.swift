/// A named set of permission rows, given to users and departments.
///
/// ```swift
/// let manager = Role(id: 7, name: "Manager", permissions: [
///     RolePermission(entity: "DEAL", operation: .read, level: .department),
///     RolePermission(entity: "DEAL", operation: .write, level: .own),
/// ], members: [.user(10), .departmentWithSubdepartments(1)])
/// ```
public struct Role: Hashable, Sendable, Codable {
    /// The role's ID.
    public var id: Int64
    /// The role's name.
    public var name: String
    /// Its rows.
    public var permissions: [RolePermission]
    /// Who has it.
    public var members: [RoleMember]

    /// Makes a role.
    public init(id: Int64, name: String, permissions: [RolePermission], members: [RoleMember] = []) {
        self.id = id
        self.name = name
        self.permissions = permissions
        self.members = members
    }
}
