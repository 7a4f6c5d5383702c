import CRMKit
import Foundation
import Testing

@Suite("REST item decoding")
struct RESTItemDecoderTests {
    static let responses: [(String, EntityType, RESTDialect, Int)] = [
        ("crm.deal.get.response.json", .deal, .legacy, 1), ("crm.deal.list.response.json", .deal, .legacy, 6),
        ("crm.lead.get.response.json", .lead, .legacy, 1), ("crm.contact.get.response.json", .contact, .legacy, 1),
        ("crm.contact.list.response.json", .contact, .legacy, 5), ("crm.company.get.response.json", .company, .legacy, 1),
        ("crm.company.list.response.json", .company, .legacy, 1), ("crm.quote.get.response.json", .quote, .legacy, 1),
        ("crm.quote.list.response.json", .quote, .legacy, 2), ("crm.item.get.response.json", .lead, .item, 1),
        ("crm.item.list.response.json", .lead, .item, 4),
    ]

    func load(_ file: String) throws -> JSONValue {
        try JSONValue(parsing: Array(try Fixtures.data("Responses/\(file)")))
    }

    @Test("every example response of the docs decodes", arguments: responses)
    func decodesExamples(file: String, type: EntityType, dialect: RESTDialect, count: Int) throws {
        let items = try RESTItemDecoder(dialect: dialect).decodeResponse(try load(file), as: type)
        #expect(items.count == count)
        #expect(items.allSatisfy { $0.item.entityType == type && $0.item.id > 0 })
    }

    @Test("a legacy deal: strings read as numbers, Y/N, dates, links, user fields; unknown fields kept")
    func legacyDeal() throws {
        let decoded = try #require(try RESTItemDecoder(dialect: .legacy).decodeResponse(try load("crm.deal.get.response.json"), as: .deal).first)
        let deal = try #require(decoded.item.entity(as: Deal.self))
        #expect(deal.id == 410)
        #expect(deal.title == "New Deal #1")
        #expect(deal.opportunity == Decimal(1_000_000))
        #expect(deal.isManualOpportunity == true)
        #expect(deal.probability == 99)
        #expect(deal.companyID == 9)
        #expect(deal.contactID == 84)
        #expect(deal.leadID == nil)
        #expect(deal.beginDate == CalendarDate(year: 2024, month: 8, day: 30))
        #expect(deal.closeDate == CalendarDate(year: 2024, month: 9, day: 9))
        #expect(deal.createdTime == Timestamp(iso8601: "2024-08-30T14:29:00+02:00"))
        #expect(deal.isOpened == true)
        #expect(deal.isClosed == false)
        #expect(deal.stageSemanticID == .process)
        #expect(deal.utm.source == "google")
        #expect(deal.customFields == ["UF_CRM_1721244482250": .string("Hello world!")])
        #expect(decoded.unknownFields.map(\.key) == ["PARENT_ID_1220"])
    }

    @Test("a crm.item lead: fm multifields, ufCrm_ user fields, numbers and booleans")
    func itemLead() throws {
        let decoded = try #require(try RESTItemDecoder(dialect: .item).decodeResponse(try load("crm.item.get.response.json"), as: .lead).first)
        let lead = try #require(decoded.item.entity(as: Lead.self))
        #expect(lead.id == 250)
        #expect(lead.stageID == "IN_PROCESS")
        #expect(lead.opportunity == Decimal(string: "999.9"))
        #expect(lead.phones == [Multifield(id: 101, value: "+6111111111", valueType: "WORK")])
        #expect(lead.emails == [Multifield(id: 102, value: "admin@example.com", valueType: "WORK")])
        #expect(lead.companyID == nil)
        #expect(lead.birthDate == CalendarDate(year: 2000, month: 1, day: 1))
        #expect(lead.customFields == ["UF_CRM_1720019876534": .string("321")])
        #expect(decoded.unknownFields.map(\.key).contains("searchContent"))
    }

    @Test("decoding then encoding gives back the same values (date-times as the same instant)")
    func roundTrip() throws {
        let original = try #require(try load("crm.deal.get.response.json")["result"])
        let decoded = try RESTItemDecoder(dialect: .legacy).decode(original, as: .deal)
        let encoded = RESTItemEncoder(timeZone: TimeZone(secondsFromGMT: 7200) ?? .current).encode(decoded.item)
        guard case .object(let members) = original else { return }
        for member in members where !decoded.unknownFields.contains(member) {
            let again = try #require(encoded[member.key], "\(member.key) missing after encoding")
            switch (member.value, again) {
            case (.string(let left), .string(let right)) where Timestamp(iso8601: left) != nil:
                if Deal.schema[FieldCode(member.key)]?.type == .date {
                    #expect(left.prefix(10) == right.prefix(10), "\(member.key)")
                } else {
                    #expect(Timestamp(iso8601: left) == Timestamp(iso8601: right), "\(member.key)")
                }
            default:
                #expect(member.value == again, "\(member.key): \(member.value) → \(again)")
            }
        }
    }

    @Test("a value of the wrong shape names the record and the field")
    func wrongShape() throws {
        let json = try JSONValue(parsing: #"{"result": [{"ID": "1", "OPPORTUNITY": "5"}, {"ID": "2", "OPPORTUNITY": "lots"}]}"#)
        #expect(throws: RESTDecodingError(position: 1, field: "OPPORTUNITY", message: "\"lots\" is not a value of OPPORTUNITY (double)")) {
            try RESTItemDecoder(dialect: .legacy).decodeResponse(json, as: .deal)
        }
        #expect(throws: RESTDecodingError(message: "the response has no \"result\"")) {
            try RESTItemDecoder(dialect: .legacy).decodeResponse(try JSONValue(parsing: "{}"), as: .deal)
        }
    }

    @Test("the docs' lead list example that is not valid JSON is refused with its byte offset")
    func invalidExample() throws {
        let bytes = Array(try Fixtures.data("Responses/crm.lead.list.response.json.txt"))
        do {
            _ = try JSONValue(parsing: bytes)
            Issue.record("accepted invalid JSON")
        } catch {
            #expect(error.offset > 3000)
        }
    }
}
