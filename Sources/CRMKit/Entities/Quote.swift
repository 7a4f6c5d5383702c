public import Foundation

/// A quote ("estimate", preventivo): an offer sent to a client (`crm.quote.*`, entityTypeId 7).
///
/// Every system field of Bitrix24's field list is a typed property; `schema` binds each to its REST
/// code and `crm.item` key. See ``CRMEntity`` for reading and writing fields by code.
public struct Quote: CRMEntity {
    public static var entityType: EntityType { .quote }

    /// ID (`ID`).
    public var id: ItemID<Quote> = .unassigned
    /// Estimate Number (`QUOTE_NUMBER`).
    public var quoteNumber: String?
    /// Subject (`TITLE`).
    public var title: String?
    /// Estimate Stage (`STATUS_ID`).
    public var stageID: StatusID?
    /// Currency (`CURRENCY_ID`).
    public var currencyID: CurrencyCode?
    /// Amount (`OPPORTUNITY`).
    public var opportunity: Decimal?
    /// Tax Rate (`TAX_VALUE`).
    public var taxValue: Decimal?
    /// Company (`COMPANY_ID`).
    public var companyID: ItemID<Company>?
    /// Your Company Details (`MYCOMPANY_ID`).
    public var myCompanyID: ItemID<Company>?
    /// Contact (`CONTACT_ID`).
    public var contactID: ItemID<Contact>?
    /// CONTACT_IDS (`CONTACT_IDS`).
    public var contactIDs: [ItemID<Contact>] = []
    /// Issue Date (`BEGINDATE`).
    public var beginDate: CalendarDate?
    /// Deadline (`CLOSEDATE`).
    public var closeDate: CalendarDate?
    /// ACTUAL_DATE (`ACTUAL_DATE`).
    public var actualDate: CalendarDate?
    /// Available to Everyone (`OPENED`).
    public var isOpened: Bool?
    /// Closed (`CLOSED`).
    public var isClosed: Bool = false
    /// Comment (`COMMENTS`).
    public var comments: String?
    /// Content (`CONTENT`).
    public var content: String?
    /// Terms (`TERMS`).
    public var terms: String?
    /// Client (`CLIENT_TITLE`).
    public var clientTitle: String?
    /// Address (`CLIENT_ADDR`).
    public var clientAddress: String?
    /// Contact Person (`CLIENT_CONTACT`).
    public var clientContact: String?
    /// E-mail (`CLIENT_EMAIL`).
    public var clientEmail: String?
    /// Phone (`CLIENT_PHONE`).
    public var clientPhone: String?
    /// Tax ID (`CLIENT_TP_ID`).
    public var clientTaxID: String?
    /// KPP (`CLIENT_TPA_ID`).
    public var clientTaxRegistrationReason: String?
    /// Responsible (`ASSIGNED_BY_ID`).
    public var assignedByID: UserID?
    /// Created By (`CREATED_BY_ID`).
    public var createdBy: UserID?
    /// Modified By (`MODIFY_BY_ID`).
    public var updatedBy: UserID?
    /// Creation Date (`DATE_CREATE`).
    public var createdTime: Timestamp?
    /// Modification Date (`DATE_MODIFY`).
    public var updatedTime: Timestamp?
    /// Lead (`LEAD_ID`).
    public var leadID: ItemID<Lead>?
    /// Deal (`DEAL_ID`).
    public var dealID: ItemID<Deal>?
    /// Client Type (`PERSON_TYPE_ID`).
    public var personTypeID: Int64?
    /// Location (`LOCATION_ID`).
    public var locationID: String?
    /// LAST_ACTIVITY_TIME (`LAST_ACTIVITY_TIME`).
    public var lastActivityTime: Timestamp?
    /// LAST_ACTIVITY_BY (`LAST_ACTIVITY_BY`).
    public var lastActivityBy: UserID?
    /// LAST_COMMUNICATION_TIME (`LAST_COMMUNICATION_TIME`).
    public var lastCommunicationTime: String?
    /// Files (`STORAGE_ELEMENT_IDS`).
    public var fileIDs: [Int64] = []
    /// The campaign that brought the quote (`UTM_*`).
    public var utm: UTMParameters = UTMParameters()
    /// The products offered.
    public var productRows: [ProductRow] = []
    /// User field values by code (`UF_CRM_*`).
    public var customFields: [FieldCode: FieldValue] = [:]

    /// An empty quote.
    public init() {}
}
