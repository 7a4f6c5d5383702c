/// A field's type, by the name Bitrix24's REST API gives it in `crm.*.fields` (`"crm_status"`, `"double"`).
///
/// Open-ended: the constants below are the names the docs use; any other name can be made with
/// ``init(rawValue:)``.
///
/// ```swift
/// Deal.schema["STAGE_ID"]?.type == .crmStatus  // true
/// ```
public struct FieldType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The REST type name.
    public var rawValue: String
    /// Wraps a REST type name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Text.
    public static let string = FieldType(rawValue: "string")
    /// Long text (the `crm.item` name for comments and descriptions).
    public static let text = FieldType(rawValue: "text")
    /// A whole number.
    public static let integer = FieldType(rawValue: "integer")
    /// A decimal number (amounts, rates).
    public static let double = FieldType(rawValue: "double")
    /// `Y`/`N` in the legacy dialect.
    public static let char = FieldType(rawValue: "char")
    /// `true`/`false` in the `crm.item` dialect, `Y`/`N` for user fields.
    public static let boolean = FieldType(rawValue: "boolean")
    /// A date without time.
    public static let date = FieldType(rawValue: "date")
    /// A date and time with offset.
    public static let datetime = FieldType(rawValue: "datetime")
    /// An entry of a reference book named by the field's `statusType`.
    public static let crmStatus = FieldType(rawValue: "crm_status")
    /// A currency code.
    public static let crmCurrency = FieldType(rawValue: "crm_currency")
    /// A pipeline (category) ID.
    public static let crmCategory = FieldType(rawValue: "crm_category")
    /// A portal user ID.
    public static let user = FieldType(rawValue: "user")
    /// A list item of a user field.
    public static let enumeration = FieldType(rawValue: "enumeration")
    /// Phone, e-mail, website, messenger lists.
    public static let crmMultifield = FieldType(rawValue: "crm_multifield")
    /// A link to a lead.
    public static let crmLead = FieldType(rawValue: "crm_lead")
    /// A link to a contact.
    public static let crmContact = FieldType(rawValue: "crm_contact")
    /// A link to a company.
    public static let crmCompany = FieldType(rawValue: "crm_company")
    /// A link to a deal.
    public static let crmDeal = FieldType(rawValue: "crm_deal")
    /// A link to a quote (estimate).
    public static let crmQuote = FieldType(rawValue: "crm_quote")
    /// A link to an item of another entity type (`parentId<n>` fields).
    public static let crmEntity = FieldType(rawValue: "crm_entity")
    /// A user field linking CRM items (`crm`).
    public static let crm = FieldType(rawValue: "crm")
    /// A file.
    public static let file = FieldType(rawValue: "file")
    /// A product picture.
    public static let productFile = FieldType(rawValue: "product_file")
    /// A location ID.
    public static let location = FieldType(rawValue: "location")
    /// A URL user field.
    public static let url = FieldType(rawValue: "url")
    /// A money user field (`"100.50|EUR"`).
    public static let money = FieldType(rawValue: "money")
    /// An address user field.
    public static let address = FieldType(rawValue: "address")
    /// An employee user field.
    public static let employee = FieldType(rawValue: "employee")
    /// Product rows (`crm.item.productrow`).
    public static let productRow = FieldType(rawValue: "product_row")
}
