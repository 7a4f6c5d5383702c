extension EntityType {
    /// The system fields of the entity type, from its Swift type's schema.
    ///
    /// ```swift
    /// EntityType.deal.fields.map(\.code)  // ["ID", "TITLE", "TYPE_ID", ...]
    /// ```
    public var fields: [FieldDescriptor] {
        switch self {
        case .lead: Lead.schema.fields
        case .deal: Deal.schema.fields
        case .contact: Contact.schema.fields
        case .company: Company.schema.fields
        case .quote: Quote.schema.fields
        case .invoice: Invoice.schema.fields
        case .product: Product.schema.fields
        }
    }

    /// The descriptor of a system field by legacy code or `crm.item` key; nil for an unknown or user field.
    ///
    /// ```swift
    /// EntityType.deal.field("stageId")?.code  // "STAGE_ID"
    /// ```
    public func field(_ code: FieldCode) -> FieldDescriptor? {
        switch self {
        case .lead: Lead.schema[code]
        case .deal: Deal.schema[code]
        case .contact: Contact.schema[code]
        case .company: Company.schema[code]
        case .quote: Quote.schema[code]
        case .invoice: Invoice.schema[code]
        case .product: Product.schema[code]
        }
    }

    /// The field metadata in Bitrix24's REST shape; see ``EntitySchema/restFields(dialect:language:customFields:)``.
    public func restFields(
        dialect: RESTDialect = .legacy, language: Language = .english, customFields: [CustomFieldDefinition] = []
    ) -> JSONValue {
        switch self {
        case .lead: Lead.schema.restFields(dialect: dialect, language: language, customFields: customFields)
        case .deal: Deal.schema.restFields(dialect: dialect, language: language, customFields: customFields)
        case .contact: Contact.schema.restFields(dialect: dialect, language: language, customFields: customFields)
        case .company: Company.schema.restFields(dialect: dialect, language: language, customFields: customFields)
        case .quote: Quote.schema.restFields(dialect: dialect, language: language, customFields: customFields)
        case .invoice: Invoice.schema.restFields(dialect: dialect, language: language, customFields: customFields)
        case .product: Product.schema.restFields(dialect: dialect, language: language, customFields: customFields)
        }
    }
}
