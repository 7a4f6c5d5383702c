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
    /// Each field's reader, in order: what stores call per field, without copying whole bindings.
    let readers: [@Sendable (Entity) -> FieldValue]
    private let indexByCode: [FieldCode: Int]
    private let indexByItemKey: [String: Int]

    /// Makes a schema. Codes and `crm.item` keys must be unique (the tests check every entity).
    public init(_ entityType: EntityType, _ bindings: [FieldBinding<Entity>], requiredGroups: [RequiredGroup] = []) {
        self.entityType = entityType
        self.bindings = bindings
        self.requiredGroups = requiredGroups
        fields = bindings.map(\.descriptor)
        readers = bindings.map(\.read)
        var byCode: [FieldCode: Int] = [:]
        var byKey: [String: Int] = [:]
        for (index, binding) in bindings.enumerated() {
            byCode[binding.descriptor.code] = byCode[binding.descriptor.code] ?? index
            if let key = binding.descriptor.itemKey { byKey[key] = byKey[key] ?? index }
        }
        indexByCode = byCode
        indexByItemKey = byKey
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

    /// Whether a code names a user field by its legacy code (`UF_CRM_*`). User fields are read and written
    /// by that code only: their `crm.item` keys (`ufCrm17`) lose the code's case and cannot be mapped back
    /// without the field's definition.
    public static func isCustomFieldCode(_ code: FieldCode) -> Bool {
        code.rawValue.hasPrefix("UF_")
    }

    /// A field's value: a system field through its property, a user field from `customFields`
    /// (``FieldValue/null`` when unset); nil for an unknown system field.
    public func value(of code: FieldCode, in entity: Entity) -> FieldValue? {
        if let index = index(of: code) { return readers[index](entity) }
        if Self.isCustomFieldCode(code) { return entity.customFields[code] ?? .null }
        return nil
    }

    /// Writes a field by code; a user field is stored in `customFields` (``FieldValue/null`` removes it).
    /// Throws naming the field when the code is unknown or the value is of the wrong kind.
    public func setValue(_ value: FieldValue, forField code: FieldCode, in entity: inout Entity) throws(ValidationError) {
        if let index = index(of: code) {
            do {
                try bindings[index].setValue(value, in: &entity)
            } catch {
                throw ValidationError(.typeMismatch, field: fields[index].code, "\(error)")
            }
        } else if Self.isCustomFieldCode(code) {
            entity.customFields[code] = value == .null ? nil : value
        } else {
            throw ValidationError(.unknownField, field: code, "\(entityType) has no field \(code)")
        }
    }
}
