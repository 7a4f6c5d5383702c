import CRMKit
import Foundation
import Testing

struct FieldValueTests {
    static let day = CalendarDate(year: 2026, month: 11, day: 30)
    static let samples: [FieldValue] = [
        .null,
        .string("WON"),
        .string(""),
        .string("é \"quoted\" \n"),
        .integer(-5),
        .integer(Int64.max),
        .decimal(Decimal(string: "1250.50") ?? 0),
        .decimal(Decimal(string: "-0.001") ?? 0),
        .decimal(0),
        .bool(true),
        .bool(false),
        .date(day ?? CalendarDate(daysSince1970: 0)),
        .dateTime(Timestamp(millisecondsSince1970: 1_767_256_200_250)),
        .dateTime(Timestamp(millisecondsSince1970: -1)),
        .money(Money(minorUnits: 125_050, currency: "EUR")),
        .multifield(Multifield(id: 3, value: "+39 06 1234 5678", valueType: "MOBILE")),
        .multifield(Multifield(value: "anna@example.it")),
        .file(FileReference(id: 512, name: "logo.png", url: "https://example.it/logo.png")),
        .file(FileReference(id: 7)),
        .list([]),
        .list([.integer(1), .string("a"), .null, .list([.bool(false)])]),
    ]

    private func json(_ value: FieldValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func decode(_ text: String) throws -> FieldValue {
        try JSONDecoder().decode(FieldValue.self, from: Data(text.utf8))
    }

    @Test(arguments: samples)
    func codableRoundTrip(value: FieldValue) throws {
        #expect(try decode(json(value)) == value)
    }

    @Test(arguments: [
        (FieldValue.null, #"{"null":true}"#),
        (.string("WON"), #"{"string":"WON"}"#),
        (.integer(-5), #"{"integer":-5}"#),
        (.decimal(Decimal(string: "1250.50") ?? 0), #"{"decimal":"1250.5"}"#),
        (.decimal(Decimal(string: "-0.001") ?? 0), #"{"decimal":"-0.001"}"#),
        (.bool(false), #"{"bool":false}"#),
        (.date(day ?? CalendarDate(daysSince1970: 0)), #"{"date":"2026-11-30"}"#),
        (.dateTime(Timestamp(millisecondsSince1970: 1_767_256_200_250)), #"{"dateTime":1767256200250}"#),
        (.money(Money(minorUnits: 125_050, currency: "EUR")), #"{"money":{"currency":"EUR","minorUnits":125050}}"#),
        (.multifield(Multifield(value: "anna@example.it")), #"{"multifield":{"value":"anna@example.it","valueType":"WORK"}}"#),
        (.multifield(Multifield(id: 3, value: "+39", valueType: "MOBILE")), #"{"multifield":{"id":3,"value":"+39","valueType":"MOBILE"}}"#),
        (.file(FileReference(id: 512, name: "logo.png")), #"{"file":{"id":512,"name":"logo.png"}}"#),
        (.list([.integer(1), .null]), #"{"list":[{"integer":1},{"null":true}]}"#),
    ] as [(FieldValue, String)])
    func exactEncoding(value: FieldValue, expected: String) throws {
        #expect(try json(value) == expected)
    }

    @Test(arguments: [
        "{}", #"{"string":"a","integer":1}"#, #"{"bogus":1}"#, #"{"decimal":"abc"}"#, #"{"decimal":"1e3"}"#,
        #"{"decimal":"1."}"#, #"{"decimal":12.5}"#, #"{"date":"2026-02-30"}"#, #"{"dateTime":"2026-01-01T00:00:00Z"}"#,
        #"{"integer":"5"}"#, #"{"bool":"Y"}"#, #"{"list":{"integer":1}}"#, #"{"money":{"minorUnits":1}}"#, #""WON""#, "5",
        "null",
    ])
    func decodingRejectsMalformedValues(text: String) {
        #expect(throws: DecodingError.self) { try decode(text) }
    }

    @Test(arguments: [
        (FieldValue.null, true, "null"), (.string(""), true, "string"), (.string(" "), false, "string"),
        (.list([]), true, "list"), (.list([.null]), false, "list"), (.integer(0), false, "integer"),
        (.decimal(0), false, "decimal"), (.bool(false), false, "boolean"),
        (.date(day ?? CalendarDate(daysSince1970: 0)), false, "date"),
        (.dateTime(Timestamp(millisecondsSince1970: 0)), false, "date-time"),
        (.money(Money(minorUnits: 0, currency: "EUR")), false, "money"),
        (.multifield(Multifield(value: "")), false, "multifield"), (.file(FileReference(id: 1)), false, "file"),
    ] as [(FieldValue, Bool, String)])
    func emptinessAndKindNames(value: FieldValue, isEmpty: Bool, kindName: String) {
        #expect(value.isEmpty == isEmpty)
        #expect(value.kindName == kindName)
    }

    // MARK: FieldValueConvertible

    @Test func convertsValuesBothWays() throws {
        let day = try #require(Self.day)
        let instant = Timestamp(millisecondsSince1970: 1_767_256_200_000)
        let amount = Money(minorUnits: 100, currency: "EUR")
        let phone = Multifield(value: "+390612345678", valueType: "WORK")
        let logo = FileReference(id: 9, name: "a.png")

        #expect("WON".fieldValue == .string("WON"))
        #expect(try String(fieldValue: .string("WON")) == "WON")
        #expect(Int64(7).fieldValue == .integer(7))
        #expect(try Int64(fieldValue: .integer(-7)) == -7)
        #expect(7.fieldValue == .integer(7))
        #expect(try Int(fieldValue: .integer(42)) == 42)
        #expect(try decimal("12.5").fieldValue == .decimal(try decimal("12.5")))
        #expect(try Decimal(fieldValue: .decimal(decimal("12.5"))) == decimal("12.5"))
        #expect(try Decimal(fieldValue: .integer(5)) == 5)
        #expect(true.fieldValue == .bool(true))
        #expect(try Bool(fieldValue: .bool(false)) == false)
        #expect(day.fieldValue == .date(day))
        #expect(try CalendarDate(fieldValue: .date(day)) == day)
        #expect(instant.fieldValue == .dateTime(instant))
        #expect(try Timestamp(fieldValue: .dateTime(instant)) == instant)
        #expect(amount.fieldValue == .money(amount))
        #expect(try Money(fieldValue: .money(amount)) == amount)
        #expect(phone.fieldValue == .multifield(phone))
        #expect(try Multifield(fieldValue: .multifield(phone)) == phone)
        #expect(logo.fieldValue == .file(logo))
        #expect(try FileReference(fieldValue: .file(logo)) == logo)
    }

    @Test func convertsIdentifiersAndSemantics() throws {
        #expect(ItemID<Deal>(17).fieldValue == .integer(17))
        #expect(try ItemID<Deal>(fieldValue: .integer(17)) == 17)
        #expect(UserID(3).fieldValue == .integer(3))
        #expect(try UserID(fieldValue: .integer(3)) == 3)
        #expect(try DepartmentID(fieldValue: .integer(2)) == 2)
        #expect(CategoryID(0).fieldValue == .integer(0))
        #expect(StatusID("C3:WON").fieldValue == .string("C3:WON"))
        #expect(try StatusID(fieldValue: .string("C3:WON")) == "C3:WON")
        #expect(try CurrencyCode(fieldValue: .string("EUR")) == "EUR")
        #expect(StageSemantics.success.fieldValue == .string("S"))
        #expect(try StageSemantics(fieldValue: .string("F")) == .failure)
        #expect(try StageSemantics(fieldValue: .string("P")) == .process)
    }

    @Test func convertsOptionalsAndArrays() throws {
        #expect(String?.none.fieldValue == .null)
        #expect(Optional("x").fieldValue == .string("x"))
        #expect(try String?(fieldValue: .null) == nil)
        #expect(try String?(fieldValue: .string("x")) == "x")
        #expect([UserID(1), UserID(2)].fieldValue == .list([.integer(1), .integer(2)]))
        #expect([Multifield]().fieldValue == .list([]))
        #expect(try [UserID](fieldValue: .null) == [])
        #expect(try [UserID](fieldValue: .list([])) == [])
        #expect(try [UserID](fieldValue: .integer(5)) == [5])
        #expect(try [UserID](fieldValue: .list([.integer(5), .integer(6)])) == [5, 6])
        #expect(try [ItemID<Contact>?](fieldValue: .list([.null, .integer(2)])) == [nil, 2])
    }

    @Test(arguments: [
        (FieldValue.integer(1), "string", "expected string, got integer"),
        (.decimal(1), "string", "expected string, got decimal"),
        (.null, "string", "expected string, got null"),
        (.list([.string("a")]), "string", "expected string, got list"),
    ] as [(FieldValue, String, String)])
    func stringRefusesOtherKinds(value: FieldValue, expected: String, description: String) {
        let error = #expect(throws: FieldValueError.self) { try String(fieldValue: value) }
        #expect(error == FieldValueError(expected: expected, actual: value))
        #expect(error?.description == description)
    }

    @Test func conversionsRefuseOtherKinds() throws {
        let day = try #require(Self.day)
        #expect(throws: FieldValueError(expected: "integer", actual: .string("7"))) { try Int64(fieldValue: .string("7")) }
        #expect(throws: FieldValueError(expected: "integer", actual: .decimal(7))) { try Int(fieldValue: .decimal(7)) }
        #expect(throws: FieldValueError(expected: "decimal", actual: .string("1.5"))) { try Decimal(fieldValue: .string("1.5")) }
        #expect(throws: FieldValueError(expected: "boolean", actual: .string("Y"))) { try Bool(fieldValue: .string("Y")) }
        #expect(throws: FieldValueError(expected: "boolean", actual: .integer(1))) { try Bool(fieldValue: .integer(1)) }
        #expect(throws: FieldValueError(expected: "date", actual: .string("2026-11-30"))) {
            try CalendarDate(fieldValue: .string("2026-11-30"))
        }
        #expect(throws: FieldValueError(expected: "date-time", actual: .date(day))) { try Timestamp(fieldValue: .date(day)) }
        #expect(throws: FieldValueError(expected: "money", actual: .decimal(1))) { try Money(fieldValue: .decimal(1)) }
        #expect(throws: FieldValueError(expected: "multifield", actual: .string("+39"))) {
            try Multifield(fieldValue: .string("+39"))
        }
        #expect(throws: FieldValueError(expected: "file", actual: .integer(9))) { try FileReference(fieldValue: .integer(9)) }
        #expect(throws: FieldValueError(expected: "integer ID", actual: .string("7"))) { try UserID(fieldValue: .string("7")) }
        #expect(throws: FieldValueError(expected: "integer ID", actual: .null)) { try ItemID<Deal>(fieldValue: .null) }
        #expect(throws: FieldValueError(expected: "string key", actual: .integer(3))) { try StatusID(fieldValue: .integer(3)) }
        #expect(throws: FieldValueError(expected: "string key", actual: .null)) { try CurrencyCode(fieldValue: .null) }
        #expect(throws: FieldValueError(expected: "P, S or F", actual: .string("X"))) { try StageSemantics(fieldValue: .string("X")) }
        #expect(throws: FieldValueError(expected: "P, S or F", actual: .string("s"))) { try StageSemantics(fieldValue: .string("s")) }
        #expect(throws: FieldValueError(expected: "string", actual: .integer(1))) { try String?(fieldValue: .integer(1)) }
        #expect(throws: FieldValueError(expected: "integer ID", actual: .string("x"))) {
            try [UserID](fieldValue: .list([.integer(1), .string("x")]))
        }
        #expect(throws: FieldValueError(expected: "multifield", actual: .string("x"))) { try [Multifield](fieldValue: .string("x")) }
    }
}
