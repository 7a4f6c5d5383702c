/// Generic access to the system fields the save pipeline maintains, by ``SystemFieldKey``. A field the
/// entity type does not have is skipped. Each access is a position lookup in an array the schema built once.
enum SystemFields {
    /// The code of a system field of an entity type, or nil when it has none.
    static func code<Entity: CRMEntity>(_ key: SystemFieldKey, in type: Entity.Type) -> FieldCode? {
        let schema = Entity.schema
        return schema.index(of: key).map { schema.fields[$0].code }
    }

    static func value<Entity: CRMEntity>(_ key: SystemFieldKey, in entity: Entity) -> FieldValue {
        let schema = Entity.schema
        guard let index = schema.index(of: key) else { return .null }
        return schema.value(at: index, in: entity)
    }

    static func has<Entity: CRMEntity>(_ key: SystemFieldKey, in type: Entity.Type) -> Bool {
        Entity.schema.index(of: key) != nil
    }

    /// Sets a system field; the values the pipeline writes always fit their fields' kinds.
    static func set<Entity: CRMEntity>(_ key: SystemFieldKey, _ value: FieldValue, in entity: inout Entity) {
        let schema = Entity.schema
        guard let index = schema.index(of: key) else { return }
        try? schema.writers[index](&entity, value)
    }

    /// Sets a system field only when it is empty.
    static func setIfEmpty<Entity: CRMEntity>(_ key: SystemFieldKey, _ value: @autoclosure () -> FieldValue, in entity: inout Entity) {
        let schema = Entity.schema
        guard let index = schema.index(of: key), schema.value(at: index, in: &entity).isEmpty else { return }
        try? schema.writers[index](&entity, value())
    }

    static func user(_ id: UserID) -> FieldValue { .integer(id.rawValue) }

    static func stage<Entity: CRMEntity>(of entity: Entity) -> StatusID? {
        let schema = Entity.schema
        guard let index = schema.stageIndex, case .string(let text) = schema.value(at: index, in: entity), !text.isEmpty else {
            return nil
        }
        return StatusID(text)
    }

    static func pipeline<Entity: CRMEntity>(of entity: Entity) -> CategoryID? {
        if case .integer(let id) = value(.categoryId, in: entity) { return CategoryID(id) }
        return nil
    }
}
