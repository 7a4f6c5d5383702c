public import Foundation

/// A deal: a sale in progress through a pipeline (`crm.deal.*`, entityTypeId 2).
///
/// Every system field of Bitrix24's field list is a typed property; `schema` binds each to its REST
/// code and `crm.item` key. See ``CRMEntity`` for reading and writing fields by code.
public struct Deal: CRMEntity {
    public static var entityType: EntityType { .deal }

    /// ID (`ID`).
    public var id: ItemID<Deal> = .unassigned
    /// Title (`TITLE`).
    public var title: String?
    /// Type (`TYPE_ID`).
    public var typeID: StatusID?
    /// Sales Funnel (`CATEGORY_ID`).
    public var categoryID: CategoryID = 0
    /// Deal Stage (`STAGE_ID`).
    public var stageID: StatusID?
    /// Stage Group (`STAGE_SEMANTIC_ID`).
    public var stageSemanticID: StageSemantics?
    /// New Deal (`IS_NEW`).
    public var isNew: Bool = false
    /// Recurring Deal (`IS_RECURRING`).
    public var isRecurring: Bool = false
    /// Repeat Deal (`IS_RETURN_CUSTOMER`).
    public var isReturnCustomer: Bool = false
    /// Repeated Approach (`IS_REPEATED_APPROACH`).
    public var isRepeatedApproach: Bool = false
    /// Probability (`PROBABILITY`).
    public var probability: Int?
    /// Currency (`CURRENCY_ID`).
    public var currencyID: CurrencyCode?
    /// Amount (`OPPORTUNITY`).
    public var opportunity: Decimal?
    /// IS_MANUAL_OPPORTUNITY (`IS_MANUAL_OPPORTUNITY`).
    public var isManualOpportunity: Bool = false
    /// Tax Rate (`TAX_VALUE`).
    public var taxValue: Decimal?
    /// Company (`COMPANY_ID`).
    public var companyID: ItemID<Company>?
    /// Contact (`CONTACT_ID`).
    public var contactID: ItemID<Contact>?
    /// Contacts (`CONTACT_IDS`).
    public var contactIDs: [ItemID<Contact>] = []
    /// Estimate (`QUOTE_ID`).
    public var quoteID: ItemID<Quote>?
    /// Start Date (`BEGINDATE`).
    public var beginDate: CalendarDate?
    /// Close Date (`CLOSEDATE`).
    public var closeDate: CalendarDate?
    /// Available to All (`OPENED`).
    public var isOpened: Bool?
    /// Closed (`CLOSED`).
    public var isClosed: Bool = false
    /// Comment (`COMMENTS`).
    public var comments: String?
    /// Responsible (`ASSIGNED_BY_ID`).
    public var assignedByID: UserID?
    /// Created By (`CREATED_BY_ID`).
    public var createdBy: UserID?
    /// Modified By (`MODIFY_BY_ID`).
    public var updatedBy: UserID?
    /// MOVED_BY_ID (`MOVED_BY_ID`).
    public var movedBy: UserID?
    /// Creation Date (`DATE_CREATE`).
    public var createdTime: Timestamp?
    /// Modification Date (`DATE_MODIFY`).
    public var updatedTime: Timestamp?
    /// MOVED_TIME (`MOVED_TIME`).
    public var movedTime: Timestamp?
    /// Source (`SOURCE_ID`).
    public var sourceID: StatusID?
    /// Additional Info about Source (`SOURCE_DESCRIPTION`).
    public var sourceDescription: String?
    /// Lead (`LEAD_ID`).
    public var leadID: ItemID<Lead>?
    /// Additional Information (`ADDITIONAL_INFO`).
    public var additionalInfo: String?
    /// Location (`LOCATION_ID`).
    public var locationID: String?
    /// External Source (`ORIGINATOR_ID`).
    public var originatorID: String?
    /// Identifier in External Source (`ORIGIN_ID`).
    public var originID: String?
    /// LAST_ACTIVITY_TIME (`LAST_ACTIVITY_TIME`).
    public var lastActivityTime: Timestamp?
    /// LAST_ACTIVITY_BY (`LAST_ACTIVITY_BY`).
    public var lastActivityBy: UserID?
    /// Observers (`OBSERVERS`).
    public var observerIDs: [UserID] = []
    /// The campaign that brought the deal (`UTM_*`).
    public var utm: UTMParameters = UTMParameters()
    /// The products sold; their total is the amount unless `isManualOpportunity`.
    public var productRows: [ProductRow] = []
    /// User field values by code (`UF_CRM_*`).
    public var customFields: [FieldCode: FieldValue] = [:]

    /// An empty deal.
    public init() {}
}
