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
/// | `=%`, `%=` | matches a SQL `LIKE` pattern as given (`"Acme%"` starts with Acme) |
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
        let code = descriptor?.code ?? RESTItemDecoder.customFieldCode(name) ?? FieldCode(name)
        guard descriptor != nil || name.hasPrefix("UF_") || name.hasPrefix("ufCrm") else {
            throw QueryError(.unknownField, field: FieldCode(name), "no field \(name)")
        }
        let type = descriptor?.type
        func one(_ value: JSONValue) throws(QueryError) -> FieldValue { try RESTValueConverter.convert(value, type: type, field: code) }
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
}
