/// One field of an entity's schema: its descriptor bound to the typed property that stores it.
///
/// Entities declare their bindings once, in their `schema`:
///
/// ```swift
/// .field("STAGE_ID", item: "stageId", .crmStatus, \.stageID, status: "DEAL_STAGE", "Deal Stage", it: "Fase")
/// ```
public struct FieldBinding<Entity: CRMEntity>: Sendable {
    /// The field's metadata.
    public let descriptor: FieldDescriptor
    /// Reads the field of the item at an address (through ``EntitySchema/values(of:)`` and its kin, which
    /// take an item's address once for all the fields they read).
    let readAt: @Sendable (UnsafeRawPointer) -> FieldValue
    /// Writes the field (the save pipeline calls it through ``EntitySchema/writers``).
    let write: @Sendable (inout Entity, FieldValue) throws(FieldValueError) -> Void

    /// Binds a descriptor to a property.
    public init<Value: FieldValueConvertible>(
        _ descriptor: FieldDescriptor, _ keyPath: any WritableKeyPath<Entity, Value> & Sendable
    ) {
        self.descriptor = descriptor
        // A key path is immutable (the parameter is `Sendable`), so sharing it across threads is safe.
        nonisolated(unsafe) let path: WritableKeyPath<Entity, Value> = keyPath
        if let offset = MemoryLayout<Entity>.offset(of: path) {
            // A stored property (every system field is one) is read and written in place at its offset:
            // projecting a key path is a runtime call that looks up generic metadata, several times the cost,
            // and stores read every field of every item they encode and index.
            readAt = { base in base.advanced(by: offset).assumingMemoryBound(to: Value.self).pointee.fieldValue }
            write = { (entity: inout Entity, value: FieldValue) throws(FieldValueError) in
                let converted = try Value(fieldValue: value)
                withUnsafeMutablePointer(to: &entity) { pointer in
                    UnsafeMutableRawPointer(pointer).advanced(by: offset).assumingMemoryBound(to: Value.self).pointee = converted
                }
            }
        } else {
            readAt = { base in base.assumingMemoryBound(to: Entity.self).pointee[keyPath: path].fieldValue }
            write = { (entity: inout Entity, value: FieldValue) throws(FieldValueError) in
                entity[keyPath: path] = try Value(fieldValue: value)
            }
        }
    }

    /// Declares a field: its code, `crm.item` key, type, property, flags, reference book, linked entity
    /// type, English and Italian titles.
    public static func field<Value: FieldValueConvertible>(
        _ code: FieldCode, item itemKey: String?, _ type: FieldType,
        _ keyPath: any WritableKeyPath<Entity, Value> & Sendable, _ flags: FieldFlags = [], status: String? = nil,
        parent: Int? = nil, itemType: FieldType? = nil, legacy: Bool = true, title: String, it italian: String? = nil
    ) -> FieldBinding {
        FieldBinding(
            FieldDescriptor(
                code: code, itemKey: itemKey, type: type, itemType: itemType, flags: flags, statusType: status,
                parentEntityTypeID: parent, title: LocalizedText(title, italian: italian), isLegacy: legacy),
            keyPath)
    }

    /// The field's value in an item.
    public func value(in entity: Entity) -> FieldValue {
        withUnsafePointer(to: entity) { readAt(UnsafeRawPointer($0)) }
    }

    /// Writes the field's value; throws when the value is of the wrong kind, leaving the item unchanged.
    public func setValue(_ value: FieldValue, in entity: inout Entity) throws(FieldValueError) {
        try write(&entity, value)
    }
}
