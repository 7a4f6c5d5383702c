/// A user field (`UF_CRM_*`) added to an entity type: its code, type, flags, label and, for lists, items.
///
/// It appears in the entity's metadata with `isDynamic: true`, and validation checks its values:
///
/// ```swift
/// let region = try CustomFieldDefinition(
///     code: "UF_CRM_REGION", entityType: .deal, type: .enumeration, label: LocalizedText("Region", italian: "Regione"),
///     items: [.init(id: 1, value: "North"), .init(id: 2, value: "South")])
/// deal.customFields["UF_CRM_REGION"] = .integer(2)
/// ```
public struct CustomFieldDefinition: Hashable, Sendable, Codable {
    /// One item of an enumeration field.
    public struct Item: Hashable, Sendable, Codable {
        /// The item's ID, the value stored in the field.
        public var id: Int64
        /// The text shown.
        public var value: String
        /// The position in the list.
        public var sort: Int
        /// Whether new items get this value.
        public var isDefault: Bool

        /// Makes an item.
        public init(id: Int64, value: String, sort: Int = 100, isDefault: Bool = false) {
            self.id = id
            self.value = value
            self.sort = sort
            self.isDefault = isDefault
        }
    }

    /// The code, `UF_CRM_` followed by capital letters, digits or underscores.
    public let code: FieldCode
    /// The entity type the field belongs to.
    public var entityType: EntityType
    /// The field's type.
    public var type: CustomFieldType
    /// Whether it holds a list of values.
    public var isMultiple: Bool
    /// Whether items must have a value.
    public var isRequired: Bool
    /// The label shown in forms, lists and filters.
    public var label: LocalizedText
    /// The items of an enumeration field.
    public var items: [Item]
    /// The entity types a `crm` field may link to.
    public var linkedEntityTypes: [EntityType]

    /// Makes a definition; throws ``ValidationError`` naming the code when it is not `UF_CRM_[A-Z0-9_]+`, an
    /// enumeration has no items or repeats an item ID, or a `crm` field links to no entity type.
    public init(
        code: FieldCode, entityType: EntityType, type: CustomFieldType, label: LocalizedText,
        isMultiple: Bool = false, isRequired: Bool = false, items: [Item] = [], linkedEntityTypes: [EntityType] = []
    ) throws(ValidationError) {
        let suffix = code.rawValue.dropFirst("UF_CRM_".count)
        guard code.rawValue.hasPrefix("UF_CRM_"), !suffix.isEmpty,
            suffix.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") })
        else {
            throw ValidationError(.malformed, field: code, "a user field code is UF_CRM_ followed by A-Z, 0-9 or _")
        }
        if type == .enumeration {
            guard !items.isEmpty else { throw ValidationError(.required, field: code, "an enumeration needs items") }
            guard Set(items.map(\.id)).count == items.count else {
                throw ValidationError(.malformed, field: code, "enumeration item IDs must be unique")
            }
        }
        if type == .crm, linkedEntityTypes.isEmpty {
            throw ValidationError(.required, field: code, "a crm field must link to at least one entity type")
        }
        self.code = code
        self.entityType = entityType
        self.type = type
        self.isMultiple = isMultiple
        self.isRequired = isRequired
        self.label = label
        self.items = items
        self.linkedEntityTypes = linkedEntityTypes
    }

    /// The `crm.item` key: `UF_CRM_17` → `ufCrm17`, `UF_CRM_MY_FIELD` → `ufCrmMyField`.
    public var itemKey: String {
        code.rawValue.split(separator: "_").enumerated().map { index, part in
            index == 0 ? part.lowercased() : part.prefix(1).uppercased() + part.dropFirst().lowercased()
        }.joined()
    }

    /// The field's descriptor, as it appears in the entity's schema (`isDynamic` set; the title is the code,
    /// as Bitrix24 reports it; the label is in ``label``).
    public var descriptor: FieldDescriptor {
        var flags: FieldFlags = [.dynamic]
        if isRequired { flags.insert(.required) }
        if isMultiple { flags.insert(.multiple) }
        return FieldDescriptor(
            code: code, itemKey: itemKey, type: type.fieldType, flags: flags, title: label, isLegacy: true)
    }

    /// The problem with a value for this field, or nil when it fits (``FieldValue/null`` always fits here;
    /// requiredness is checked separately).
    public func problem(with value: FieldValue) -> ValidationIssue? {
        if value == .null { return nil }
        if isMultiple {
            guard case .list(let values) = value else {
                return ValidationIssue(.typeMismatch, field: code, "\(code) takes a list of \(type.rawValue) values")
            }
            return values.lazy.compactMap(singleProblem).first
        }
        return singleProblem(value)
    }

    private func singleProblem(_ value: FieldValue) -> ValidationIssue? {
        let fits: Bool
        switch (type, value) {
        case (.string, .string), (.address, .string), (.integer, .integer), (.double, .decimal), (.double, .integer),
            (.boolean, .bool), (.date, .date), (.datetime, .dateTime), (.money, .money), (.employee, .integer),
            (.file, .file), (.crm, .integer), (.crm, .string):
            fits = true
        case (.url, .string(let text)):
            guard text.isEmpty || text.hasPrefix("http://") || text.hasPrefix("https://") else {
                return ValidationIssue(.malformed, field: code, "'\(text)' is not an http or https address")
            }
            fits = true
        case (.enumeration, .integer(let itemID)):
            guard items.contains(where: { $0.id == itemID }) else {
                return ValidationIssue(.notInCatalog, field: code, "\(itemID) is not an item of \(code)")
            }
            fits = true
        default:
            fits = false
        }
        return fits ? nil : ValidationIssue(.typeMismatch, field: code, "\(code) takes \(type.rawValue), not \(value.kindName)")
    }
}

extension CustomFieldDefinition {
    private enum CodingKeys: String, CodingKey {
        case code, entityType, type, isMultiple, isRequired, label, items, linkedEntityTypes
    }

    /// Decodes a definition and checks it as the initializer does: a stored definition that breaks the
    /// rules is refused, not trusted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            code: container.decode(FieldCode.self, forKey: .code), entityType: container.decode(EntityType.self, forKey: .entityType),
            type: container.decode(CustomFieldType.self, forKey: .type), label: container.decode(LocalizedText.self, forKey: .label),
            isMultiple: container.decode(Bool.self, forKey: .isMultiple), isRequired: container.decode(Bool.self, forKey: .isRequired),
            items: container.decode([Item].self, forKey: .items),
            linkedEntityTypes: container.decode([EntityType].self, forKey: .linkedEntityTypes))
    }
}
