public import Foundation

/// A company: a client, supplier or partner organisation (`crm.company.*`, entityTypeId 4).
///
/// Every system field of Bitrix24's field list is a typed property; `schema` binds each to its REST
/// code and `crm.item` key. See ``CRMEntity`` for reading and writing fields by code.
public struct Company: CRMEntity {
    public static var entityType: EntityType { .company }

    /// ID (`ID`).
    public var id: ItemID<Company> = .unassigned
    /// Company Name (`TITLE`).
    public var title: String?
    /// Company Type (`COMPANY_TYPE`).
    public var typeID: StatusID?
    /// Logo (`LOGO`).
    public var logo: FileReference?
    /// Legal Address (`ADDRESS_LEGAL`).
    public var addressLegal: String?
    /// Banking Details (`BANKING_DETAILS`).
    public var bankingDetails: String?
    /// Industry (`INDUSTRY`).
    public var industry: StatusID?
    /// Number of Employees (`EMPLOYEES`).
    public var employees: StatusID?
    /// Currency (`CURRENCY_ID`).
    public var currencyID: CurrencyCode?
    /// Annual Revenue (`REVENUE`).
    public var revenue: Decimal?
    /// Available to Everyone (`OPENED`).
    public var isOpened: Bool?
    /// Comment (`COMMENTS`).
    public var comments: String?
    /// Phone Set (`HAS_PHONE`).
    public var hasPhone: Bool = false
    /// E-mail Set (`HAS_EMAIL`).
    public var hasEmail: Bool = false
    /// Open Line Set (`HAS_IMOL`).
    public var hasOpenLine: Bool = false
    /// My Company (`IS_MY_COMPANY`).
    public var isMyCompany: Bool = false
    /// Responsible Person (`ASSIGNED_BY_ID`).
    public var assignedByID: UserID?
    /// Created By (`CREATED_BY_ID`).
    public var createdBy: UserID?
    /// Modified By (`MODIFY_BY_ID`).
    public var updatedBy: UserID?
    /// Creation Date (`DATE_CREATE`).
    public var createdTime: Timestamp?
    /// Modification Date (`DATE_MODIFY`).
    public var updatedTime: Timestamp?
    /// Contact (`CONTACT_ID`).
    public var contactIDs: [ItemID<Contact>] = []
    /// Lead (`LEAD_ID`).
    public var leadID: ItemID<Lead>?
    /// External Source (`ORIGINATOR_ID`).
    public var originatorID: String?
    /// Identifier in External Source (`ORIGIN_ID`).
    public var originID: String?
    /// Original Version (`ORIGIN_VERSION`).
    public var originVersion: String?
    /// Last Activity Time (`LAST_ACTIVITY_TIME`).
    public var lastActivityTime: Timestamp?
    /// Last Activity Author (`LAST_ACTIVITY_BY`).
    public var lastActivityBy: UserID?
    /// Last Communication Date (`LAST_COMMUNICATION_TIME`).
    public var lastCommunicationTime: String?
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
    /// The physical address (`ADDRESS_*` fields).
    public var address: Address = Address()
    /// The legal address (`REG_ADDRESS_*` fields).
    public var registeredAddress: Address = Address()
    /// The campaign that brought the company (`UTM_*`).
    public var utm: UTMParameters = UTMParameters()
    /// The company details: legal name, Partita IVA and codice fiscale, addresses, bank accounts.
    public var requisites: [Requisite] = []
    /// User field values by code (`UF_CRM_*`).
    public var customFields: [FieldCode: FieldValue] = [:]

    /// An empty company.
    public init() {}
}
