public import Foundation

/// A lead: a potential client not yet qualified (`crm.lead.*`, entityTypeId 1).
///
/// Every system field of Bitrix24's field list is a typed property; `schema` binds each to its REST
/// code and `crm.item` key. See ``CRMEntity`` for reading and writing fields by code.
public struct Lead: CRMEntity {
    public static var entityType: EntityType { .lead }

    /// ID (`ID`).
    public var id: ItemID<Lead> = .unassigned
    /// Lead Title (`TITLE`).
    public var title: String?
    /// Salutation (`HONORIFIC`).
    public var honorific: StatusID?
    /// First Name (`NAME`).
    public var name: String?
    /// Middle Name (`SECOND_NAME`).
    public var secondName: String?
    /// Last Name (`LAST_NAME`).
    public var lastName: String?
    /// Birthdate (`BIRTHDATE`).
    public var birthDate: CalendarDate?
    /// Company Name (`COMPANY_TITLE`).
    public var companyTitle: String?
    /// Source (`SOURCE_ID`).
    public var sourceID: StatusID?
    /// Source Description (`SOURCE_DESCRIPTION`).
    public var sourceDescription: String?
    /// Stage (`STATUS_ID`).
    public var stageID: StatusID?
    /// Stage Description (`STATUS_DESCRIPTION`).
    public var stageDescription: String?
    /// Status Semantic (`STATUS_SEMANTIC_ID`).
    public var stageSemanticID: StageSemantics?
    /// Position (`POST`).
    public var position: String?
    /// Currency (`CURRENCY_ID`).
    public var currencyID: CurrencyCode?
    /// Amount (`OPPORTUNITY`).
    public var opportunity: Decimal?
    /// IS_MANUAL_OPPORTUNITY (`IS_MANUAL_OPPORTUNITY`).
    public var isManualOpportunity: Bool = false
    /// Available to All (`OPENED`).
    public var isOpened: Bool?
    /// Comments (`COMMENTS`).
    public var comments: String?
    /// Phone Provided (`HAS_PHONE`).
    public var hasPhone: Bool = false
    /// Email Provided (`HAS_EMAIL`).
    public var hasEmail: Bool = false
    /// Open Line Assigned (`HAS_IMOL`).
    public var hasOpenLine: Bool = false
    /// Responsible User (`ASSIGNED_BY_ID`).
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
    /// Company (`COMPANY_ID`).
    public var companyID: ItemID<Company>?
    /// Contact (`CONTACT_ID`).
    public var contactID: ItemID<Contact>?
    /// CONTACT_IDS (`CONTACT_IDS`).
    public var contactIDs: [ItemID<Contact>] = []
    /// Returning Lead (`IS_RETURN_CUSTOMER`).
    public var isReturnCustomer: Bool = false
    /// Closing Date (`DATE_CLOSED`).
    public var dateClosed: Timestamp?
    /// External Source (`ORIGINATOR_ID`).
    public var originatorID: String?
    /// Identifier in External Source (`ORIGIN_ID`).
    public var originID: String?
    /// LAST_ACTIVITY_TIME (`LAST_ACTIVITY_TIME`).
    public var lastActivityTime: Timestamp?
    /// LAST_ACTIVITY_BY (`LAST_ACTIVITY_BY`).
    public var lastActivityBy: UserID?
    /// Phone (`PHONE`).
    public var phones: [Multifield] = []
    /// E-mail (`EMAIL`).
    public var emails: [Multifield] = []
    /// Website (`WEB`).
    public var websites: [Multifield] = []
    /// Messenger (`IM`).
    public var messengers: [Multifield] = []
    /// LINK (`LINK`).
    public var links: [Multifield] = []
    /// Observers (`OBSERVERS`).
    public var observerIDs: [UserID] = []
    /// The address (`ADDRESS_*` fields).
    public var address: Address = Address()
    /// The campaign that brought the lead (`UTM_*`).
    public var utm: UTMParameters = UTMParameters()
    /// The products the client is interested in.
    public var productRows: [ProductRow] = []
    /// User field values by code (`UF_CRM_*`).
    public var customFields: [FieldCode: FieldValue] = [:]

    /// An empty lead.
    public init() {}
}
