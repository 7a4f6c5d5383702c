public import Foundation

/// Decodes a saved Bitrix24 REST response into CRMKit's types and encodes it back in the same shape: the
/// same members in the same order, known fields re-encoded from the typed values, unknown ones kept as they
/// were. Used by `crm rest roundtrip` and by tests that every documented response survives the trip.
///
/// ```swift
/// let again = try RESTRoundTrip.roundTrip(json, method: "crm.deal.list", timeZone: TimeZone(identifier: "Europe/Rome")!)
/// ```
public enum RESTRoundTrip {
    /// The methods understood: `crm.<lead|deal|contact|company|quote|product>.get|list`,
    /// `crm.item.get|list|add|update`, `crm.deal.productrows.get`, `crm.item.productrow.get|list`,
    /// `crm.status.list`, `crm.category.list|get`.
    public static func roundTrip(
        _ json: JSONValue, method: String, entityType: EntityType? = nil, timeZone: TimeZone
    ) throws(RESTDecodingError) -> JSONValue {
        guard case .object(let top) = json, let result = json["result"] else {
            throw RESTDecodingError(message: "the response has no \"result\"")
        }
        let parts = method.split(separator: ".").map(String.init)
        let newResult: JSONValue
        if method == "crm.deal.productrows.get" {
            newResult = try rows(result, codec: ProductRowCodec(dialect: .legacy))
            return .object(top.map { $0.key == "result" ? JSONValue.Member("result", newResult) : $0 })
        }
        if ["crm.item.productrow.get", "crm.item.productrow.list"].contains(method) {
            newResult = try rows(result, codec: ProductRowCodec(dialect: .item))
            return .object(top.map { $0.key == "result" ? JSONValue.Member("result", newResult) : $0 })
        }
        guard parts.count == 3, parts[0] == "crm" else { throw RESTDecodingError(message: "unknown method \(method)") }
        if parts[2] == "fields", parts[1] != "status", parts[1] != "category" {
            let dialect: RESTDialect = parts[1] == "item" ? .item : .legacy
            let descriptors = try FieldMetadataDecoder.decode(json, dialect: dialect)
            let fields = dialect == .item ? result["fields"] ?? result : result
            guard case .object(let members) = fields else { throw RESTDecodingError(message: "expected fields") }
            let again = JSONValue.object(
                zip(members, descriptors).map { member, descriptor in
                    let encoded = EntitySchema<Deal>.metadata(descriptor, dialect, .english)
                    return JSONValue.Member(member.key, conform(encoded, to: member.value))
                })
            newResult = dialect == .item ? .object(members.isEmpty ? [] : [JSONValue.Member("fields", again)]) : again
            return .object(top.map { $0.key == "result" ? JSONValue.Member("result", newResult) : $0 })
        }
        switch (parts[1], parts[2]) {
        case ("item", "get"), ("item", "list"), ("item", "add"), ("item", "update"):
            newResult = try items(result, dialect: .item, type: entityType ?? .lead, timeZone: timeZone)
        case (let name, "get"), (let name, "list"):
            if name == "status" || name == "category" {
                newResult = try catalogs(result, kind: name)
            } else {
                guard let type = EntityType(rawValue: name), type != .invoice else {
                    throw RESTDecodingError(message: "unknown method \(method)")
                }
                newResult = try items(result, dialect: .legacy, type: type, timeZone: timeZone)
            }
        default:
            throw RESTDecodingError(message: "unknown method \(method)")
        }
        return .object(top.map { $0.key == "result" ? JSONValue.Member("result", newResult) : $0 })
    }

    private static func items(_ result: JSONValue, dialect: RESTDialect, type: EntityType, timeZone: TimeZone) throws(RESTDecodingError)
        -> JSONValue
    {
        let decoder = RESTItemDecoder(dialect: dialect)
        let encoder = RESTItemEncoder(timeZone: timeZone, dialect: dialect)
        func again(_ record: JSONValue, _ position: Int?) throws(RESTDecodingError) -> JSONValue {
            let decoded = try decoder.decode(record, as: type, position: position)
            let encoded = encoder.encode(decoded.item)
            guard case .object(let members) = record else { return record }
            return .object(
                members.map { member in
                    if member.key == "fm", dialect == .item { return member }
                    let known = !decoded.unknownFields.contains(member)
                    guard known, let value = encoded[member.key] else { return member }
                    return JSONValue.Member(member.key, conform(value, to: member.value))
                })
        }
        switch result {
        case .array(let records):
            var output: [JSONValue] = []
            for (index, record) in records.enumerated() { output.append(try again(record, index)) }
            return .array(output)
        case .object(let members) where result["item"] != nil || result["items"] != nil:
            var output: [JSONValue.Member] = []
            for member in members {
                switch (member.key, member.value) {
                case ("item", let record): output.append(JSONValue.Member("item", try again(record, nil)))
                case ("items", .array(let records)):
                    var list: [JSONValue] = []
                    for (index, record) in records.enumerated() { list.append(try again(record, index)) }
                    output.append(JSONValue.Member("items", .array(list)))
                default: output.append(member)
                }
            }
            return .object(output)
        default:
            return try again(result, nil)
        }
    }

    /// The re-encoded value in the representation the response used for it: Bitrix24 mixes `"Y"` and
    /// booleans, numbers and numeric strings, `null` and `[]` for the same kinds of fields.
    static func conform(_ value: JSONValue, to original: JSONValue) -> JSONValue {
        switch (original, value) {
        case (.string(let text), .bool(let flag)) where text == "Y" || text == "N": return .string(flag ? "Y" : "N")
        case (.string(let text), .integer(let number)) where Int64(text) != nil: return .string(String(number))
        case (.string(let text), .string(let other)) where text != other:
            guard let left = Money.parseDecimal(text), let right = Money.parseDecimal(other), left == right else { return value }
            return .string(right.formatted(places: text.split(separator: ".").dropFirst().first?.count ?? 0))
        case (.string(let text), .double(let number)):
            let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
            return .string((Decimal(string: String(number)) ?? Decimal(number)).formatted(places: decimals))
        case (.integer, .string(let text)): return Int64(text).map(JSONValue.integer) ?? value
        case (.double, .string(let text)): return Double(text).map(JSONValue.double) ?? value
        case (.integer(let whole), .double(let number)) where Double(whole) == number: return .integer(whole)
        case (.null, .array(let elements)) where elements.isEmpty: return .null
        case (.array(let elements), .null) where elements.isEmpty: return .array([])
        case (.integer(0), .null): return .integer(0)
        case (.string(""), .null): return .string("")
        case (.array(let originals), .array(let values)) where originals.count == values.count:
            return .array(zip(values, originals).map { conform($0, to: $1) })
        case (.object(let originals), .object):
            return .object(originals.map { member in JSONValue.Member(member.key, value[member.key].map { conform($0, to: member.value) } ?? member.value) })
        default: return value
        }
    }

    private static func rows(_ result: JSONValue, codec: ProductRowCodec) throws(RESTDecodingError) -> JSONValue {
        func again(_ record: JSONValue, _ position: Int) throws(RESTDecodingError) -> JSONValue {
            let encoded = codec.encodeRow(try codec.decodeRow(record, position: position))
            guard case .object(let members) = record else { return record }
            return .object(members.map { member in JSONValue.Member(member.key, encoded[member.key].map { conform($0, to: member.value) } ?? member.value) })
        }
        switch result {
        case .array(let records):
            var output: [JSONValue] = []
            for (index, record) in records.enumerated() { output.append(try again(record, index)) }
            return .array(output)
        case .object(let members):
            var output: [JSONValue.Member] = []
            for member in members {
                if case .array(let records) = member.value, member.key == "productRows" {
                    var list: [JSONValue] = []
                    for (index, record) in records.enumerated() { list.append(try again(record, index)) }
                    output.append(JSONValue.Member(member.key, .array(list)))
                } else if member.key == "productRow" {
                    output.append(JSONValue.Member(member.key, try again(member.value, 0)))
                } else {
                    output.append(member)
                }
            }
            return .object(output)
        default:
            throw RESTDecodingError(message: "expected product rows")
        }
    }

    /// Reference-book entries and pipelines: checked for their required members and kept as they are.
    private static func catalogs(_ result: JSONValue, kind: String) throws(RESTDecodingError) -> JSONValue {
        let records: [JSONValue]
        switch result {
        case .array(let elements): records = elements
        case .object:
            if case .array(let elements)? = result["categories"] { records = elements } else if let one = result["category"] {
                records = [one]
            } else {
                records = [result]
            }
        default: throw RESTDecodingError(message: "unexpected result")
        }
        for (index, record) in records.enumerated() {
            let required = kind == "status" ? ["ENTITY_ID", "STATUS_ID", "NAME"] : ["id", "name", "entityTypeId"]
            for key in required where record[key] == nil {
                throw RESTDecodingError(position: index, field: key, message: "missing")
            }
            if kind == "status", case .string(let sort)? = record["SORT"], Int(sort) == nil {
                throw RESTDecodingError(position: index, field: "SORT", message: "'\(sort)' is not a number")
            }
        }
        return result
    }
}
