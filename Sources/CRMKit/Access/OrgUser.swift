/// A portal user as the permission rules see them: departments, active or not, portal administrator or not.
public struct OrgUser: Hashable, Sendable, Codable {
    /// The user's ID.
    public var id: UserID
    /// The user's name.
    public var name: String
    /// The departments the user belongs to.
    public var departments: [DepartmentID]
    /// Whether the user may log in; inactive users are denied everything.
    public var isActive: Bool
    /// Whether the user administers the whole portal (may do anything).
    public var isPortalAdministrator: Bool

    /// Makes a user.
    public init(id: UserID, name: String = "", departments: [DepartmentID] = [], isActive: Bool = true, isPortalAdministrator: Bool = false) {
        self.id = id
        self.name = name
        self.departments = departments
        self.isActive = isActive
        self.isPortalAdministrator = isPortalAdministrator
    }
}
