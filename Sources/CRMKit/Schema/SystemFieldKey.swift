/// The system fields the save pipeline maintains, by `crm.item` key (the case name). Each schema resolves
/// them to positions once; products, which have no `crm.item` keys, through their legacy codes.
enum SystemFieldKey: Int, CaseIterable, Sendable {
    case createdTime, updatedTime, createdBy, updatedBy, title, assignedById, categoryId, movedTime, movedBy
    case begindate, closedate, opened, currencyId, lastActivityTime, lastActivityBy, quoteNumber, accountNumber
    case probability, previousStageId, stageSemanticId, closed, isNew, isManualOpportunity, opportunity, taxValue
    case hasPhone, hasEmail, hasImol, phone, email, messenger, dateClosed, observers

    /// The `crm.item` key.
    var itemKey: String { String(describing: self) }

    /// The legacy code that finds the field first (multifields have no `crm.item` key).
    var legacyCode: FieldCode? {
        switch self {
        case .hasPhone: "HAS_PHONE"
        case .hasEmail: "HAS_EMAIL"
        case .hasImol: "HAS_IMOL"
        case .phone: "PHONE"
        case .email: "EMAIL"
        case .messenger: "IM"
        case .dateClosed: "DATE_CLOSED"
        default: nil
        }
    }

    /// The legacy code of the field in a product, which has no `crm.item` keys.
    var productCode: FieldCode? {
        switch self {
        case .createdTime: "DATE_CREATE"
        case .updatedTime: "TIMESTAMP_X"
        case .createdBy: "CREATED_BY"
        case .updatedBy: "MODIFIED_BY"
        case .title: "NAME"
        default: nil
        }
    }
}
