import Foundation

/// A condition on items, as a tree any store can translate (a SQL store into `WHERE`).
///
/// Semantics, for every store: a condition on a multiple field holds when any of its values satisfies it;
/// `notEqual` and `notIn` hold for items where the field is empty; ordering comparisons and `like` never
/// hold for empty fields; `like` is case-insensitive with SQL wildcards (`%` any run, `_` one character).
///
/// ```swift
/// let filter: Filter = .and([
///     .equal("STAGE_ID", .string("WON")),
///     .greater("OPPORTUNITY", .decimal(1000)),
///     .like("TITLE", "%acme%"),
///     .in("ASSIGNED_BY_ID", [.integer(1), .integer(5)]),
/// ])
/// ```
public indirect enum Filter: Hashable, Sendable {
    /// The field equals the value (a null value means "is empty").
    case equal(FieldCode, FieldValue)
    /// The field differs from the value, or is empty.
    case notEqual(FieldCode, FieldValue)
    /// The field is less than the value.
    case less(FieldCode, FieldValue)
    /// The field is less than or equal to the value.
    case lessOrEqual(FieldCode, FieldValue)
    /// The field is greater than the value.
    case greater(FieldCode, FieldValue)
    /// The field is greater than or equal to the value.
    case greaterOrEqual(FieldCode, FieldValue)
    /// The field equals one of the values.
    case `in`(FieldCode, [FieldValue])
    /// The field equals none of the values (or is empty).
    case notIn(FieldCode, [FieldValue])
    /// The text field matches a SQL `LIKE` pattern, ignoring case.
    case like(FieldCode, String)
    /// The field is empty.
    case isNull(FieldCode)
    /// The field has a value.
    case isNotNull(FieldCode)
    /// Every condition holds (true when empty).
    case and([Filter])
    /// At least one condition holds (false when empty).
    case or([Filter])
    /// The condition does not hold.
    case not(Filter)

    /// The field a leaf condition is about; nil for `and`, `or`, `not`.
    public var field: FieldCode? {
        switch self {
        case .equal(let field, _), .notEqual(let field, _), .less(let field, _), .lessOrEqual(let field, _),
            .greater(let field, _), .greaterOrEqual(let field, _), .in(let field, _), .notIn(let field, _),
            .like(let field, _), .isNull(let field), .isNotNull(let field):
            field
        case .and, .or, .not: nil
        }
    }

    /// A case-insensitive "contains" condition: `like` with the text wrapped in `%` (wildcards in the text
    /// are escaped).
    public static func contains(_ field: FieldCode, _ text: String) -> Filter {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return .like(field, "%\(escaped)%")
    }
}

extension Filter {
    /// Whether values read through `value` (a field's value by resolved code; nil reads as empty) satisfy
    /// the condition, with the semantics documented on ``Filter``.
    public func matches(_ value: (FieldCode) -> FieldValue?) -> Bool {
        switch self {
        case .and(let parts): return parts.allSatisfy { $0.matches(value) }
        case .or(let parts): return parts.contains { $0.matches(value) }
        case .not(let part): return !part.matches(value)
        case .equal(let field, let wanted): return FieldValueOrdering.equals(value(field) ?? .null, wanted)
        case .notEqual(let field, let wanted): return !FieldValueOrdering.equals(value(field) ?? .null, wanted)
        case .less(let field, let wanted): return FieldValueOrdering.satisfies(value(field) ?? .null, wanted) { $0 < 0 }
        case .lessOrEqual(let field, let wanted):
            return FieldValueOrdering.satisfies(value(field) ?? .null, wanted) { $0 <= 0 }
        case .greater(let field, let wanted): return FieldValueOrdering.satisfies(value(field) ?? .null, wanted) { $0 > 0 }
        case .greaterOrEqual(let field, let wanted):
            return FieldValueOrdering.satisfies(value(field) ?? .null, wanted) { $0 >= 0 }
        case .in(let field, let values):
            let stored = value(field) ?? .null
            return values.contains { FieldValueOrdering.equals(stored, $0) }
        case .notIn(let field, let values):
            let stored = value(field) ?? .null
            return !values.contains { FieldValueOrdering.equals(stored, $0) }
        case .like(let field, let pattern):
            return FieldValueOrdering.matchesLike(value(field) ?? .null, LikePattern(pattern))
        case .isNull(let field): return (value(field) ?? .null).isEmpty
        case .isNotNull(let field): return !(value(field) ?? .null).isEmpty
        }
    }

    /// Whether an entity satisfies the condition.
    public func matches<Entity: CRMEntity>(_ entity: Entity) -> Bool {
        matches { entity[field: $0] }
    }
}
