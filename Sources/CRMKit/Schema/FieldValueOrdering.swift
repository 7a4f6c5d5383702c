import Foundation

/// How stores compare field values: the one definition of equality and order behind filters and sorting.
enum FieldValueOrdering {
    /// -1, 0 or 1. Empty values are the smallest; numbers compare across integer and decimal; a list
    /// compares by its first element; values of unrelated kinds compare by kind name (a stable, arbitrary
    /// order).
    static func compare(_ lhs: FieldValue, _ rhs: FieldValue) -> Int {
        switch (lhs, rhs) {
        case (.null, .null): return 0
        case (.null, _): return rhs.isEmpty ? 0 : -1
        case (_, .null): return lhs.isEmpty ? 0 : 1
        case (.list(let left), _): return compare(left.first ?? .null, rhs)
        case (_, .list(let right)): return compare(lhs, right.first ?? .null)
        case (.integer(let left), .integer(let right)): return sign(left, right)
        case (.integer(let left), .decimal(let right)): return sign(Decimal(left), right)
        case (.decimal(let left), .integer(let right)): return sign(left, Decimal(right))
        case (.decimal(let left), .decimal(let right)): return sign(left, right)
        case (.string(let left), .string(let right)): return sign(left, right)
        case (.bool(let left), .bool(let right)): return sign(left ? 1 : 0, right ? 1 : 0)
        case (.date(let left), .date(let right)): return sign(left, right)
        case (.dateTime(let left), .dateTime(let right)): return sign(left, right)
        case (.money(let left), .money(let right)):
            return left.currency == right.currency
                ? sign(left.minorUnits, right.minorUnits) : sign(left.currency.rawValue, right.currency.rawValue)
        case (.multifield(let left), .multifield(let right)): return sign(left.value, right.value)
        case (.file(let left), .file(let right)): return sign(left.id, right.id)
        default: return sign(lhs.kindName, rhs.kindName)
        }
    }

    /// A number's value as a `Double` (a list's first element), NaN for anything else: sorting compares these
    /// first, because comparing two `Decimal`s exactly costs hundreds of nanoseconds.
    static func approximation(of value: FieldValue) -> Double {
        switch value {
        case .integer(let number): Double(number)
        case .decimal(let number): NSDecimalNumber(decimal: number).doubleValue
        case .list(let values): values.first.map { approximation(of: $0) } ?? .nan
        default: .nan
        }
    }

    /// ``compare(_:_:)``, decided by the values' approximations when they are numbers clearly apart (by more
    /// than a billionth, far above a conversion's rounding error), exactly otherwise.
    static func compare(_ lhs: FieldValue, _ rhs: FieldValue, approximately left: Double, _ right: Double) -> Int {
        let margin = 1e-9 * max(abs(left), abs(right))
        if left < right - margin { return -1 }
        if left > right + margin { return 1 }
        return compare(lhs, rhs)
    }

    /// Whether a stored value equals a filter value: any element of a list, a multifield's value,
    /// numbers across integer and decimal, and null against empty values.
    static func equals(_ stored: FieldValue, _ wanted: FieldValue) -> Bool {
        if case .list(let values) = stored, !values.isEmpty {
            return values.contains { equals($0, wanted) }
        }
        if case .multifield(let entry) = stored, case .string(let text) = wanted { return entry.value == text }
        if wanted == .null { return stored.isEmpty }
        return compare(stored, wanted) == 0 && !stored.isEmpty
    }

    /// Whether a stored value satisfies an ordering comparison (`holds` receives compare's result), any
    /// element of a list; never for empty values.
    static func satisfies(_ stored: FieldValue, _ wanted: FieldValue, _ holds: (Int) -> Bool) -> Bool {
        if case .list(let values) = stored { return values.contains { satisfies($0, wanted, holds) } }
        if stored.isEmpty { return false }
        return holds(compare(stored, wanted))
    }

    /// Whether a stored text (or any element, or multifield value) matches a `LIKE` pattern, ignoring case.
    static func matchesLike(_ stored: FieldValue, _ pattern: LikePattern) -> Bool {
        switch stored {
        case .string(let text): pattern.matches(text)
        case .multifield(let entry): pattern.matches(entry.value)
        case .list(let values): values.contains { matchesLike($0, pattern) }
        default: false
        }
    }

    private static func sign<T: Comparable>(_ lhs: T, _ rhs: T) -> Int {
        lhs < rhs ? -1 : (lhs == rhs ? 0 : 1)
    }
}
