import Foundation

/// Bitrix24's REST filter syntax, parsed into a ``Filter``: a JSON object whose keys are field codes
/// (legacy `STAGE_ID` or `crm.item` `stageId`) with an operator prefix, and whose values are read as the
/// field's type (numbers may come as strings, yes/no as `"Y"`/`"N"`, dates as ISO 8601).
///
/// | prefix | meaning |
/// |---|---|
/// | none, `=` | equals (an array: any of) |
/// | `!`, `!=` | differs (an array: none of) |
/// | `<` `<=` `>` `>=` | ordering |
/// | `@` / `!@` | in / not in a list |
/// | `%` / `!%` | contains / does not contain (case-insensitive) |
/// | `=%` / `%=` | starts with / ends with (SQL pattern) |
///
/// A `null` value means "is empty" (`!` and `!=`: "has a value"). `"LOGIC": "OR"` with nested objects under
/// any other keys combines them with or.
///
/// ```swift
/// let filter = try RESTFilter.parse(
///     #"{"=STAGE_ID": "WON", ">OPPORTUNITY": 1000, "%TITLE": "acme", "@ASSIGNED_BY_ID": [1, 5]}"#, for: .deal)
/// ```
public enum RESTFilter {
    /// Parses filter JSON text. Malformed JSON is a ``QueryError`` naming the byte offset.
    public static func parse(_ text: String, for entityType: EntityType) throws(QueryError) -> Filter {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: text)
        } catch {
            throw QueryError(.malformed, "\(error)")
        }
        return try parse(json, for: entityType)
    }

    /// Parses a filter object.
    public static func parse(_ json: JSONValue, for entityType: EntityType) throws(QueryError) -> Filter {
        guard case .object(let members) = json else { throw QueryError(.malformed, "a filter is a JSON object") }
        let fields = entityType.fields
        var parts: [Filter] = []
        var isOr = false
        for member in members {
            if member.key.uppercased() == "LOGIC" {
                guard case .string(let logic) = member.value, ["AND", "OR"].contains(logic.uppercased()) else {
                    throw QueryError(.malformed, "LOGIC must be \"AND\" or \"OR\"")
                }
                isOr = logic.uppercased() == "OR"
                continue
            }
            if case .object = member.value {
                parts.append(try parse(member.value, for: entityType))
                continue
            }
            parts.append(try condition(member.key, member.value, fields: fields))
        }
        if parts.count == 1, !isOr { return parts[0] }
        return isOr ? .or(parts) : .and(parts)
    }

    private static let prefixes = ["!=", "<=", ">=", "=%", "%=", "!@", "!%", "=", "!", "<", ">", "@", "%"]

    private static func condition(_ key: String, _ value: JSONValue, fields: [FieldDescriptor]) throws(QueryError) -> Filter {
        let prefix = prefixes.first { key.hasPrefix($0) } ?? ""
        let name = String(key.dropFirst(prefix.count))
        let descriptor = fields.first { $0.code.rawValue == name } ?? fields.first { $0.itemKey == name }
        let code = descriptor?.code ?? FieldCode(name)
        guard descriptor != nil || name.hasPrefix("UF_") || name.hasPrefix("ufCrm") else {
            throw QueryError(.unknownField, field: FieldCode(name), "no field \(name)")
        }
        let type = descriptor?.type
        func one(_ value: JSONValue) throws(QueryError) -> FieldValue { try convert(value, type: type, field: code) }
        func many(_ value: JSONValue) throws(QueryError) -> [FieldValue] {
            guard case .array(let elements) = value else { return [try one(value)] }
            var values: [FieldValue] = []
            for element in elements { values.append(try one(element)) }
            return values
        }
        func text() throws(QueryError) -> String {
            switch value {
            case .string(let text): return text
            case .integer(let number): return String(number)
            default: throw QueryError(.valueMismatch, field: code, "\(prefix)\(name) needs a text value")
            }
        }
        switch prefix {
        case "", "=":
            if value == .null { return .isNull(code) }
            if case .array = value { return .in(code, try many(value)) }
            return .equal(code, try one(value))
        case "!", "!=":
            if value == .null { return .isNotNull(code) }
            if case .array = value { return .notIn(code, try many(value)) }
            return .notEqual(code, try one(value))
        case "<": return .less(code, try one(value))
        case "<=": return .lessOrEqual(code, try one(value))
        case ">": return .greater(code, try one(value))
        case ">=": return .greaterOrEqual(code, try one(value))
        case "@": return .in(code, try many(value))
        case "!@": return .notIn(code, try many(value))
        case "%": return .contains(code, try text())
        case "!%": return .not(.contains(code, try text()))
        case "=%": return .like(code, try text())
        default: return .like(code, try text())
        }
    }

    /// Reads a JSON value as a field value of the field's type (user fields: as JSON gives it).
    static func convert(_ value: JSONValue, type: FieldType?, field: FieldCode) throws(QueryError) -> FieldValue {
        func mismatch() -> QueryError {
            QueryError(.valueMismatch, field: field, "\(value.serialized()) is not a value of \(field) (\(type?.rawValue ?? "user field"))")
        }
        if value == .null { return .null }
        guard let type else {
            switch value {
            case .integer(let number): return .integer(number)
            case .double(let number): return .decimal(Decimal(number))
            case .string(let text): return .string(text)
            case .bool(let flag): return .bool(flag)
            default: throw mismatch()
            }
        }
        switch type {
        case .double:
            switch value {
            case .integer(let number): return .decimal(Decimal(number))
            case .double(let number): return .decimal(Decimal(string: String(number)) ?? Decimal(number))
            case .string(let text):
                guard let number = Money.parseDecimal(text) else { throw mismatch() }
                return .decimal(number)
            default: throw mismatch()
            }
        case .integer, .user, .crmCategory, .crmLead, .crmContact, .crmCompany, .crmDeal, .crmQuote, .crmEntity, .employee,
            .enumeration, .file, .productFile:
            switch value {
            case .integer(let number): return .integer(number)
            case .string(let text):
                guard let number = Int64(text) else { throw mismatch() }
                return .integer(number)
            default: throw mismatch()
            }
        case .char, .boolean:
            switch value {
            case .bool(let flag): return .bool(flag)
            case .string("Y"), .string("y"), .string("1"), .string("true"): return .bool(true)
            case .string("N"), .string("n"), .string("0"), .string("false"): return .bool(false)
            default: throw mismatch()
            }
        case .date:
            guard case .string(let text) = value, let date = CalendarDate(iso8601: text) else { throw mismatch() }
            return .date(date)
        case .datetime:
            guard case .string(let text) = value, let instant = Timestamp(iso8601: text) else { throw mismatch() }
            return .dateTime(instant)
        default:
            switch value {
            case .string(let text): return .string(text)
            case .integer(let number): return .string(String(number))
            default: throw mismatch()
            }
        }
    }
}
