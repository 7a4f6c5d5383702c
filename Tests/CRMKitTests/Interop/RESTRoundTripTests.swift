import CRMKit
import Foundation
import Testing

@Suite("REST round trips of the docs' example responses")
struct RESTRoundTripTests {
    static let responses: [(String, String, EntityType?)] = [
        ("crm.deal.get.response.json", "crm.deal.get", nil), ("crm.deal.list.response.json", "crm.deal.list", nil),
        ("crm.lead.get.response.json", "crm.lead.get", nil), ("crm.contact.get.response.json", "crm.contact.get", nil),
        ("crm.contact.list.response.json", "crm.contact.list", nil), ("crm.company.get.response.json", "crm.company.get", nil),
        ("crm.company.list.response.json", "crm.company.list", nil), ("crm.quote.get.response.json", "crm.quote.get", nil),
        ("crm.quote.list.response.json", "crm.quote.list", nil), ("crm.item.get.response.json", "crm.item.get", .lead),
        ("crm.item.list.response.json", "crm.item.list", .lead), ("crm.item.add.response.json", "crm.item.add", .lead),
        ("crm.item.update.response.json", "crm.item.update", .lead),
        ("crm.deal.productrows.get.response.json", "crm.deal.productrows.get", nil),
        ("crm.status.list.response.json", "crm.status.list", nil), ("crm.category.list.response.json", "crm.category.list", nil),
    ]

    /// The codes and keys of date (not date-time) fields.
    static let dateFields = Set(EntityType.allCases.flatMap(\.fields).filter { $0.type == .date }.flatMap { [$0.code.rawValue] + ($0.itemKey.map { [$0] } ?? []) })

    /// Equal JSON, except that two date-time strings only need to be the same instant, and a date field the
    /// same date.
    static func same(_ left: JSONValue, _ right: JSONValue, path: String, differences: inout [String]) {
        switch (left, right) {
        case (.string(let a), .string(let b)) where a != b:
            if let first = Timestamp(iso8601: a), let second = Timestamp(iso8601: b), first == second { return }
            if let key = path.split(separator: ".").last, dateFields.contains(String(key)), a.prefix(10) == b.prefix(10),
                Timestamp(iso8601: b) != nil
            {
                return
            }
            differences.append("\(path): \(a) → \(b)")
        case (.object(let a), .object(let b)):
            if a.map(\.key) != b.map(\.key) { differences.append("\(path): members differ") }
            for member in a { same(member.value, right[member.key] ?? .null, path: "\(path).\(member.key)", differences: &differences) }
        case (.array(let a), .array(let b)):
            if a.count != b.count { differences.append("\(path): \(a.count) elements → \(b.count)") }
            for (index, pair) in zip(a, b).enumerated() { same(pair.0, pair.1, path: "\(path)[\(index)]", differences: &differences) }
        case (.double(let a), .integer(let b)) where a == Double(b): return
        case (.integer(let a), .double(let b)) where Double(a) == b: return
        default:
            if left != right { differences.append("\(path): \(left.serialized()) → \(right.serialized())") }
        }
    }

    @Test("decoding then encoding gives back the same fields and values", arguments: responses)
    func roundTrip(file: String, method: String, type: EntityType?) throws {
        let original = try JSONValue(parsing: Array(try Fixtures.data("Responses/\(file)")))
        let again = try RESTRoundTrip.roundTrip(original, method: method, entityType: type, timeZone: TimeZone(secondsFromGMT: 7200) ?? .current)
        var differences: [String] = []
        Self.same(original, again, path: "$", differences: &differences)
        #expect(differences.isEmpty, "\(differences.prefix(8))")
    }

    @Test("an undecodable response names the record and field")
    func undecodable() throws {
        let json = try JSONValue(parsing: #"{"result": [{"ID": "1"}, {"ID": "2", "CLOSEDATE": "soon"}]}"#)
        #expect(throws: RESTDecodingError(position: 1, field: "CLOSEDATE", message: "\"soon\" is not a value of CLOSEDATE (date)")) {
            try RESTRoundTrip.roundTrip(json, method: "crm.deal.list", timeZone: .current)
        }
        #expect(throws: RESTDecodingError(message: "unknown method crm.nope.list")) {
            try RESTRoundTrip.roundTrip(json, method: "crm.nope.list", timeZone: .current)
        }
    }

    @Test("product rows decode to the entered price, discount and tax, and encode Bitrix24's prices")
    func productRows() throws {
        let json = try JSONValue(parsing: Array(try Fixtures.data("Responses/crm.deal.productrows.get.response.json")))
        let rows = try ProductRowCodec(dialect: .legacy).decodeRows(try #require(json["result"]))
        let first = try #require(rows.first)
        #expect(first.price == 999)
        #expect(first.discount == .rate(10))
        #expect(first.isTaxIncluded)
        #expect(first.unitPrice == Decimal(string: "899.1"))
        #expect(first.productID == 450)
    }
}
