/// What the save pipeline checks and fills in for one field, worked out once per schema from its descriptor,
/// so a save tests a bit per field instead of comparing type names and copying descriptors.
struct FieldRole: OptionSet, Sendable {
    let rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Must have a value (required, writable, and not replaced by a ``RequiredGroup``).
    static let required = FieldRole(rawValue: 1 << 0)
    /// Read-only: a write must leave it as it was.
    static let readOnly = FieldRole(rawValue: 1 << 1)
    /// Immutable: an update must leave it as it was.
    static let immutable = FieldRole(rawValue: 1 << 2)
    /// A writable reference-book value (`crm_status`, not the stage): it must be in its book.
    static let status = FieldRole(rawValue: 1 << 3)
    /// The writable stage field: it must be a stage of the item's pipeline.
    static let stage = FieldRole(rawValue: 1 << 4)
    /// A writable currency: it must be a known one.
    static let currency = FieldRole(rawValue: 1 << 5)
    /// A pipeline: it must exist.
    static let category = FieldRole(rawValue: 1 << 6)
    /// Phones, e-mails and the like: each entry is normalized and checked.
    static let multifield = FieldRole(rawValue: 1 << 7)
    /// The probability: 0 to 100.
    static let probability = FieldRole(rawValue: 1 << 8)
    /// A reference book value a create fills with the book's first entry when empty.
    static let statusDefault = FieldRole(rawValue: 1 << 9)

    /// The roles of a field of an entity type, of which `grouped` lists the fields required groups replace.
    init(_ descriptor: FieldDescriptor, of entityType: EntityType, grouped: Set<FieldCode>) {
        self = []
        let writable = !descriptor.isReadOnly
        if descriptor.isRequired, writable, !grouped.contains(descriptor.code) { insert(.required) }
        if descriptor.isReadOnly { insert(.readOnly) }
        if descriptor.isImmutable { insert(.immutable) }
        let isStage = descriptor.code == entityType.stageFieldCode
        switch descriptor.type {
        case .crmStatus where writable && isStage: insert(.stage)
        case .crmStatus where writable:
            insert(.status)
            if descriptor.statusType != nil, descriptor.statusType != "HONORIFIC" { insert(.statusDefault) }
        case .crmCurrency where writable: insert(.currency)
        case .crmCategory: insert(.category)
        case .crmMultifield: insert(.multifield)
        default: break
        }
        if descriptor.code == "PROBABILITY" { insert(.probability) }
    }
}
