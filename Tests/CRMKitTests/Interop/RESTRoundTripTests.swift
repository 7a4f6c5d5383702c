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
        ("crm.deal.fields.response.json", "crm.deal.fields", nil), ("crm.lead.fields.response.json", "crm.lead.fields", nil),
        ("crm.contact.fields.response.json", "crm.contact.fields", nil), ("crm.company.fields.response.json", "crm.company.fields", nil),
        ("crm.quote.fields.response.json", "crm.quote.fields", nil), ("crm.item.fields.response.json", "crm.item.fields", nil),
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

@Suite("REST decoding: user fields, field metadata, streamed lists")
struct RESTDecodingExtrasTests {
    @Test("user fields are read as their definitions' types, and a wrong one names the field")
    func typedUserFields() throws {
        let definitions = [
            try CustomFieldDefinition(code: "UF_CRM_REGION", entityType: .deal, type: .enumeration, label: "Region", items: [.init(id: 7, value: "North")]),
            try CustomFieldDefinition(code: "UF_CRM_BUDGET", entityType: .deal, type: .money, label: "Budget"),
            try CustomFieldDefinition(code: "UF_CRM_VIP", entityType: .deal, type: .boolean, label: "VIP"),
            try CustomFieldDefinition(code: "UF_CRM_DUE", entityType: .deal, type: .date, label: "Due"),
        ]
        let json = try JSONValue(parsing: #"{"ID": "3", "UF_CRM_REGION": "7", "UF_CRM_BUDGET": "1250.50|EUR", "UF_CRM_VIP": "1", "UF_CRM_DUE": "2026-05-01T03:00:00+03:00"}"#)
        let decoded = try RESTItemDecoder(dialect: .legacy, customFields: definitions).decode(json, as: .deal)
        let deal = try #require(decoded.item.entity(as: Deal.self))
        #expect(deal.customFields == [
            "UF_CRM_REGION": .integer(7), "UF_CRM_BUDGET": .money(Money(minorUnits: 125_050, currency: "EUR")), "UF_CRM_VIP": .bool(true),
            "UF_CRM_DUE": .date(CalendarDate(year: 2026, month: 5, day: 1)!),
        ])
        let encoded = RESTItemEncoder(timeZone: TimeZone(secondsFromGMT: 0)!).encode(decoded.item)
        #expect(encoded["UF_CRM_BUDGET"] == .string("1250.50|EUR"))
        let wrong = try JSONValue(parsing: #"{"UF_CRM_BUDGET": "lots"}"#)
        #expect(throws: RESTDecodingError(field: "UF_CRM_BUDGET", message: "\"lots\" is not a value of UF_CRM_BUDGET (money)")) {
            try RESTItemDecoder(dialect: .legacy, customFields: definitions).decode(wrong, as: .deal)
        }
    }

    @Test("field metadata responses decode into descriptors that match the schema")
    func fieldMetadata() throws {
        let json = try JSONValue(parsing: Array(try Fixtures.data("Responses/crm.deal.fields.response.json")))
        let decoded = try FieldMetadataDecoder.decode(json, dialect: .legacy)
        for descriptor in decoded where !descriptor.isDynamic && !descriptor.code.rawValue.hasPrefix("PARENT_ID_") {
            let ours = try #require(Deal.schema[descriptor.code], "\(descriptor.code)")
            #expect(ours.type == descriptor.type && ours.flags == descriptor.flags && ours.statusType == descriptor.statusType, "\(descriptor.code)")
        }
    }

    @Test("a large REST list response is imported record by record")
    func streamedREST() async throws {
        let directory = TemporaryDirectory("stream")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending("deals.json")
        var text = #"{"result": ["#
        for index in 1...3_000 {
            text += (index == 1 ? "" : ",") + #"{"ID": "\#(index)", "TITLE": "Deal {\"\#(index)\"} [x], y", "OPPORTUNITY": "\#(index).50", "EXTRA": {"a": [1, 2]}}"#
        }
        text += #"], "total": 3000, "next": 50, "time": {"start": 1.5}}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let workspace = try await Workspace.open(store: InMemoryStore())
        let session = workspace.session(for: 1)
        let report = try await session.importItems(.deal, from: JSONImportSource(path: path, format: .rest, entityType: .deal))
        #expect(report.refused.isEmpty, "\(report.refused.prefix(3))")
        #expect(report.created.count == 3_000)
        #expect(report.ignoredColumns == ["ID", "EXTRA"] || report.ignoredColumns == ["EXTRA", "ID"])
        let last = try await session.list(Deal.self, order: [.descending("ID")], limit: 1).items.first?.item
        #expect(last?.title == "Deal {\"3000\"} [x], y")
        #expect(last?.opportunity == Decimal(string: "3000.50"))
    }

    @Test("the docs' item list response imports through the streamer")
    func docsItemList() async throws {
        let url = try Fixtures.url("Responses/crm.item.list.response.json")
        let workspace = try await Workspace.open(store: InMemoryStore())
        let report = try await workspace.session(for: 1).importItems(.lead, from: JSONImportSource(path: url.path, format: .rest, entityType: .lead))
        #expect(report.created.count == 4, "\(report.refused)")
    }
}
