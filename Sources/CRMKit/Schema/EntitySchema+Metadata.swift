extension EntitySchema {
    /// The fields in the exact JSON shape of Bitrix24's field-metadata methods.
    ///
    /// `.legacy` gives `crm.<entity>.fields` (`{"result": {"ID": {...}, ...}}`), `.item` gives
    /// `crm.item.fields` (`{"result": {"fields": {"id": {..., "upperName": "ID"}, ...}}}`). User fields follow
    /// the system fields with `isDynamic: true`.
    ///
    /// ```swift
    /// print(Deal.schema.restFields(dialect: .legacy).serialized(pretty: true))
    /// ```
    public func restFields(
        dialect: RESTDialect = .legacy, language: Language = .english, customFields: [CustomFieldDefinition] = []
    ) -> JSONValue {
        var members: [JSONValue.Member] = []
        for descriptor in fields {
            switch dialect {
            case .legacy where descriptor.isLegacy:
                members.append(JSONValue.Member(descriptor.code.rawValue, Self.metadata(descriptor, dialect, language)))
            case .item:
                if let key = descriptor.itemKey {
                    members.append(JSONValue.Member(key, Self.metadata(descriptor, dialect, language)))
                }
            default: continue
            }
        }
        for definition in customFields where definition.entityType == entityType {
            let key = dialect == .legacy ? definition.code.rawValue : definition.itemKey
            members.append(JSONValue.Member(key, Self.customMetadata(definition, dialect, language)))
        }
        let fields = JSONValue.object(members)
        return .object([("result", dialect == .legacy ? fields : .object([("fields", fields)]))])
    }

    static func flagMembers(_ descriptor: FieldDescriptor, type: FieldType) -> [JSONValue.Member] {
        [
            JSONValue.Member("type", .string(type.rawValue)),
            JSONValue.Member("isRequired", .bool(descriptor.isRequired)),
            JSONValue.Member("isReadOnly", .bool(descriptor.isReadOnly)),
            JSONValue.Member("isImmutable", .bool(descriptor.isImmutable)),
            JSONValue.Member("isMultiple", .bool(descriptor.isMultiple)),
            JSONValue.Member("isDynamic", .bool(descriptor.isDynamic)),
        ]
    }

    static func metadata(_ descriptor: FieldDescriptor, _ dialect: RESTDialect, _ language: Language) -> JSONValue {
        let type = dialect == .item ? descriptor.itemType ?? descriptor.type : descriptor.type
        var members = flagMembers(descriptor, type: type)
        if descriptor.isDeprecated { members.append(JSONValue.Member("isDeprecated", .bool(true))) }
        if let statusType = descriptor.statusType { members.append(JSONValue.Member("statusType", .string(statusType))) }
        members.append(JSONValue.Member("title", .string(descriptor.title.text(in: language))))
        if let parent = descriptor.parentEntityTypeID {
            members.append(JSONValue.Member("settings", .object([("parentEntityTypeId", .integer(Int64(parent)))])))
        }
        if dialect == .item { members.append(JSONValue.Member("upperName", .string(descriptor.code.rawValue))) }
        return .object(members)
    }

    private static func customMetadata(
        _ definition: CustomFieldDefinition, _ dialect: RESTDialect, _ language: Language
    ) -> JSONValue {
        let descriptor = definition.descriptor
        var members = flagMembers(descriptor, type: descriptor.type)
        let label = JSONValue.string(definition.label.text(in: language))
        members += [
            JSONValue.Member("title", .string(definition.code.rawValue)),
            JSONValue.Member("listLabel", label), JSONValue.Member("formLabel", label),
            JSONValue.Member("filterLabel", label),
        ]
        if definition.type == .enumeration {
            members.append(
                JSONValue.Member(
                    "items",
                    .array(definition.items.map { .object([("ID", .string(String($0.id))), ("VALUE", .string($0.value))]) })))
        }
        if definition.type == .crm {
            let allowed = EntityType.allCases.filter { $0 != .product && $0 != .invoice }.map { type in
                (type.rawValue.uppercased(), definition.linkedEntityTypes.contains(type) ? JSONValue.string("Y") : .string("N"))
            }
            members.append(JSONValue.Member("settings", .object(allowed)))
        }
        if dialect == .item { members.append(JSONValue.Member("upperName", .string(definition.code.rawValue))) }
        return .object(members)
    }
}
