import CRMKit
import Foundation
import Testing

struct CustomFieldDefinitionTests {
    static let items: [CustomFieldDefinition.Item] = [.init(id: 1, value: "North"), .init(id: 2, value: "South", isDefault: true)]

    static func definition(
        _ type: CustomFieldType, code: FieldCode = "UF_CRM_X", isMultiple: Bool = false
    ) throws -> CustomFieldDefinition {
        try CustomFieldDefinition(
            code: code, entityType: .deal, type: type, label: "X", isMultiple: isMultiple,
            items: type == .enumeration ? items : [], linkedEntityTypes: type == .crm ? [.deal, .company] : [])
    }

    @Test(arguments: ["UF_CRM_17", "UF_CRM_MY_FIELD", "UF_CRM_1687188367", "UF_CRM_64A29A1CD5CC2", "UF_CRM__", "UF_CRM_A"])
    func acceptsWellFormedCodes(code: String) throws {
        let made = try CustomFieldDefinition(code: FieldCode(code), entityType: .lead, type: .string, label: "Label")
        #expect(made.code.rawValue == code)
    }

    @Test(arguments: [
        "UF_CRM_", "UF_17", "uf_crm_17", "UF_CRM_abc", "UF_CRM_A-B", "UF_CRM_A B", "CRM_17", "UF_CRM_À", "", "STAGE_ID",
        "UF_CRM_17 ", "ufCrm17",
    ])
    func refusesMalformedCodes(code: String) {
        #expect(
            throws: ValidationError(
                .malformed, field: FieldCode(code), "a user field code is UF_CRM_ followed by A-Z, 0-9 or _")
        ) {
            try CustomFieldDefinition(code: FieldCode(code), entityType: .deal, type: .string, label: "Label")
        }
    }

    @Test func enumerationsNeedDistinctItems() {
        #expect(throws: ValidationError(.required, field: "UF_CRM_REGION", "an enumeration needs items")) {
            try CustomFieldDefinition(code: "UF_CRM_REGION", entityType: .deal, type: .enumeration, label: "Region")
        }
        #expect(throws: ValidationError(.malformed, field: "UF_CRM_REGION", "enumeration item IDs must be unique")) {
            try CustomFieldDefinition(
                code: "UF_CRM_REGION", entityType: .deal, type: .enumeration, label: "Region",
                items: [.init(id: 1, value: "North"), .init(id: 1, value: "South")])
        }
        // Items on other types are kept but not required.
        #expect(throws: Never.self) {
            try CustomFieldDefinition(code: "UF_CRM_NOTE", entityType: .deal, type: .string, label: "Note")
        }
    }

    @Test func crmFieldsNeedALinkedEntityType() {
        #expect(throws: ValidationError(.required, field: "UF_CRM_LINK", "a crm field must link to at least one entity type")) {
            try CustomFieldDefinition(code: "UF_CRM_LINK", entityType: .deal, type: .crm, label: "Link")
        }
    }

    @Test(arguments: [
        ("UF_CRM_17", "ufCrm17"), ("UF_CRM_MY_FIELD", "ufCrmMyField"), ("UF_CRM_1687188367", "ufCrm1687188367"),
        ("UF_CRM_64A29A1CD5CC2", "ufCrm64a29a1cd5cc2"), ("UF_CRM_REGION", "ufCrmRegion"), ("UF_CRM_A", "ufCrmA"),
    ] as [(String, String)])
    func itemKeys(code: String, itemKey: String) throws {
        let made = try CustomFieldDefinition(code: FieldCode(code), entityType: .deal, type: .string, label: "L")
        #expect(made.itemKey == itemKey)
        #expect(made.descriptor.itemKey == itemKey)
    }

    @Test func descriptor() throws {
        let made = try CustomFieldDefinition(
            code: "UF_CRM_TAGS", entityType: .contact, type: .string, label: LocalizedText("Tags", italian: "Etichette"),
            isMultiple: true, isRequired: true)
        let descriptor = made.descriptor
        #expect(descriptor.code == "UF_CRM_TAGS")
        #expect(descriptor.type == .string)
        #expect(descriptor.flags == [.dynamic, .required, .multiple])
        #expect(descriptor.isDynamic && descriptor.isRequired && descriptor.isMultiple)
        #expect(!descriptor.isReadOnly && !descriptor.isImmutable)
        #expect(descriptor.title.text(in: .italian) == "Etichette")
        #expect(descriptor.isLegacy)
        #expect(try Self.definition(.double).descriptor.flags == [.dynamic])
    }

    @Test(arguments: CustomFieldType.allCases)
    func fieldTypeNames(type: CustomFieldType) {
        #expect(type.fieldType.rawValue == type.rawValue)
    }

    static let day = CalendarDate(year: 2026, month: 11, day: 30) ?? CalendarDate(daysSince1970: 0)
    static let instant = Timestamp(millisecondsSince1970: 1_767_256_200_000)
    static let amount = Money(minorUnits: 100, currency: "EUR")

    /// Each type with a value it takes and values it refuses as the wrong kind.
    @Test(arguments: [
        (CustomFieldType.string, FieldValue.string("x"), [FieldValue.integer(1), .bool(true), .date(day)]),
        (.integer, .integer(5), [.decimal(5), .string("5")]),
        (.double, .decimal(2.5), [.string("2.5"), .bool(false)]),
        (.double, .integer(2), [.money(amount)]),
        (.boolean, .bool(true), [.string("Y"), .integer(1)]),
        (.date, .date(day), [.dateTime(instant), .string("2026-11-30")]),
        (.datetime, .dateTime(instant), [.date(day), .integer(0)]),
        (.enumeration, .integer(1), [.string("North"), .decimal(1)]),
        (.enumeration, .integer(2), [.bool(true)]),
        (.money, .money(amount), [.decimal(1), .integer(100)]),
        (.url, .string("https://example.it/a"), [.integer(1)]),
        (.url, .string("http://example.it"), [.file(FileReference(id: 1))]),
        (.url, .string(""), [.bool(true)]),
        (.address, .string("Via Roma 1, Milano"), [.integer(1)]),
        (.employee, .integer(3), [.string("3")]),
        (.crm, .integer(12), [.bool(true)]),
        (.crm, .string("D_12"), [.decimal(12)]),
        (.file, .file(FileReference(id: 9)), [.integer(9), .string("a.png")]),
    ] as [(CustomFieldType, FieldValue, [FieldValue])])
    func problemWithSingleValues(type: CustomFieldType, accepted: FieldValue, refused: [FieldValue]) throws {
        let made = try Self.definition(type)
        #expect(made.problem(with: accepted) == nil)
        #expect(made.problem(with: .null) == nil)
        for value in refused {
            #expect(
                made.problem(with: value)
                    == ValidationIssue(.typeMismatch, field: "UF_CRM_X", "UF_CRM_X takes \(type.rawValue), not \(value.kindName)"))
        }
        #expect(
            made.problem(with: .list([accepted]))
                == ValidationIssue(.typeMismatch, field: "UF_CRM_X", "UF_CRM_X takes \(type.rawValue), not list"))
    }

    @Test func enumerationValuesMustBeItems() throws {
        let made = try Self.definition(.enumeration)
        #expect(made.problem(with: .integer(3)) == ValidationIssue(.notInCatalog, field: "UF_CRM_X", "3 is not an item of UF_CRM_X"))
        #expect(made.problem(with: .integer(0)) == ValidationIssue(.notInCatalog, field: "UF_CRM_X", "0 is not an item of UF_CRM_X"))
    }

    @Test(arguments: ["ftp://example.it", "example.it", "www.example.it", "HTTPS://example.it", "javascript:alert(1)"])
    func urlsMustBeHTTP(text: String) throws {
        #expect(
            try Self.definition(.url).problem(with: .string(text))
                == ValidationIssue(.malformed, field: "UF_CRM_X", "'\(text)' is not an http or https address"))
    }

    @Test(arguments: CustomFieldType.allCases)
    func multipleFieldsNeedLists(type: CustomFieldType) throws {
        let made = try Self.definition(type, isMultiple: true)
        let single: FieldValue =
            switch type {
            case .string, .url, .address: .string("https://example.it")
            case .integer, .enumeration, .employee, .crm: .integer(1)
            case .double: .decimal(1.5)
            case .boolean: .bool(true)
            case .date: .date(Self.day)
            case .datetime: .dateTime(Self.instant)
            case .money: .money(Self.amount)
            case .file: .file(FileReference(id: 1))
            }
        #expect(made.problem(with: .list([single, single])) == nil)
        #expect(made.problem(with: .list([])) == nil)
        #expect(made.problem(with: .null) == nil)
        #expect(
            made.problem(with: single)
                == ValidationIssue(.typeMismatch, field: "UF_CRM_X", "UF_CRM_X takes a list of \(type.rawValue) values"))
    }

    @Test func multipleFieldsReportTheFirstBadElement() throws {
        let tags = try Self.definition(.string, isMultiple: true)
        #expect(
            tags.problem(with: .list([.string("a"), .integer(1), .bool(true)]))
                == ValidationIssue(.typeMismatch, field: "UF_CRM_X", "UF_CRM_X takes string, not integer"))
        let regions = try Self.definition(.enumeration, isMultiple: true)
        #expect(regions.problem(with: .list([.integer(1), .integer(2)])) == nil)
        #expect(
            regions.problem(with: .list([.integer(1), .integer(9)]))
                == ValidationIssue(.notInCatalog, field: "UF_CRM_X", "9 is not an item of UF_CRM_X"))
        #expect(
            regions.problem(with: .list([.list([.integer(1)])]))
                == ValidationIssue(.typeMismatch, field: "UF_CRM_X", "UF_CRM_X takes enumeration, not list"))
    }

    /// A stored definition goes through the same checks as a new one.
    @Test(arguments: [
        (
            #"{"code":"uf_crm_bad","entityType":"deal","type":"string","isMultiple":false,"isRequired":false,"label":{"english":"X"},"items":[],"linkedEntityTypes":[]}"#,
            ValidationError(.malformed, field: "uf_crm_bad", "a user field code is UF_CRM_ followed by A-Z, 0-9 or _")
        ),
        (
            #"{"code":"UF_CRM_REGION","entityType":"deal","type":"enumeration","isMultiple":false,"isRequired":false,"label":{"english":"X"},"items":[],"linkedEntityTypes":[]}"#,
            ValidationError(.required, field: "UF_CRM_REGION", "an enumeration needs items")
        ),
        (
            #"{"code":"UF_CRM_LINK","entityType":"deal","type":"crm","isMultiple":false,"isRequired":false,"label":{"english":"X"},"items":[],"linkedEntityTypes":[]}"#,
            ValidationError(.required, field: "UF_CRM_LINK", "a crm field must link to at least one entity type")
        ),
    ] as [(String, ValidationError)])
    func decodingChecksLikeTheInitializer(json: String, expected: ValidationError) {
        #expect(throws: expected) {
            try JSONDecoder().decode(CustomFieldDefinition.self, from: Data(json.utf8))
        }
    }

    @Test func codableRoundTrip() throws {
        let made = try CustomFieldDefinition(
            code: "UF_CRM_REGION", entityType: .deal, type: .enumeration, label: LocalizedText("Region", italian: "Regione"),
            isMultiple: true, isRequired: true, items: Self.items, linkedEntityTypes: [])
        let decoded = try JSONDecoder().decode(CustomFieldDefinition.self, from: JSONEncoder().encode(made))
        #expect(decoded == made)
        #expect(decoded.items[1].isDefault)
        #expect(decoded.items[0].sort == 100)
    }
}
