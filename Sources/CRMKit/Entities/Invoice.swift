public import Foundation

/// A smart invoice (`crm.item.*` with entityTypeId 31).
///
/// Every system field of Bitrix24's field list is a typed property; `schema` binds each to its REST
/// code and `crm.item` key. See ``CRMEntity`` for reading and writing fields by code.
public struct Invoice: CRMEntity {
    public static var entityType: EntityType { .invoice }

    /// ID (`ID`).
    public var id: ItemID<Invoice> = .unassigned
    /// Name (`TITLE`).
    public var title: String?
    /// External code (`XML_ID`).
    public var xmlID: String?
    /// Created at (`CREATED_TIME`).
    public var createdTime: Timestamp?
    /// Updated at (`UPDATED_TIME`).
    public var updatedTime: Timestamp?
    /// Created by (`CREATED_BY`).
    public var createdBy: UserID?
    /// Updated by (`UPDATED_BY`).
    public var updatedBy: UserID?
    /// Assigned to (`ASSIGNED_BY_ID`).
    public var assignedByID: UserID?
    /// Publicly available (`OPENED`).
    public var isOpened: Bool?
    /// Created by CRM form (`WEBFORM_ID`).
    public var webFormID: Int64?
    /// Start date (`BEGINDATE`).
    public var beginDate: CalendarDate?
    /// End date (`CLOSEDATE`).
    public var closeDate: CalendarDate?
    /// Company (`COMPANY_ID`).
    public var companyID: ItemID<Company>?
    /// Contact (`CONTACT_ID`).
    public var contactID: ItemID<Contact>?
    /// CONTACT_IDS (`CONTACT_IDS`).
    public var contactIDs: [ItemID<Contact>] = []
    /// Observers (`OBSERVERS`).
    public var observerIDs: [UserID] = []
    /// Pipeline (`CATEGORY_ID`).
    public var categoryID: CategoryID?
    /// Moved at (`MOVED_TIME`).
    public var movedTime: Timestamp?
    /// Moved by (`MOVED_BY`).
    public var movedBy: UserID?
    /// Stage (`STAGE_ID`).
    public var stageID: StatusID?
    /// Previous stage (`PREVIOUS_STAGE_ID`).
    public var previousStageID: StatusID?
    /// Source (`SOURCE_ID`).
    public var sourceID: StatusID?
    /// Additional source info (`SOURCE_DESCRIPTION`).
    public var sourceDescription: String?
    /// Currency (`CURRENCY_ID`).
    public var currencyID: CurrencyCode?
    /// Amount calculation mode (`IS_MANUAL_OPPORTUNITY`).
    public var isManualOpportunity: Bool = false
    /// Amount (`OPPORTUNITY`).
    public var opportunity: Decimal?
    /// Tax amount (`TAX_VALUE`).
    public var taxValue: Decimal?
    /// Your company details (`MYCOMPANY_ID`).
    public var myCompanyID: ItemID<Company>?
    /// Last activity in timeline by (`LAST_ACTIVITY_BY`).
    public var lastActivityBy: UserID?
    /// Last activity (`LAST_ACTIVITY_TIME`).
    public var lastActivityTime: Timestamp?
    /// Deal (`PARENT_ID_2`).
    public var dealID: ItemID<Deal>?
    /// Identifier of the entity type (`ENTITY_TYPE_ID`).
    public var entityTypeID: Int64 = 31
    /// Comment (`COMMENTS`).
    public var comments: String?
    /// Invoice number (`ACCOUNT_NUMBER`).
    public var accountNumber: String?
    /// Identifier of the location (`LOCATION_ID`).
    public var locationID: String?
    /// Estimate (`PARENT_ID_7`).
    public var quoteID: ItemID<Quote>?
    /// The campaign that brought the invoice (`UTM_*`).
    public var utm: UTMParameters = UTMParameters()
    /// The products invoiced.
    public var productRows: [ProductRow] = []
    /// User field values by code (`UF_CRM_*`).
    public var customFields: [FieldCode: FieldValue] = [:]

    /// An empty invoice.
    public init() {}
}
