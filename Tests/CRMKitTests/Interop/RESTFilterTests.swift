import CRMKit
import Foundation
import Testing

@Suite("REST filter syntax")
struct RESTFilterTests {
    static let day = CalendarDate(year: 2026, month: 1, day: 1)!

    static let cases: [(String, EntityType, Filter)] = [
        (#"{"=STAGE_ID": "WON"}"#, .deal, .equal("STAGE_ID", .string("WON"))),
        (#"{"STAGE_ID": "WON"}"#, .deal, .equal("STAGE_ID", .string("WON"))),
        (#"{"stageId": "WON"}"#, .deal, .equal("STAGE_ID", .string("WON"))),
        (#"{">OPPORTUNITY": 1000}"#, .deal, .greater("OPPORTUNITY", .decimal(1000))),
        (#"{">=OPPORTUNITY": "99.50"}"#, .deal, .greaterOrEqual("OPPORTUNITY", .decimal(Decimal(string: "99.50")!))),
        (#"{"<PROBABILITY": "30"}"#, .deal, .less("PROBABILITY", .integer(30))),
        (#"{"<=CLOSEDATE": "2026-01-01"}"#, .deal, .lessOrEqual("CLOSEDATE", .date(day))),
        (#"{"%TITLE": "acme"}"#, .deal, .like("TITLE", "%acme%")),
        (#"{"!%TITLE": "50%"}"#, .deal, .not(.like("TITLE", #"%50\%%"#))),
        (#"{"=%TITLE": "Acme%"}"#, .deal, .like("TITLE", "Acme%")),
        (#"{"@ASSIGNED_BY_ID": [1, 5]}"#, .deal, .in("ASSIGNED_BY_ID", [.integer(1), .integer(5)])),
        (#"{"ASSIGNED_BY_ID": ["1", "5"]}"#, .deal, .in("ASSIGNED_BY_ID", [.integer(1), .integer(5)])),
        (#"{"!@STAGE_ID": ["WON", "LOSE"]}"#, .deal, .notIn("STAGE_ID", [.string("WON"), .string("LOSE")])),
        (#"{"!STAGE_ID": "LOSE"}"#, .deal, .notEqual("STAGE_ID", .string("LOSE"))),
        (#"{"!=STAGE_ID": "LOSE"}"#, .deal, .notEqual("STAGE_ID", .string("LOSE"))),
        (#"{"COMPANY_ID": null}"#, .deal, .isNull("COMPANY_ID")),
        (#"{"!COMPANY_ID": null}"#, .deal, .isNotNull("COMPANY_ID")),
        (#"{"OPENED": "Y"}"#, .deal, .equal("OPENED", .bool(true))),
        (#"{"opened": false}"#, .invoice, .equal("OPENED", .bool(false))),
        (#"{">=DATE_CREATE": "2026-01-01T00:00:00+01:00"}"#, .deal,
         .greaterOrEqual("DATE_CREATE", .dateTime(Timestamp(millisecondsSince1970: 1_767_222_000_000)))),
        (#"{"UF_CRM_REGION": 2}"#, .deal, .equal("UF_CRM_REGION", .integer(2))),
        (#"{"LOGIC": "OR", "0": {"STAGE_ID": "WON"}, "1": {">OPPORTUNITY": 5}}"#, .deal,
         .or([.equal("STAGE_ID", .string("WON")), .greater("OPPORTUNITY", .decimal(5))])),
        (#"{"=STAGE_ID": "WON", ">OPPORTUNITY": 1000, "%TITLE": "acme", "@ASSIGNED_BY_ID": [1, 5], "!STAGE_ID": "LOSE"}"#, .deal,
         .and([
            .equal("STAGE_ID", .string("WON")), .greater("OPPORTUNITY", .decimal(1000)), .like("TITLE", "%acme%"),
            .in("ASSIGNED_BY_ID", [.integer(1), .integer(5)]), .notEqual("STAGE_ID", .string("LOSE")),
         ])),
        (#"{"=STATUS_ID": "NEW"}"#, .lead, .equal("STATUS_ID", .string("NEW"))),
        (#"{"stageId": "NEW"}"#, .quote, .equal("STATUS_ID", .string("NEW"))),
    ]

    @Test("parses each operator, by legacy code or crm.item key", arguments: cases)
    func parses(text: String, type: EntityType, expected: Filter) throws {
        #expect(try RESTFilter.parse(text, for: type) == expected)
    }

    static let errors: [(String, QueryError.Code, FieldCode?)] = [
        (#"{"=NOPE": 1}"#, .unknownField, "NOPE"),
        (#"{">OPPORTUNITY": "lots"}"#, .valueMismatch, "OPPORTUNITY"),
        (#"{">=DATE_CREATE": "yesterday"}"#, .valueMismatch, "DATE_CREATE"),
        (#"{"OPENED": "maybe"}"#, .valueMismatch, "OPENED"),
        (#"{"%TITLE": true}"#, .valueMismatch, "TITLE"),
        (#"{"LOGIC": "XOR"}"#, .malformed, nil),
        (#"["STAGE_ID"]"#, .malformed, nil),
        (#"{"STAGE_ID": "WON""#, .malformed, nil),
    ]

    @Test("refuses unknown fields, values of the wrong type and malformed JSON", arguments: errors)
    func refuses(text: String, code: QueryError.Code, field: FieldCode?) {
        do {
            _ = try RESTFilter.parse(text, for: .deal)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == code)
            #expect(error.field == field)
        }
    }

    @Test("malformed JSON names the byte offset")
    func byteOffset() {
        #expect(throws: QueryError(.malformed, "malformed JSON at byte 18: unexpected end of input in an object")) {
            try RESTFilter.parse(#"{"STAGE_ID": "WON""#, for: .deal)
        }
    }

    @Test("an operator that does not fit the field is refused when the query runs")
    func operatorMismatch() async throws {
        let filter = try RESTFilter.parse(#"{">TITLE": "m"}"#, for: .deal)
        await #expect(throws: QueryError(.operatorMismatch, field: "TITLE", "<, <=, > and >= apply to numbers and dates; TITLE is string")) {
            try await InMemoryStore().query(Query(.deal, filter: filter))
        }
    }
}

@Suite("REST filter: user fields")
struct RESTFilterUserFieldTests {
    @Test("a crm.item user field key filters on its legacy code", arguments: [#"{"ufCrm_5": 1}"#, #"{"UF_CRM_5": 1}"#, #"{"ufCrm5": 1}"#])
    func userFieldKey(text: String) throws {
        #expect(try RESTFilter.parse(text, for: .deal) == .equal("UF_CRM_5", .integer(1)))
    }
}
