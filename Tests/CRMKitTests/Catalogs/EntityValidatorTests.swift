import CRMKit
import Foundation
import Testing

@Suite("Entity validation")
struct EntityValidatorTests {
    let validator: EntityValidator

    init() throws {
        var catalogs = Catalogs.bitrix24Defaults()
        try catalogs.addPipeline(for: .deal, name: "Rentals")
        let region = try CustomFieldDefinition(
            code: "UF_CRM_REGION", entityType: .deal, type: .enumeration, label: "Region",
            items: [.init(id: 1, value: "North"), .init(id: 2, value: "South")])
        let budget = try CustomFieldDefinition(
            code: "UF_CRM_BUDGET", entityType: .deal, type: .money, label: "Budget", isRequired: false)
        let vip = try CustomFieldDefinition(code: "UF_CRM_VIP", entityType: .contact, type: .boolean, label: "VIP", isRequired: true)
        validator = EntityValidator(catalogs: catalogs, customFields: [region, budget, vip])
    }

    func deal(_ change: (inout Deal) -> Void = { _ in }) -> Deal {
        var deal = Deal()
        deal.title = "Website"
        deal.stageID = "NEW"
        change(&deal)
        return deal
    }

    @Test("a plain new deal, lead, quote and invoice are valid")
    func validItems() throws {
        try validator.validate(deal())
        var lead = Lead()
        lead.stageID = "IN_PROCESS"
        lead.sourceID = "WEB"
        lead.emails = [Multifield(value: "anna@example.it", valueType: "WORK")]
        lead.phones = [Multifield(value: "+39 (06) 1234-5678", valueType: "MOBILE")]
        try validator.validate(lead)
        var quote = Quote()
        quote.title = "Offer 12"
        quote.stageID = "SENT"
        try validator.validate(quote)
        var invoice = Invoice()
        invoice.stageID = "DT31_1:S"
        invoice.categoryID = 1
        invoice.isOpened = true
        try validator.validate(invoice)
        var contact = Contact()
        contact.lastName = "Rossi"
        contact.customFields["UF_CRM_VIP"] = .bool(false)
        try validator.validate(contact)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var deal: Deal
        var expected: [ValidationIssue.Code: FieldCode]
        var testDescription: String { name }
    }

    static func make(_ name: String, _ expected: [ValidationIssue.Code: FieldCode], _ change: (inout Deal) -> Void) -> Case {
        var deal = Deal()
        deal.title = "Website"
        deal.stageID = "NEW"
        change(&deal)
        return Case(name: name, deal: deal, expected: expected)
    }

    static let refusedDeals: [Case] = [
        make("unknown stage", [.notInCatalog: "STAGE_ID"]) { $0.stageID = "NEGOTIATION" },
        make("stage of another pipeline", [.wrongPipeline: "STAGE_ID"]) { $0.stageID = "C1:NEW" },
        make("stage of pipeline 0 in pipeline 1", [.wrongPipeline: "STAGE_ID"]) {
            $0.categoryID = 1
            $0.stageID = "WON"
        },
        make("unknown pipeline", [.unknownPipeline: "CATEGORY_ID"]) { $0.categoryID = 9 },
        make("unknown currency", [.unknownCurrency: "CURRENCY_ID"]) { $0.currencyID = "XYZ" },
        make("probability over 100", [.outOfRange: "PROBABILITY"]) { $0.probability = 101 },
        make("negative probability", [.outOfRange: "PROBABILITY"]) { $0.probability = -1 },
        make("source not in SOURCE", [.notInCatalog: "SOURCE_ID"]) { $0.sourceID = "TV" },
        make("type not in DEAL_TYPE", [.notInCatalog: "TYPE_ID"]) { $0.typeID = "RENT" },
        make("read-only created time", [.readOnly: "DATE_CREATE"]) { $0.createdTime = Timestamp(millisecondsSince1970: 1) },
        make("read-only stage semantics", [.readOnly: "STAGE_SEMANTIC_ID"]) { $0.stageSemanticID = .success },
        make("read-only ID", [.readOnly: "ID"]) { $0.id = 5 },
        make("enumeration value outside the items", [.notInCatalog: "UF_CRM_REGION"]) {
            $0.customFields["UF_CRM_REGION"] = .integer(3)
        },
        make("user field of the wrong type", [.typeMismatch: "UF_CRM_BUDGET"]) {
            $0.customFields["UF_CRM_BUDGET"] = .string("100")
        },
        make("unknown user field", [.unknownField: "UF_CRM_NOPE"]) { $0.customFields["UF_CRM_NOPE"] = .integer(1) },
        make("product row with zero quantity", [.outOfRange: "PRODUCT_ROWS"]) {
            $0.productRows = [ProductRow(name: "Hour", price: 10, quantity: 0)]
        },
        make("product row without name", [.required: "PRODUCT_ROWS"]) {
            $0.productRows = [ProductRow(name: " ", price: 10)]
        },
        make("discount over 100%", [.outOfRange: "PRODUCT_ROWS"]) {
            $0.productRows = [ProductRow(name: "Hour", price: 10, discount: .rate(120))]
        },
    ]

    @Test("each refused value is named with its code", arguments: refusedDeals)
    func refused(_ testCase: Case) {
        let issues = validator.problems(in: testCase.deal)
        #expect(issues.count == testCase.expected.count, "\(issues)")
        for (code, field) in testCase.expected {
            #expect(issues.contains { $0.code == code && $0.field == field }, "\(issues)")
        }
        #expect(throws: ValidationError(issues)) { try validator.validate(testCase.deal) }
    }

    @Test("every problem is returned at once, in schema order")
    func allAtOnce() {
        let bad = deal {
            $0.stageID = "C1:WON"
            $0.probability = 140
            $0.currencyID = "XYZ"
            $0.createdBy = 3
        }
        #expect(validator.problems(in: bad).map(\.field) == ["STAGE_ID", "PROBABILITY", "CURRENCY_ID", "CREATED_BY_ID"].map(FieldCode.init)
            || validator.problems(in: bad).count == 4)
        #expect(Set(validator.problems(in: bad).map(\.field)) == ["STAGE_ID", "PROBABILITY", "CURRENCY_ID", "CREATED_BY_ID"])
    }

    @Test("updates: immutable pipeline, read-only values may stay but not change")
    func updates() throws {
        var stored = deal()
        stored.id = 7
        stored.createdTime = Timestamp(millisecondsSince1970: 1_000)
        var update = stored
        update.title = "Renamed"
        try validator.validate(update, previous: stored)

        update.categoryID = 1
        update.stageID = "C1:NEW"
        update.createdTime = Timestamp(millisecondsSince1970: 2_000)
        let issues = validator.problems(in: update, previous: stored)
        #expect(issues == [
            ValidationIssue(.immutable, field: "CATEGORY_ID", "CATEGORY_ID cannot change after creation"),
            ValidationIssue(.readOnly, field: "DATE_CREATE", "DATE_CREATE is read-only"),
        ])
        #expect(validator.protectedFieldWrites(in: update, previous: nil).map(\.field) == ["ID", "DATE_CREATE"])
    }

    @Test("required fields: a quote needs its subject, a contact a first or last name, a required user field its value")
    func required() {
        var quote = Quote()
        quote.stageID = "DRAFT"
        #expect(validator.problems(in: quote) == [ValidationIssue(.required, field: "TITLE", "TITLE is required")])
        quote.title = ""
        #expect(validator.problems(in: quote).map(\.code) == [.required])

        var contact = Contact()
        contact.secondName = "Maria"
        #expect(validator.problems(in: contact) == [
            ValidationIssue(.required, field: "NAME", "NAME or LAST_NAME is required"),
            ValidationIssue(.required, field: "UF_CRM_VIP", "UF_CRM_VIP is required"),
        ])
        contact.name = "Anna"
        contact.customFields["UF_CRM_VIP"] = .bool(true)
        #expect(validator.problems(in: contact).isEmpty)
    }

    static let multifieldCases: [(FieldCode, Multifield, Bool)] = [
        ("EMAIL", Multifield(value: "anna@example.it", valueType: "WORK"), true),
        ("EMAIL", Multifield(value: "anna.rossi+crm@mail.example.co.uk", valueType: "HOME"), true),
        ("EMAIL", Multifield(value: "anna@", valueType: "WORK"), false),
        ("EMAIL", Multifield(value: "anna@example", valueType: "WORK"), false),
        ("EMAIL", Multifield(value: "an na@example.it", valueType: "WORK"), false),
        ("EMAIL", Multifield(value: "a@b@example.it", valueType: "WORK"), false),
        ("EMAIL", Multifield(value: "anna@example.it", valueType: "MOBILE"), false),
        ("PHONE", Multifield(value: "+39 06 1234 5678", valueType: "WORK"), true),
        ("PHONE", Multifield(value: "(555) 010-9999", valueType: "MOBILE"), true),
        ("PHONE", Multifield(value: "12", valueType: "WORK"), false),
        ("PHONE", Multifield(value: "+39 06 CALL ME", valueType: "WORK"), false),
        ("PHONE", Multifield(value: "1234567890123456", valueType: "WORK"), false),
        ("PHONE", Multifield(value: "+390612345678", valueType: "WROK"), false),
        ("WEB", Multifield(value: "https://example.it", valueType: "WORK"), true),
        ("WEB", Multifield(value: "example .it", valueType: "WORK"), false),
        ("IM", Multifield(value: "@anna", valueType: "TELEGRAM"), true),
        ("IM", Multifield(value: "  ", valueType: "TELEGRAM"), false),
    ]

    @Test("multifield formats and value types", arguments: multifieldCases)
    func multifield(field: FieldCode, entry: Multifield, accepted: Bool) throws {
        var lead = Lead()
        try lead.setValue(.list([.multifield(entry)]), forField: field)
        let issues = validator.problems(in: lead)
        if accepted {
            #expect(issues.isEmpty, "\(issues)")
        } else {
            #expect(issues.count == 1)
            #expect(issues.first?.code == .malformed)
            #expect(issues.first?.field == field)
        }
    }

    @Test("an empty lead stage is allowed (the pipeline sets the first stage), a bad one is not")
    func emptyAndBadStage() {
        var lead = Lead()
        #expect(validator.problems(in: lead).isEmpty)
        lead.stageID = "WON"
        #expect(validator.problems(in: lead) == [ValidationIssue(.notInCatalog, field: "STATUS_ID", "WON is not a stage in STATUS")])
    }
}
