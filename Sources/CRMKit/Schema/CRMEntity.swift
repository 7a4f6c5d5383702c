/// A CRM entity type's Swift value: ``Lead``, ``Deal``, ``Contact``, ``Company``, ``Quote``, ``Invoice``,
/// ``Product``.
///
/// Each has a stored property per system field, `customFields` for user fields, and a static ``schema``
/// that binds every field's descriptor to its property, so generic code reads and writes fields by code:
///
/// ```swift
/// var deal = Deal()
/// deal.title = "Website redesign"
/// deal[field: "TITLE"]                                  // .string("Website redesign")
/// try deal.setValue(.string("PREPARATION"), forField: "STAGE_ID")
/// deal.stageID                                          // "PREPARATION"
/// ```
public protocol CRMEntity: Sendable, Hashable, Codable {
    /// The entity type.
    static var entityType: EntityType { get }
    /// The one declaration of the entity's system fields.
    static var schema: EntitySchema<Self> { get }
    /// The item's ID; ``ItemID/unassigned`` until a store creates it.
    var id: ItemID<Self> { get set }
    /// User (`UF_CRM_*`) field values by code.
    var customFields: [FieldCode: FieldValue] { get set }
    /// An empty item: no values, every flag at its default.
    init()
}

extension CRMEntity {
    /// The value of a system or user field by its legacy code (or `crm.item` key); nil for an unknown
    /// system field. A user field without a value reads as ``FieldValue/null``.
    public subscript(field code: FieldCode) -> FieldValue? {
        Self.schema.value(of: code, in: self)
    }

    /// Writes a field by its legacy code (or `crm.item` key). Throws ``ValidationError`` naming the field
    /// when the code is unknown or the value is of the wrong kind; the item is then unchanged.
    public mutating func setValue(_ value: FieldValue, forField code: FieldCode) throws(ValidationError) {
        try Self.schema.setValue(value, forField: code, in: &self)
    }
}
