@testable import CRMKit
import Testing

/// The positions each schema works out once for the save pipeline: system fields by key, field roles, links.
@Suite("Schema: positions of system fields and field roles")
struct SchemaPositionTests {
    /// A key's field by legacy code, or nil where the type has none.
    static func code(_ key: SystemFieldKey, in type: EntityType) -> FieldCode? {
        switch type {
        case .lead: SystemFields.code(key, in: Lead.self)
        case .deal: SystemFields.code(key, in: Deal.self)
        case .contact: SystemFields.code(key, in: Contact.self)
        case .company: SystemFields.code(key, in: Company.self)
        case .quote: SystemFields.code(key, in: Quote.self)
        case .invoice: SystemFields.code(key, in: Invoice.self)
        case .product: SystemFields.code(key, in: Product.self)
        }
    }

    @Test(
        "a system field key finds its field, through legacy codes for products and multifields",
        arguments: [
            (SystemFieldKey.createdTime, EntityType.deal, FieldCode?("DATE_CREATE")),
            (.updatedBy, .deal, "MODIFY_BY_ID"),
            (.categoryId, .deal, "CATEGORY_ID"),
            (.categoryId, .lead, nil),
            (.phone, .contact, "PHONE"),
            (.messenger, .lead, "IM"),
            (.hasImol, .company, "HAS_IMOL"),
            (.hasPhone, .deal, nil),
            (.dateClosed, .lead, "DATE_CLOSED"),
            (.dateClosed, .deal, nil),
            (.createdTime, .product, "DATE_CREATE"),
            (.updatedTime, .product, "TIMESTAMP_X"),
            (.title, .product, "NAME"),
            (.assignedById, .product, nil),
            (.observers, .deal, "OBSERVERS"),
            (.opened, .company, "OPENED"),
        ])
    func systemFieldKey(key: SystemFieldKey, type: EntityType, expected: FieldCode?) {
        #expect(Self.code(key, in: type) == expected)
    }

    @Test("field roles follow the descriptors: required, stage, reference books, currency, pipeline, multifields")
    func dealRoles() throws {
        let schema = Deal.schema
        func roles(_ code: FieldCode) throws -> FieldRole { schema.roles[try #require(schema.index(of: code))] }
        #expect(try roles("STAGE_ID") == [.stage])
        #expect(try roles("TYPE_ID") == [.status, .statusDefault])
        #expect(try roles("CURRENCY_ID") == [.currency])
        #expect(try roles("CATEGORY_ID") == [.immutable, .category])
        #expect(try roles("PROBABILITY") == [.probability])
        #expect(try roles("DATE_CREATE") == [.readOnly])
        #expect(schema.links.map { schema.fields[$0.index].code } == ["COMPANY_ID", "CONTACT_ID", "CONTACT_IDS", "QUOTE_ID", "LEAD_ID"])
        #expect(schema.links.map(\.entityType) == [.company, .contact, .contact, .quote, .lead])
        #expect(schema.roles.indices.filter { schema.roles[$0].contains(.required) }.map { schema.fields[$0].code } == [])
    }
}
