/// Generic access to the system fields the save pipeline maintains, by `crm.item` key (products, which have
/// no `crm.item` keys, by their legacy codes). A field the entity does not have is skipped.
enum SystemFields {
    private static let productCodes: [String: FieldCode] = [
        "createdTime": "DATE_CREATE", "updatedTime": "TIMESTAMP_X", "createdBy": "CREATED_BY", "updatedBy": "MODIFIED_BY",
        "title": "NAME",
    ]

    /// The position of a system field in its schema, or nil when the entity type has none: one lookup, so
    /// the pipeline's many system-field writes per save stay cheap.
    private static func index<Entity: CRMEntity>(_ key: String, in type: Entity.Type) -> Int? {
        if Entity.entityType == .product { return productCodes[key].flatMap { Entity.schema.index(of: $0) } }
        return Entity.schema.index(forItemKey: key)
    }

    /// The code of a system field of an entity type, or nil when it has none.
    static func code<Entity: CRMEntity>(_ key: String, in type: Entity.Type) -> FieldCode? {
        index(key, in: type).map { Entity.schema.fields[$0].code }
    }

    static func value<Entity: CRMEntity>(_ key: String, in entity: Entity) -> FieldValue {
        guard let index = index(key, in: Entity.self) else { return .null }
        return Entity.schema.readers[index](entity)
    }

    static func has<Entity: CRMEntity>(_ key: String, in type: Entity.Type) -> Bool { code(key, in: type) != nil }

    /// Sets a system field; the values the pipeline writes always fit their fields' kinds.
    static func set<Entity: CRMEntity>(_ key: String, _ value: FieldValue, in entity: inout Entity) {
        guard let index = index(key, in: Entity.self) else { return }
        try? Entity.schema.bindings[index].setValue(value, in: &entity)
    }

    /// Sets a system field only when it is empty.
    static func setIfEmpty<Entity: CRMEntity>(_ key: String, _ value: FieldValue, in entity: inout Entity) {
        if SystemFields.value(key, in: entity).isEmpty { set(key, value, in: &entity) }
    }

    static func user(_ id: UserID) -> FieldValue { .integer(id.rawValue) }

    static func stage<Entity: CRMEntity>(of entity: Entity) -> StatusID? {
        guard let code = Entity.entityType.stageFieldCode, case .string(let text)? = entity[field: code], !text.isEmpty else {
            return nil
        }
        return StatusID(text)
    }

    static func pipeline<Entity: CRMEntity>(of entity: Entity) -> CategoryID? {
        if case .integer(let id) = value("categoryId", in: entity) { return CategoryID(id) }
        return nil
    }
}
