/// The one declaration of an entity type's system fields, each bound to its typed property.
///
/// Look fields up by legacy code or `crm.item` key, read and write them generically, and render the
/// metadata in Bitrix24's REST shape:
///
/// ```swift
/// Deal.schema["CATEGORY_ID"]?.isImmutable              // true
/// Deal.schema.descriptor(forItemKey: "stageId")?.code  // "STAGE_ID"
/// Deal.schema.fields.count                              // every system field
/// ```
public struct EntitySchema<Entity: CRMEntity>: Sendable {
    /// The entity type described.
    public let entityType: EntityType
    /// The fields' bindings, in Bitrix24's order.
    public let bindings: [FieldBinding<Entity>]
    /// Rules that replace some fields' individual `isRequired` in validation (a contact needs a first or a
    /// last name, not all three name fields its metadata flags).
    public let requiredGroups: [RequiredGroup]
    /// The system fields' descriptors, in order.
    public let fields: [FieldDescriptor]
    /// Each field's reader of an item at an address, in order. Reading a field of an item passed by value
    /// would copy the whole item to take its address, so loops take it once (``values(of:)``,
    /// ``value(at:in:)``).
    let addressReaders: [@Sendable (UnsafeRawPointer) -> FieldValue]
    /// Each field's writer, in order, like ``addressReaders``.
    let writers: [@Sendable (inout Entity, FieldValue) throws(FieldValueError) -> Void]
    /// Each field's roles in the save pipeline, in order.
    let roles: [FieldRole]
    /// The fields that link other items, with the linked type, in order.
    let links: [(index: Int, entityType: EntityType)]
    /// The position of the stage field, when the type has stages.
    let stageIndex: Int?
    /// The position of each ``SystemFieldKey`` (by its raw value), nil where the type has no such field.
    let systemFieldIndexes: [Int?]
    private let indexByCode: [FieldCode: Int]
    private let indexByItemKey: [String: Int]

    /// Makes a schema. Codes and `crm.item` keys must be unique (the tests check every entity).
    public init(_ entityType: EntityType, _ bindings: [FieldBinding<Entity>], requiredGroups: [RequiredGroup] = []) {
        self.entityType = entityType
        self.bindings = bindings
        self.requiredGroups = requiredGroups
        fields = bindings.map(\.descriptor)
        addressReaders = bindings.map(\.readAt)
        writers = bindings.map(\.write)
        let grouped = requiredGroups.reduce(into: Set<FieldCode>()) { $0.formUnion($1.replacing) }
        roles = bindings.map { FieldRole($0.descriptor, of: entityType, grouped: grouped) }
        links = bindings.indices.compactMap { index in bindings[index].descriptor.linkedEntityType.map { (index, $0) } }
        var byCode: [FieldCode: Int] = [:]
        var byKey: [String: Int] = [:]
        for (index, binding) in bindings.enumerated() {
            byCode[binding.descriptor.code] = byCode[binding.descriptor.code] ?? index
            if let key = binding.descriptor.itemKey { byKey[key] = byKey[key] ?? index }
        }
        indexByCode = byCode
        indexByItemKey = byKey
        stageIndex = entityType.stageFieldCode.flatMap { byCode[$0] }
        systemFieldIndexes = SystemFieldKey.allCases.map { key in
            entityType == .product
                ? key.productCode.flatMap { byCode[$0] } : key.legacyCode.flatMap { byCode[$0] } ?? byKey[key.itemKey]
        }
    }

    /// The descriptor of a system field by legacy code or `crm.item` key.
    public subscript(code: FieldCode) -> FieldDescriptor? { index(of: code).map { fields[$0] } }

    /// The descriptor of a system field by `crm.item` key.
    public func descriptor(forItemKey key: String) -> FieldDescriptor? {
        indexByItemKey[key].map { fields[$0] }
    }

    /// The binding of a system field by legacy code or `crm.item` key.
    public func binding(for code: FieldCode) -> FieldBinding<Entity>? {
        index(of: code).map { bindings[$0] }
    }

    /// The position of a system field in ``bindings`` by legacy code or `crm.item` key: what the generic
    /// accessors use, so they do not copy a binding (its descriptor and closures) to reach one field.
    func index(of code: FieldCode) -> Int? {
        indexByCode[code] ?? indexByItemKey[code.rawValue]
    }

    /// The position of a system field in ``bindings`` by `crm.item` key.
    func index(forItemKey key: String) -> Int? {
        indexByItemKey[key]
    }

    /// Calls `body` with a reader of the item's fields by position, taking the item's address once for all
    /// the reads.
    func reading<Result>(_ entity: Entity, _ body: ((Int) -> FieldValue) -> Result) -> Result {
        withUnsafePointer(to: entity) { pointer in body { addressReaders[$0](UnsafeRawPointer(pointer)) } }
    }

    /// Every system field's value, in order, read from one copy of the item.
    func values(of entity: Entity) -> [FieldValue] {
        reading(entity) { read in fields.indices.map(read) }
    }

    /// The values of the fields at positions, read from one copy of the item.
    func values(of entity: Entity, at indexes: [Int]) -> [FieldValue] {
        reading(entity) { read in indexes.map(read) }
    }

    /// The value of the field at a position.
    func value(at index: Int, in entity: Entity) -> FieldValue {
        withUnsafePointer(to: entity) { addressReaders[index](UnsafeRawPointer($0)) }
    }

    /// The value of the field at a position of an item the caller may change, read in place without a copy.
    func value(at index: Int, in entity: inout Entity) -> FieldValue {
        withUnsafeMutablePointer(to: &entity) { addressReaders[index](UnsafeRawPointer($0)) }
    }

    /// Writes the field at a position; throws naming the field when the value is of the wrong kind.
    func setValue(_ value: FieldValue, at index: Int, in entity: inout Entity) throws(ValidationError) {
        do {
            try writers[index](&entity, value)
        } catch {
            throw ValidationError(.typeMismatch, field: fields[index].code, "\(error)")
        }
    }

    /// The position of a system field the save pipeline maintains, or nil when the type has none.
    func index(of key: SystemFieldKey) -> Int? {
        systemFieldIndexes[key.rawValue]
    }

    /// Whether a code names a user field by its legacy code (`UF_CRM_*`). User fields are read and written
    /// by that code only: their `crm.item` keys (`ufCrm17`) lose the code's case and cannot be mapped back
    /// without the field's definition.
    public static func isCustomFieldCode(_ code: FieldCode) -> Bool {
        code.rawValue.hasPrefix("UF_")
    }

    /// A field's value: a system field through its property, a user field from `customFields`
    /// (``FieldValue/null`` when unset); nil for an unknown system field.
    public func value(of code: FieldCode, in entity: Entity) -> FieldValue? {
        if let index = index(of: code) { return value(at: index, in: entity) }
        if Self.isCustomFieldCode(code) { return entity.customFields[code] ?? .null }
        return nil
    }

    /// Writes a field by code; a user field is stored in `customFields` (``FieldValue/null`` removes it).
    /// Throws naming the field when the code is unknown or the value is of the wrong kind.
    public func setValue(_ value: FieldValue, forField code: FieldCode, in entity: inout Entity) throws(ValidationError) {
        if let index = index(of: code) {
            try setValue(value, at: index, in: &entity)
        } else if Self.isCustomFieldCode(code) {
            entity.customFields[code] = value == .null ? nil : value
        } else {
            throw ValidationError(.unknownField, field: code, "\(entityType) has no field \(code)")
        }
    }
}
