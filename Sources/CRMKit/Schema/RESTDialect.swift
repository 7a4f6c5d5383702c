/// The two JSON dialects of Bitrix24's CRM REST API.
public enum RESTDialect: String, Hashable, Sendable, Codable, CaseIterable {
    /// `crm.deal.*`, `crm.lead.*`, ...: UPPER_CASE codes, `"Y"`/`"N"`.
    case legacy
    /// `crm.item.*`: camelCase keys, booleans.
    case item
}
