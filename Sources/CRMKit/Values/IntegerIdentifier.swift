/// A typed wrapper around an `Int64` identifier (``ItemID``, ``UserID``, ``DepartmentID``, ``CategoryID``).
///
/// Conforming types get integer literals, ordering, a plain description, and a `Codable` form that is the
/// bare number:
///
/// ```swift
/// let user: UserID = 7
/// try JSONEncoder().encode(user)  // "7"
/// ```
public protocol IntegerIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByIntegerLiteral, CustomStringConvertible where RawValue == Int64
{
    /// Wraps a numeric ID.
    init(rawValue: Int64)
}

extension IntegerIdentifier {
    /// Wraps a numeric ID.
    public init(_ rawValue: Int64) { self.init(rawValue: rawValue) }

    /// Wraps an integer literal.
    public init(integerLiteral value: Int64) { self.init(rawValue: value) }

    public var description: String { String(rawValue) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A typed wrapper around a string key (``StatusID``, ``FieldCode``, ``CurrencyCode``).
///
/// Catalogs are open-ended, so keys are structs rather than enums. Conforming types get string literals,
/// ordering, and a `Codable` form that is the bare string:
///
/// ```swift
/// let stage: StatusID = "C3:WON"
/// ```
public protocol StringIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringInterpolation, CustomStringConvertible where RawValue == String
{
    /// Wraps a string key.
    init(rawValue: String)
}

extension StringIdentifier {
    /// Wraps a string key.
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    /// Wraps a string literal.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
