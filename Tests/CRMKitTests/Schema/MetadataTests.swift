import CRMKit
import Foundation
import Testing

struct MetadataTests {
    static func restFields(
        _ type: EntityType, _ dialect: RESTDialect, language: Language = .english,
        customFields: [CustomFieldDefinition] = []
    ) -> JSONValue {
        func render<E: CRMEntity>(_: E.Type) -> JSONValue {
            E.schema.restFields(dialect: dialect, language: language, customFields: customFields)
        }
        return render(entityMetatype(type))
    }

    /// Records one issue per differing member, so a mismatch says which field differs and how.
    static func expectSameMembers(
        _ actual: [JSONValue.Member], _ expected: [JSONValue.Member], _ context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let actualKeys = actual.map(\.key)
        let expectedKeys = expected.map(\.key)
        for member in expected {
            guard let mine = actual.first(where: { $0.key == member.key }) else {
                Issue.record("\(context): \(member.key) is missing", sourceLocation: sourceLocation)
                continue
            }
            if mine.value != member.value {
                Issue.record(
                    "\(context): \(member.key) is \(mine.value.serialized()), expected \(member.value.serialized())",
                    sourceLocation: sourceLocation)
            }
        }
        for key in actualKeys where !expectedKeys.contains(key) {
            Issue.record("\(context): \(key) is not expected", sourceLocation: sourceLocation)
        }
        #expect(actualKeys == expectedKeys, "\(context): member order", sourceLocation: sourceLocation)
    }

    // MARK: - Legacy dialect against the fixtures

    @Test(arguments: EntityType.allCases)
    func legacyFieldsMatchTheFixture(type: EntityType) throws {
        let fixture = try Fixtures.fields(of: type)
        #expect(fixture.entity == type.rawValue)
        let output = Self.restFields(type, .legacy)
        #expect(members(output).map(\.key) == ["result"])
        let result = members(output["result"])
        for field in fixture.fields {
            guard let meta = result.first(where: { $0.key == field.code })?.value else {
                Issue.record("\(type).\(field.code) is missing from the legacy output")
                continue
            }
            let context = "\(type).\(field.code)"
            #expect(meta["type"] == .string(field.type), "\(context)")
            #expect(meta["isRequired"] == .bool(field.isRequired), "\(context)")
            #expect(meta["isReadOnly"] == .bool(field.isReadOnly), "\(context)")
            #expect(meta["isImmutable"] == .bool(field.isImmutable), "\(context)")
            #expect(meta["isMultiple"] == .bool(field.isMultiple), "\(context)")
            #expect(meta["isDynamic"] == .bool(false), "\(context)")
            #expect(meta["statusType"] == field.statusType.map(JSONValue.string), "\(context)")
            #expect(meta["title"] == .string(field.title), "\(context)")
            #expect(meta["upperName"] == nil, "\(context)")
            #expect(schemaFields(type).first { $0.code.rawValue == field.code }?.itemKey == field.itemKey, "\(context)")
        }
        let fixtureCodes = fixture.fields.map(\.code)
        for key in result.map(\.key) where !fixtureCodes.contains(key) {
            Issue.record("\(type).\(key) is in the legacy output but not in the fixture")
        }
        #expect(result.map(\.key) == fixtureCodes, "\(type): legacy fields in the fixture's order")
    }

    @Test(arguments: [EntityType.lead, .deal, .contact, .company, .quote])
    func legacyOutputEqualsTheDocsExample(type: EntityType) throws {
        let example = try Fixtures.json("Responses/crm.\(type.rawValue).fields.response.json")
        let expected = members(example["result"]).filter {
            !$0.key.hasPrefix("UF_") && !$0.key.hasPrefix("PARENT_ID_")
        }
        let output = Self.restFields(type, .legacy)
        Self.expectSameMembers(members(output["result"]), expected, "crm.\(type.rawValue).fields")
        #expect(output["result"] == .object(expected))
    }

    // MARK: - crm.item dialect

    @Test func invoiceItemFieldsMatchTheFixture() throws {
        let fixture = try Fixtures.fields(of: .invoice)
        let output = Self.restFields(.invoice, .item)
        #expect(members(output).map(\.key) == ["result"])
        #expect(members(output["result"]).map(\.key) == ["fields"])
        let fields = members(output["result"]?["fields"])
        #expect(fields.map(\.key) == fixture.fields.compactMap(\.itemKey))
        for field in fixture.fields {
            let key = try #require(field.itemKey, "invoice.\(field.code) has no item key in the fixture")
            guard let meta = fields.first(where: { $0.key == key })?.value else {
                Issue.record("invoice.\(key) is missing")
                continue
            }
            #expect(meta["upperName"] == .string(field.code), "invoice.\(key)")
            #expect(meta["type"] == .string(field.type), "invoice.\(key)")
            #expect(meta["isRequired"] == .bool(field.isRequired), "invoice.\(key)")
            #expect(meta["isReadOnly"] == .bool(field.isReadOnly), "invoice.\(key)")
            #expect(meta["isImmutable"] == .bool(field.isImmutable), "invoice.\(key)")
            #expect(meta["isMultiple"] == .bool(field.isMultiple), "invoice.\(key)")
            #expect(meta["statusType"] == field.statusType.map(JSONValue.string), "invoice.\(key)")
            #expect(meta["title"] == .string(field.title), "invoice.\(key)")
            #expect(members(meta).last?.key == "upperName", "invoice.\(key)")
        }
    }

    @Test func dealItemFields() throws {
        let fields = members(Self.restFields(.deal, .item)["result"]?["fields"])
        let stage = try #require(fields.first { $0.key == "stageId" }?.value)
        #expect(
            stage.serialized()
                == #"{"type":"crm_status","isRequired":false,"isReadOnly":false,"isImmutable":false,"isMultiple":false,"#
                + #""isDynamic":false,"statusType":"DEAL_STAGE","title":"Deal Stage","upperName":"STAGE_ID"}"#)
        let company = try #require(fields.first { $0.key == "companyId" }?.value)
        #expect(company["settings"] == .object([("parentEntityTypeId", .integer(4))]))
        #expect(company["upperName"] == .string("COMPANY_ID"))

        let charCodes = Deal.schema.fields.filter { $0.type == .char }.map(\.code)
        #expect(charCodes == ["IS_NEW", "IS_RECURRING", "IS_RETURN_CUSTOMER", "IS_REPEATED_APPROACH", "IS_MANUAL_OPPORTUNITY", "OPENED", "CLOSED"])
        let legacy = Self.restFields(.deal, .legacy)["result"]
        for code in charCodes {
            let key = try #require(Deal.schema[code]?.itemKey)
            let meta = fields.first { $0.key == key }?.value
            #expect(meta?["type"] == .string("boolean"), "\(key)")
            #expect(meta?["upperName"] == .string(code.rawValue), "\(key)")
            #expect(legacy?[code.rawValue]?["type"] == .string("char"), "\(code)")
        }

        // Every field with an item key, in schema order; the crm.item-only observers among them.
        #expect(fields.map(\.key) == Deal.schema.fields.compactMap(\.itemKey))
        #expect(fields.first { $0.key == "observers" }?.value["isMultiple"] == .bool(true))
        #expect(legacy?["OBSERVERS"] == nil)
        #expect(fields.allSatisfy { $0.value["upperName"]?.stringValue == Deal.schema[FieldCode($0.key)]?.code.rawValue })
    }

    @Test func fieldsWithoutItemKeysStayOutOfTheItemDialect() {
        let fields = members(Self.restFields(.lead, .item)["result"]?["fields"]).map(\.key)
        #expect(!fields.contains("ADDRESS_2"))
        #expect(!fields.contains("address2"))
        #expect(!fields.contains("PHONE"))
        #expect(fields.contains("address"))
        #expect(members(Self.restFields(.product, .item)["result"]?["fields"]) == [])
    }

    // MARK: - Languages

    @Test(arguments: [
        (EntityType.deal, "STAGE_ID", "Fase"), (.deal, "OPPORTUNITY", "Importo"), (.quote, "TITLE", "Oggetto"),
        (.invoice, "BEGINDATE", "Data di fattura"), (.invoice, "CLOSEDATE", "Pagare entro"),
        (.contact, "EXPORT", "Incluso in esportazione"), (.lead, "HONORIFIC", "Formula di apertura"),
        (.company, "REVENUE", "Fatturato annuo"), (.product, "PRICE", "Prezzo"),
        // No Italian title: English.
        (.deal, "CATEGORY_ID", "Sales Funnel"), (.quote, "CLIENT_TITLE", "Client"), (.invoice, "XML_ID", "External code"),
        (.contact, "PHOTO", "Photo"), (.lead, "ADDRESS_CITY", "City"),
    ] as [(EntityType, String, String)])
    func italianTitles(type: EntityType, code: String, title: String) {
        let italian = Self.restFields(type, .legacy, language: .italian)["result"]?[code]
        #expect(italian?["title"] == .string(title))
        let english = Self.restFields(type, .legacy)["result"]?[code]?["title"]
        #expect(english == schemaFields(type).first { $0.code.rawValue == code }.map { .string($0.title.english) })
    }

    @Test func italianTitlesInTheItemDialect() {
        let fields = Self.restFields(.deal, .item, language: .italian)["result"]?["fields"]
        #expect(fields?["stageId"]?["title"] == .string("Fase"))
        #expect(fields?["categoryId"]?["title"] == .string("Sales Funnel"))
    }

    // MARK: - User fields

    static func dealDefinitions() throws -> [CustomFieldDefinition] {
        [
            try CustomFieldDefinition(
                code: "UF_CRM_REGION", entityType: .deal, type: .enumeration, label: LocalizedText("Region", italian: "Regione"),
                items: [.init(id: 1, value: "North"), .init(id: 2, value: "South")]),
            try CustomFieldDefinition(code: "UF_CRM_LEAD_ONLY", entityType: .lead, type: .string, label: "Lead only"),
            try CustomFieldDefinition(code: "UF_CRM_17", entityType: .deal, type: .string, label: "Note", isRequired: true),
            try CustomFieldDefinition(
                code: "UF_CRM_LINKS", entityType: .deal, type: .crm, label: LocalizedText("Links", italian: "Collegamenti"),
                isMultiple: true, linkedEntityTypes: [.contact, .company]),
        ]
    }

    @Test func userFieldsFollowSystemFieldsInTheLegacyDialect() throws {
        let output = Self.restFields(.deal, .legacy, language: .italian, customFields: try Self.dealDefinitions())
        let result = members(output["result"])
        let system = Deal.schema.fields.filter(\.isLegacy).map(\.code.rawValue)
        #expect(result.map(\.key) == system + ["UF_CRM_REGION", "UF_CRM_17", "UF_CRM_LINKS"])
        #expect(
            output["result"]?["UF_CRM_REGION"]?.serialized()
                == #"{"type":"enumeration","isRequired":false,"isReadOnly":false,"isImmutable":false,"isMultiple":false,"#
                + #""isDynamic":true,"title":"UF_CRM_REGION","listLabel":"Regione","formLabel":"Regione","filterLabel":"Regione","#
                + #""items":[{"ID":"1","VALUE":"North"},{"ID":"2","VALUE":"South"}]}"#)
        #expect(
            output["result"]?["UF_CRM_17"]?.serialized()
                == #"{"type":"string","isRequired":true,"isReadOnly":false,"isImmutable":false,"isMultiple":false,"#
                + #""isDynamic":true,"title":"UF_CRM_17","listLabel":"Note","formLabel":"Note","filterLabel":"Note"}"#)
        #expect(
            output["result"]?["UF_CRM_LINKS"]?.serialized()
                == #"{"type":"crm","isRequired":false,"isReadOnly":false,"isImmutable":false,"isMultiple":true,"#
                + #""isDynamic":true,"title":"UF_CRM_LINKS","listLabel":"Collegamenti","formLabel":"Collegamenti","#
                + #""filterLabel":"Collegamenti","settings":{"LEAD":"N","DEAL":"N","CONTACT":"Y","COMPANY":"Y","QUOTE":"N"}}"#)
        for member in result.prefix(system.count) {
            #expect(member.value["isDynamic"] == .bool(false), "\(member.key)")
        }
    }

    @Test func userFieldsUseTheirItemKeysInTheItemDialect() throws {
        let output = Self.restFields(.deal, .item, customFields: try Self.dealDefinitions())
        let fields = members(output["result"]?["fields"])
        #expect(fields.suffix(3).map(\.key) == ["ufCrmRegion", "ufCrm17", "ufCrmLinks"])
        #expect(fields.count == Deal.schema.fields.compactMap(\.itemKey).count + 3)
        let region = try #require(fields.first { $0.key == "ufCrmRegion" }?.value)
        #expect(region["isDynamic"] == .bool(true))
        #expect(region["title"] == .string("UF_CRM_REGION"))
        #expect(region["listLabel"] == .string("Region"))
        #expect(region["formLabel"] == .string("Region"))
        #expect(region["filterLabel"] == .string("Region"))
        #expect(region["upperName"] == .string("UF_CRM_REGION"))
        #expect(members(region).last?.key == "upperName")
        #expect(fields.first { $0.key == "ufCrm17" }?.value["upperName"] == .string("UF_CRM_17"))
    }

    @Test func userFieldsOfOtherEntityTypesAreLeftOut() throws {
        let lead = members(Self.restFields(.lead, .legacy, customFields: try Self.dealDefinitions())["result"])
        #expect(lead.last?.key == "UF_CRM_LEAD_ONLY")
        #expect(lead.filter { $0.key.hasPrefix("UF_") }.map(\.key) == ["UF_CRM_LEAD_ONLY"])
        let contact = members(Self.restFields(.contact, .legacy, customFields: try Self.dealDefinitions())["result"])
        #expect(!contact.contains { $0.key.hasPrefix("UF_") })
    }
}
