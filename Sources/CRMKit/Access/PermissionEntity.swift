/// What a permission row is about: `LEAD`, `DEAL` (pipeline 0), `DEAL_C3`, `CONTACT`, `COMPANY`, `QUOTE`,
/// `SMART_INVOICE_C1`, or `CONFIG` (CRM settings).
///
/// ```swift
/// PermissionEntity(.deal, pipeline: 3)   // "DEAL_C3"
/// ```
public struct PermissionEntity: StringIdentifier {
    /// Bitrix24's name.
    public var rawValue: String
    /// Wraps a name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// CRM settings: reference books, pipelines, user fields, automation.
    public static let config: PermissionEntity = "CONFIG"

    /// The permission entity of items of a type in a pipeline.
    public init(_ entityType: EntityType, pipeline: CategoryID? = nil) {
        switch entityType {
        case .lead: rawValue = "LEAD"
        case .deal:
            let id = pipeline?.rawValue ?? 0
            rawValue = id == 0 ? "DEAL" : "DEAL_C\(id)"
        case .contact: rawValue = "CONTACT"
        case .company: rawValue = "COMPANY"
        case .quote: rawValue = "QUOTE"
        case .invoice: rawValue = "SMART_INVOICE_C\(pipeline?.rawValue ?? 0)"
        case .product: rawValue = "CATALOG"
        }
    }

    /// The entity type and pipeline this names, or nil for `CONFIG` and unknown names.
    public var subject: (entityType: EntityType, pipeline: CategoryID?)? {
        switch rawValue {
        case "LEAD": return (.lead, nil)
        case "DEAL": return (.deal, 0)
        case "CONTACT": return (.contact, nil)
        case "COMPANY": return (.company, nil)
        case "QUOTE": return (.quote, nil)
        case "CATALOG": return (.product, nil)
        default:
            if rawValue.hasPrefix("DEAL_C"), let id = Int64(rawValue.dropFirst(6)) { return (.deal, CategoryID(id)) }
            if rawValue.hasPrefix("SMART_INVOICE_C"), let id = Int64(rawValue.dropFirst(15)) { return (.invoice, CategoryID(id)) }
            return nil
        }
    }
}
