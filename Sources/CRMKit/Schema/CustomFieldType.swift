/// The type of a user (`UF_CRM_*`) field, by its Bitrix24 `USER_TYPE_ID`.
public enum CustomFieldType: String, Hashable, Sendable, Codable, CaseIterable {
    /// Text.
    case string
    /// A whole number.
    case integer
    /// A decimal number.
    case double
    /// Yes or no.
    case boolean
    /// A date.
    case date
    /// A date and time.
    case datetime
    /// One (or several) of the definition's list items, by item ID.
    case enumeration
    /// An amount with its currency.
    case money
    /// A web address (`http://` or `https://`).
    case url
    /// A postal address, as text.
    case address
    /// A portal user.
    case employee
    /// A link to CRM items (`"D_12"`, `"CO_3"`, or a bare ID when one entity type is allowed).
    case crm
    /// A file.
    case file

    /// The REST type name in `crm.*.fields`.
    public var fieldType: FieldType { FieldType(rawValue: rawValue) }
}
