/// What about the item and the user decided an access check.
public enum AccessAttribute: String, Hashable, Sendable, Codable {
    /// The user is the responsible person.
    case responsible
    /// The responsible person is in one of the user's departments.
    case department
    /// The responsible person is in a sub-department of one of the user's departments.
    case subDepartment
    /// The user heads a department the responsible person is in (or above it).
    case headOf
    /// The item is "available to everyone" and the level is O or X.
    case opened
    /// The level is X: every item.
    case all
    /// The user observes the item (read only).
    case observer
    /// The user is a portal administrator.
    case administrator
    /// The user is a CRM administrator (settings, reference books, automation, any stage).
    case crmAdministrator
    /// Nothing matched.
    case none
}
