/// A department of the org chart: a name, a parent (nil for the top) and a head.
public struct Department: Hashable, Sendable, Codable {
    /// The department's ID.
    public var id: DepartmentID
    /// Its name.
    public var name: String
    /// The department above it, or nil.
    public var parent: DepartmentID?
    /// Its head, who also sees the items of everyone below them.
    public var head: UserID?

    /// Makes a department.
    public init(id: DepartmentID, name: String, parent: DepartmentID? = nil, head: UserID? = nil) {
        self.id = id
        self.name = name
        self.parent = parent
        self.head = head
    }
}
