/// Everything CRMKit knows about one field: its codes in both REST dialects, type, flags, reference book
/// and titles. Validation, the codecs, filtering, sorting and the metadata output all read it.
///
/// ```swift
/// let stage = Deal.schema["STAGE_ID"]!
/// stage.itemKey          // "stageId"
/// stage.type             // .crmStatus
/// stage.statusType       // "DEAL_STAGE"
/// stage.title.text(in: .italian)  // "Fase"
/// ```
public struct FieldDescriptor: Hashable, Sendable, Codable {
    /// The legacy REST code (`STAGE_ID`), also the `upperName` in the `crm.item` dialect.
    public var code: FieldCode
    /// The `crm.item` key (`stageId`), or nil when the field has none.
    public var itemKey: String?
    /// The type in the legacy dialect.
    public var type: FieldType
    /// The type in the `crm.item` dialect where it differs (`char` fields are `boolean` there).
    public var itemType: FieldType?
    /// Required, read-only, immutable, multiple, dynamic, deprecated.
    public var flags: FieldFlags
    /// The reference book of a `crm_status` field (`DEAL_STAGE`, `SOURCE`).
    public var statusType: String?
    /// The `entityTypeId` a link field points to (`settings.parentEntityTypeId`).
    public var parentEntityTypeID: Int?
    /// The title in English and, where the help article names the field, Italian.
    public var title: LocalizedText
    /// Whether the legacy `crm.<entity>.fields` lists it (false for `crm.item`-only fields such as observers,
    /// and for fields only the help article names).
    public var isLegacy: Bool

    /// Makes a descriptor.
    public init(
        code: FieldCode, itemKey: String? = nil, type: FieldType, itemType: FieldType? = nil, flags: FieldFlags = [],
        statusType: String? = nil, parentEntityTypeID: Int? = nil, title: LocalizedText, isLegacy: Bool = true
    ) {
        self.code = code
        self.itemKey = itemKey
        self.type = type
        self.itemType = itemType
        self.flags = flags
        self.statusType = statusType
        self.parentEntityTypeID = parentEntityTypeID
        self.title = title
        self.isLegacy = isLegacy
    }

    /// `isRequired`.
    public var isRequired: Bool { flags.contains(.required) }
    /// `isReadOnly`.
    public var isReadOnly: Bool { flags.contains(.readOnly) }
    /// `isImmutable`.
    public var isImmutable: Bool { flags.contains(.immutable) }
    /// `isMultiple`.
    public var isMultiple: Bool { flags.contains(.multiple) }
    /// `isDynamic`: a user field.
    public var isDynamic: Bool { flags.contains(.dynamic) }
    /// `isDeprecated`.
    public var isDeprecated: Bool { flags.contains(.deprecated) }

    /// The entity type a link field points to (`crm_company`, `crm_entity` with its parent type, ...), or nil.
    var linkedEntityType: EntityType? {
        switch type {
        case .crmCompany: .company
        case .crmContact: .contact
        case .crmLead: .lead
        case .crmDeal: .deal
        case .crmQuote: .quote
        case .crmEntity: parentEntityTypeID.flatMap(EntityType.init(entityTypeID:))
        default: nil
        }
    }
}
