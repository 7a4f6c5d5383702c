/// How far a permission reaches, in Bitrix24's order, with its letter: none (`""`), own (`A`), own and
/// department (`D`), own, department and sub-departments (`F`), all open (`O`: the previous plus every item
/// "available to everyone"), all (`X`). Each level includes the ones below it.
///
/// ```swift
/// PermissionLevel(letter: "D")! > .own   // true
/// ```
public enum PermissionLevel: Int, Hashable, Comparable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// No access.
    case none
    /// Items the user is responsible for (`A`).
    case own
    /// …and items of the user's departments (`D`).
    case department
    /// …and of their sub-departments (`F`).
    case subDepartments
    /// …and every item "available to everyone" (`O`).
    case open
    /// Every item (`X`).
    case all

    /// Bitrix24's letter.
    public var letter: String {
        switch self {
        case .none: ""
        case .own: "A"
        case .department: "D"
        case .subDepartments: "F"
        case .open: "O"
        case .all: "X"
        }
    }

    /// The level of a Bitrix24 letter, or nil.
    public init?(letter: String) {
        guard let level = PermissionLevel.allCases.first(where: { $0.letter == letter }) else { return nil }
        self = level
    }

    public static func < (lhs: PermissionLevel, rhs: PermissionLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { letter.isEmpty ? "none" : letter }
}
