/// A contact: a person the business deals with (`crm.contact.*`, entityTypeId 3).
///
/// Every system field of Bitrix24's field list is a typed property; `schema` binds each to its REST
/// code and `crm.item` key. See ``CRMEntity`` for reading and writing fields by code.
public struct Contact: CRMEntity {
    public static var entityType: EntityType { .contact }

    /// ID (`ID`).
    public var id: ItemID<Contact> = .unassigned
    /// Salutation (`HONORIFIC`).
    public var honorific: StatusID?
    /// First Name (`NAME`).
    public var name: String?
    /// Middle Name (`SECOND_NAME`).
    public var secondName: String?
    /// Last Name (`LAST_NAME`).
    public var lastName: String?
    /// Photo (`PHOTO`).
    public var photo: FileReference?
    /// Birthdate (`BIRTHDATE`).
    public var birthDate: CalendarDate?
    /// Contact Type (`TYPE_ID`).
    public var typeID: StatusID?
    /// Source (`SOURCE_ID`).
    public var sourceID: StatusID?
    /// Additional Source Information (`SOURCE_DESCRIPTION`).
    public var sourceDescription: String?
    /// Position (`POST`).
    public var position: String?
    /// Comment (`COMMENTS`).
    public var comments: String?
    /// Available to All (`OPENED`).
    public var isOpened: Bool?
    /// Participates in Contact Export (`EXPORT`).
    public var isIncludedInExport: Bool = true
    /// Phone Set (`HAS_PHONE`).
    public var hasPhone: Bool = false
    /// E-mail Set (`HAS_EMAIL`).
    public var hasEmail: Bool = false
    /// Open Line Set (`HAS_IMOL`).
    public var hasOpenLine: Bool = false
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
    /// Company (`COMPANY_ID`).
    public var companyID: ItemID<Company>?
    /// COMPANY_IDS (`COMPANY_IDS`).
    public var companyIDs: [ItemID<Company>] = []
    /// Lead (`LEAD_ID`).
    public var leadID: ItemID<Lead>?
    /// External Source (`ORIGINATOR_ID`).
    public var originatorID: String?
    /// Identifier in External Source (`ORIGIN_ID`).
    public var originID: String?
    /// Original Version (`ORIGIN_VERSION`).
    public var originVersion: String?
    /// Last Activity (`LAST_ACTIVITY_TIME`).
    public var lastActivityTime: Timestamp?
    /// Last Activity By (`LAST_ACTIVITY_BY`).
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
    /// The campaign that brought the contact (`UTM_*`).
    public var utm: UTMParameters = UTMParameters()
    /// The contact's details: tax IDs, addresses, bank accounts.
    public var requisites: [Requisite] = []
    /// User field values by code (`UF_CRM_*`).
    public var customFields: [FieldCode: FieldValue] = [:]

    /// An empty contact.
    public init() {}
}
