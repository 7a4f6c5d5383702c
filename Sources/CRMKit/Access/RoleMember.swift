/// Who a role is given to: a user (`U10`), a department's members (`D1`), or a department with all its
/// sub-departments (`DR1`).
public enum RoleMember: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One user.
    case user(UserID)
    /// The members of a department.
    case department(DepartmentID)
    /// The members of a department and of every department below it.
    case departmentWithSubdepartments(DepartmentID)

    /// Parses Bitrix24's access codes `U10`, `D1`, `DR1`.
    public init?(code: String) {
        if code.hasPrefix("DR"), let id = Int64(code.dropFirst(2)) {
            self = .departmentWithSubdepartments(DepartmentID(id))
        } else if code.hasPrefix("D"), let id = Int64(code.dropFirst(1)) {
            self = .department(DepartmentID(id))
        } else if code.hasPrefix("U"), let id = Int64(code.dropFirst(1)) {
            self = .user(UserID(id))
        } else {
            return nil
        }
    }

    /// The access code.
    public var code: String {
        switch self {
        case .user(let id): "U\(id)"
        case .department(let id): "D\(id)"
        case .departmentWithSubdepartments(let id): "DR\(id)"
        }
    }

    public var description: String { code }
}
