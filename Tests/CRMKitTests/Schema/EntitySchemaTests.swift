import CRMKit
import Foundation
import Testing

/// The Swift type of each entity type, so a parameterized test can open it generically.
func entityMetatype(_ type: EntityType) -> any CRMEntity.Type {
    switch type {
    case .lead: Lead.self
    case .deal: Deal.self
    case .contact: Contact.self
    case .company: Company.self
    case .quote: Quote.self
    case .invoice: Invoice.self
    case .product: Product.self
    }
}

/// The system fields of an entity type's schema.
func schemaFields(_ type: EntityType) -> [FieldDescriptor] {
    func fields<E: CRMEntity>(_: E.Type) -> [FieldDescriptor] { E.schema.fields }
    return fields(entityMetatype(type))
}

struct EntitySchemaTests {
    /// Values to try on a field, most specific first; index-dependent so that no two fields get the same text
    /// or number (which would hide two bindings writing the same property).
    static func candidates(forFieldAt index: Int) -> [FieldValue] {
        let n = Int64(index)
        let first = Multifield(value: "+39 06 \(index)", valueType: "WORK")
        let second = Multifield(id: 40 + n, value: "v\(index)@example.it", valueType: "HOME")
        return [
            .string("v\(index)"),
            .string("S"),
            .integer(100 + n),
            .decimal(Decimal(101 + index) / 4),
            .bool(true),
            .bool(false),
            .date(CalendarDate(daysSince1970: 20_000 + n)),
            .dateTime(Timestamp(millisecondsSince1970: 1_767_256_200_000 + n)),
            .money(Money(minorUnits: 1000 + n, currency: "EUR")),
            .file(FileReference(id: 500 + n, name: "f\(index).png")),
            .multifield(first),
            .list([.multifield(first), .multifield(second)]),
            .list([.integer(200 + n), .integer(300 + n)]),
            .list([.string("a\(index)"), .string("b\(index)")]),
        ]
    }

    /// A value the field's property takes and reads back unchanged, different from its value in an empty item.
    static func sample<E: CRMEntity>(for binding: FieldBinding<E>, at index: Int) -> FieldValue? {
        let code = binding.descriptor.code
        let empty = E()
        for candidate in candidates(forFieldAt: index) where candidate != empty[field: code] {
            var entity = empty
            guard (try? entity.setValue(candidate, forField: code)) != nil else { continue }
            if entity[field: code] == candidate { return candidate }
        }
        return nil
    }

    /// A value of a kind the field cannot take.
    static func wrongKind(for sample: FieldValue) -> FieldValue {
        if case .string = sample { return .bool(true) }
        return .string("wrong")
    }

    // MARK: - Shape

    @Test(arguments: EntityType.allCases)
    func codesAndItemKeysAreUnique(type: EntityType) {
        let fields = schemaFields(type)
        let codes = fields.map(\.code)
        #expect(Set(codes).count == codes.count, "duplicate codes in \(type)")
        let keys = fields.compactMap(\.itemKey)
        #expect(Set(keys).count == keys.count, "duplicate item keys in \(type)")
        // A code never doubles as another field's item key (lookups try codes first).
        for field in fields {
            if let key = field.itemKey, let other = fields.first(where: { $0.code.rawValue == key }) {
                #expect(other.code == field.code, "\(type): item key \(key) of \(field.code) is the code of another field")
            }
        }
        #expect(!fields.isEmpty)
    }

    @Test(arguments: EntityType.allCases)
    func schemaDescribesItsEntityType(type: EntityType) {
        #expect(type.fields == schemaFields(type))
        func check<E: CRMEntity>(_: E.Type) {
            #expect(E.entityType == type)
            #expect(E.schema.entityType == type)
            #expect(E.schema.fields == E.schema.bindings.map(\.descriptor))
            for field in E.schema.fields {
                #expect(E.schema[field.code] == field)
                if let key = field.itemKey {
                    #expect(E.schema.descriptor(forItemKey: key) == field)
                    #expect(E.schema[FieldCode(key)] == field)
                }
                #expect(E()[field: field.code] != nil, "\(field.code) has no value in an empty \(type)")
            }
        }
        check(entityMetatype(type))
    }

    @Test func lookupsByCodeAndItemKey() {
        #expect(Deal.schema["stageId"]?.code == "STAGE_ID")
        #expect(Deal.schema["STAGE_ID"]?.itemKey == "stageId")
        #expect(Deal.schema.descriptor(forItemKey: "stageId")?.code == "STAGE_ID")
        #expect(Deal.schema.descriptor(forItemKey: "STAGE_ID") == nil)
        #expect(Deal.schema["CATEGORY_ID"]?.isImmutable == true)
        #expect(Deal.schema["STAGE_ID"]?.statusType == "DEAL_STAGE")
        #expect(Deal.schema["stage_id"] == nil)
        #expect(Deal.schema["NOPE"] == nil)
        #expect(Lead.schema["stageId"]?.code == "STATUS_ID")
        #expect(Quote.schema["stageId"]?.code == "STATUS_ID")
        #expect(Invoice.schema["parentId2"]?.code == "PARENT_ID_2")
        #expect(Invoice.schema["PARENT_ID_2"]?.parentEntityTypeID == 2)
        #expect(Company.schema["ADDRESS_CITY"]?.itemKey == nil)
        #expect(Product.schema["NAME"]?.isRequired == true)
        #expect(
            Contact.schema.requiredGroups
                == [RequiredGroup(anyOf: ["NAME", "LAST_NAME"], replacing: ["NAME", "SECOND_NAME", "LAST_NAME"])])
        #expect(Deal.schema.requiredGroups.isEmpty)
        #expect(Deal.schema.binding(for: "opportunity")?.descriptor.code == "OPPORTUNITY")
        #expect(Deal.schema.binding(for: "OBSERVERS")?.descriptor.isLegacy == false)
    }

    @Test(arguments: [
        ("UF_CRM_17", true), ("UF_CRM_MY_FIELD", true), ("UF_ANY", true), ("ufCrm17", false), ("ufCrmMyField", false),
        ("STAGE_ID", false), ("uf_crm_17", false), ("UFCRM", false), ("", false),
    ] as [(String, Bool)])
    func customFieldCodes(code: String, isCustom: Bool) {
        #expect(EntitySchema<Deal>.isCustomFieldCode(FieldCode(code)) == isCustom)
    }

    // MARK: - Generic reading and writing

    @Test(arguments: EntityType.allCases)
    func everyBindingReadsAndWritesItsProperty(type: EntityType) throws {
        func check<E: CRMEntity>(_: E.Type) {
            for (index, binding) in E.schema.bindings.enumerated() {
                let code = binding.descriptor.code
                guard let sample = Self.sample(for: binding, at: index) else {
                    Issue.record("\(type).\(code): no candidate value fits the property")
                    continue
                }
                var entity = E()
                do {
                    try entity.setValue(sample, forField: code)
                } catch {
                    Issue.record("\(type).\(code): \(error)")
                }
                #expect(entity[field: code] == sample, "\(type).\(code)")
                #expect(binding.value(in: entity) == sample, "\(type).\(code)")
                #expect(entity != E(), "\(type).\(code): writing changed nothing")

                // The crm.item key reaches the same property.
                if let key = binding.descriptor.itemKey {
                    var byKey = E()
                    #expect(throws: Never.self) { try byKey.setValue(sample, forField: FieldCode(key)) }
                    #expect(byKey == entity, "\(type).\(key)")
                    #expect(byKey[field: FieldCode(key)] == sample, "\(type).\(key)")
                }

                // A clearly wrong kind is refused, naming the legacy code, and changes nothing.
                let wrong = Self.wrongKind(for: sample)
                let before = entity
                let error = #expect(throws: ValidationError.self, "\(type).\(code) took \(wrong)") {
                    try entity.setValue(wrong, forField: code)
                }
                #expect(error?.issues.count == 1)
                #expect(error?.issues.first?.code == .typeMismatch)
                #expect(error?.fields == [code])
                #expect(error?.issues.first?.message.hasPrefix("expected ") == true, "\(String(describing: error))")
                #expect(error?.issues.first?.message.hasSuffix(", got \(wrong.kindName)") == true, "\(String(describing: error))")
                #expect(entity == before, "\(type).\(code) changed on a refused write")

                // Through the crm.item key, the error still names the legacy code.
                if let key = binding.descriptor.itemKey {
                    let keyError = #expect(throws: ValidationError.self) { try entity.setValue(wrong, forField: FieldCode(key)) }
                    #expect(keyError?.fields == [code])
                }

                // Null either clears the field or is refused as a mismatch.
                var cleared = entity
                do {
                    try cleared.setValue(.null, forField: code)
                    #expect(cleared[field: code] == .null || cleared[field: code] == .list([]), "\(type).\(code)")
                } catch {
                    #expect(error.issues.map(\.code) == [.typeMismatch])
                    #expect(cleared == entity)
                }
            }
        }
        check(entityMetatype(type))
    }

    /// All fields written into one item read back their own values: no two bindings share a property.
    @Test(arguments: EntityType.allCases)
    func bindingsDoNotOverlap(type: EntityType) throws {
        func check<E: CRMEntity>(_: E.Type) throws {
            var entity = E()
            var samples: [(FieldCode, FieldValue)] = []
            for (index, binding) in E.schema.bindings.enumerated() {
                let sample = try #require(Self.sample(for: binding, at: index), "\(type).\(binding.descriptor.code)")
                try entity.setValue(sample, forField: binding.descriptor.code)
                samples.append((binding.descriptor.code, sample))
            }
            for (code, sample) in samples {
                #expect(entity[field: code] == sample, "\(type).\(code) was overwritten by another field")
            }
            #expect(entity.customFields.isEmpty)
        }
        try check(entityMetatype(type))
    }

    @Test(arguments: EntityType.allCases)
    func userFieldsGoToCustomFields(type: EntityType) throws {
        func check<E: CRMEntity>(_: E.Type) throws {
            var entity = E()
            #expect(entity[field: "UF_CRM_17"] == .null)
            try entity.setValue(.integer(5), forField: "UF_CRM_17")
            try entity.setValue(.list([.string("a"), .string("b")]), forField: "UF_CRM_TAGS")
            #expect(entity.customFields == ["UF_CRM_17": .integer(5), "UF_CRM_TAGS": .list([.string("a"), .string("b")])])
            #expect(entity[field: "UF_CRM_17"] == .integer(5))
            #expect(entity[field: "UF_CRM_99"] == .null)
            // User fields are not typed by the schema: any value is kept as given.
            try entity.setValue(.string("now text"), forField: "UF_CRM_17")
            #expect(entity[field: "UF_CRM_17"] == .string("now text"))
            try entity.setValue(.null, forField: "UF_CRM_17")
            #expect(entity.customFields == ["UF_CRM_TAGS": .list([.string("a"), .string("b")])])
            #expect(entity[field: "UF_CRM_17"] == .null)
        }
        try check(entityMetatype(type))
    }

    @Test(arguments: EntityType.allCases)
    func unknownCodesAreRefused(type: EntityType) {
        func check<E: CRMEntity>(_: E.Type) {
            for code: FieldCode in ["NOPE", "stage_id", "", "Title", "UFCRM_1"] {
                var entity = E()
                #expect(throws: ValidationError(.unknownField, field: code, "\(type) has no field \(code)")) {
                    try entity.setValue(.string("x"), forField: code)
                }
                #expect(entity == E())
                #expect(entity[field: code] == nil)
            }
        }
        check(entityMetatype(type))
    }

    // MARK: - Typed properties and generic access agree

    @Test func dealPropertiesAndFieldsAgree() throws {
        var deal = Deal()
        deal.title = "Website redesign"
        deal.stageID = "C3:WON"
        deal.categoryID = 3
        deal.opportunity = try decimal("10000.50")
        deal.probability = 40
        deal.contactIDs = [4, 9]
        deal.utm.source = "google"
        deal.beginDate = CalendarDate(year: 2026, month: 11, day: 30)
        deal.stageSemanticID = .success
        #expect(deal[field: "TITLE"] == .string("Website redesign"))
        #expect(deal[field: "STAGE_ID"] == .string("C3:WON"))
        #expect(deal[field: "stageId"] == .string("C3:WON"))
        #expect(deal[field: "CATEGORY_ID"] == .integer(3))
        #expect(deal[field: "OPPORTUNITY"] == .decimal(try decimal("10000.5")))
        #expect(deal[field: "PROBABILITY"] == .integer(40))
        #expect(deal[field: "CONTACT_IDS"] == .list([.integer(4), .integer(9)]))
        #expect(deal[field: "UTM_SOURCE"] == .string("google"))
        #expect(deal[field: "BEGINDATE"] == .date(try #require(CalendarDate(year: 2026, month: 11, day: 30))))
        #expect(deal[field: "STAGE_SEMANTIC_ID"] == .string("S"))
        #expect(deal[field: "COMPANY_ID"] == .null)
        #expect(deal[field: "OBSERVERS"] == .list([]))

        try deal.setValue(.string("PREPARATION"), forField: "STAGE_ID")
        try deal.setValue(.integer(0), forField: "categoryId")
        try deal.setValue(.integer(1200), forField: "OPPORTUNITY")
        try deal.setValue(.integer(12), forField: "COMPANY_ID")
        try deal.setValue(.list([.integer(1), .integer(2)]), forField: "observers")
        try deal.setValue(.string("F"), forField: "STAGE_SEMANTIC_ID")
        try deal.setValue(.null, forField: "TITLE")
        #expect(deal.stageID == "PREPARATION")
        #expect(deal.categoryID == 0)
        #expect(deal.opportunity == 1200)
        #expect(deal.companyID == 12)
        #expect(deal.observerIDs == [1, 2])
        #expect(deal.stageSemanticID == .failure)
        #expect(deal.title == nil)
    }

    @Test func nestedPropertiesAreReachedByCode() throws {
        var lead = Lead()
        try lead.setValue(.string("Roma"), forField: "ADDRESS_CITY")
        try lead.setValue(.string("Via del Corso 1"), forField: "address")
        try lead.setValue(.integer(77), forField: "ADDRESS_LOC_ADDR_ID")
        try lead.setValue(.string("cpc"), forField: "utmMedium")
        #expect(lead.address == Address(line1: "Via del Corso 1", city: "Roma", locationAddressID: 77))
        #expect(lead.utm == UTMParameters(medium: "cpc"))

        var company = Company()
        company.address.city = "Milano"
        company.registeredAddress.city = "Torino"
        #expect(company[field: "ADDRESS_CITY"] == .string("Milano"))
        #expect(company[field: "REG_ADDRESS_CITY"] == .string("Torino"))
        try company.setValue(.list([.multifield(Multifield(value: "info@rossi.it"))]), forField: "EMAIL")
        #expect(company.emails == [Multifield(value: "info@rossi.it")])
        try company.setValue(.multifield(Multifield(value: "+39 02 1")), forField: "PHONE")
        #expect(company.phones == [Multifield(value: "+39 02 1")])

        var invoice = Invoice()
        try invoice.setValue(.integer(17), forField: "PARENT_ID_2")
        try invoice.setValue(.integer(5), forField: "parentId7")
        #expect(invoice.dealID == 17)
        #expect(invoice.quoteID == 5)
        #expect(invoice[field: "ENTITY_TYPE_ID"] == .integer(31))

        var product = Product()
        try product.setValue(.decimal(try decimal("19.99")), forField: "PRICE")
        try product.setValue(.bool(true), forField: "VAT_INCLUDED")
        #expect(product.price == (try decimal("19.99")))
        #expect(product.isVATIncluded)

        var contact = Contact()
        try contact.setValue(.bool(false), forField: "EXPORT")
        #expect(contact.isIncludedInExport == false)
        try contact.setValue(.file(FileReference(id: 3)), forField: "PHOTO")
        #expect(contact.photo == FileReference(id: 3))

        var quote = Quote()
        try quote.setValue(.list([.integer(10), .integer(11)]), forField: "storageElementIds")
        #expect(quote.fileIDs == [10, 11])
    }

    @Test func refusedWritesLeaveTheItemUnchanged() throws {
        var deal = Deal()
        deal.stageID = "NEW"
        deal.probability = 10
        let before = deal
        #expect(throws: ValidationError(.typeMismatch, field: "STAGE_ID", "expected string key, got integer")) {
            try deal.setValue(.integer(3), forField: "stageId")
        }
        #expect(throws: ValidationError(.typeMismatch, field: "PROBABILITY", "expected integer, got decimal")) {
            try deal.setValue(.decimal(10), forField: "PROBABILITY")
        }
        #expect(throws: ValidationError(.typeMismatch, field: "OPENED", "expected boolean, got string")) {
            try deal.setValue(.string("Y"), forField: "OPENED")
        }
        #expect(throws: ValidationError(.typeMismatch, field: "CONTACT_IDS", "expected integer ID, got string")) {
            try deal.setValue(.list([.integer(1), .string("2")]), forField: "CONTACT_IDS")
        }
        #expect(throws: ValidationError(.typeMismatch, field: "CATEGORY_ID", "expected integer ID, got null")) {
            try deal.setValue(.null, forField: "CATEGORY_ID")
        }
        #expect(deal == before)
        let error = ValidationError(.typeMismatch, field: "OPENED", "expected boolean, got string")
        #expect(error.description == "invalid item: OPENED: expected boolean, got string")
        #expect(error.contains(.typeMismatch, field: "OPENED"))
        #expect(!error.contains(.required, field: "OPENED"))
    }
}
