import Foundation

/// Decodes items from Bitrix24 REST JSON, in either dialect: legacy UPPER_CASE codes with every value a
/// string (`"OPPORTUNITY": "10000.00"`, `"Y"`/`"N"`, multifield arrays) or `crm.item` camelCase keys (numbers,
/// `fm` multifields, `ufCrm_*` user fields). Empty strings and `0` links read as no value; a date field given
/// as a date-time keeps the date it shows. Fields CRMKit does not know are kept in
/// ``DecodedItem/unknownFields``, never dropped silently; a value of the wrong shape is a
/// ``RESTDecodingError`` naming the field.
///
/// ```swift
/// let json = try JSONValue(parsing: responseText)
/// let decoded = try RESTItemDecoder(dialect: .legacy).decode(json["result"]!, as: .deal)
/// decoded.item          // .deal(Deal(...))
/// decoded.unknownFields // ["PARENT_ID_1220": "22"]
/// ```
public struct RESTItemDecoder: Sendable {
    /// One decoded item and the members that name no field CRMKit knows.
    public struct DecodedItem: Hashable, Sendable {
        /// The item.
        public var item: AnyItem
        /// Members left over, in order.
        public var unknownFields: [JSONValue.Member]
    }

    /// The dialect to read.
    public var dialect: RESTDialect
    /// User field definitions: their values are read as their types (others as JSON gives them).
    public var customFields: [CustomFieldDefinition]
    /// The currencies money user fields may be in.
    public var currencies: CurrencyCatalog

    /// Makes a decoder.
    public init(dialect: RESTDialect, customFields: [CustomFieldDefinition] = [], currencies: CurrencyCatalog = .bitrix24Defaults) {
        self.dialect = dialect
        self.customFields = customFields
        self.currencies = currencies
    }

    /// Decodes one item object.
    public func decode(_ json: JSONValue, as type: EntityType, position: Int? = nil) throws(RESTDecodingError) -> DecodedItem {
        switch type {
        case .lead: try decode(Lead.self, json, position).wrapped(AnyItem.lead)
        case .deal: try decode(Deal.self, json, position).wrapped(AnyItem.deal)
        case .contact: try decode(Contact.self, json, position).wrapped(AnyItem.contact)
        case .company: try decode(Company.self, json, position).wrapped(AnyItem.company)
        case .quote: try decode(Quote.self, json, position).wrapped(AnyItem.quote)
        case .invoice: try decode(Invoice.self, json, position).wrapped(AnyItem.invoice)
        case .product: try decode(Product.self, json, position).wrapped(AnyItem.product)
        }
    }

    /// Decodes the items of a `*.get` or `*.list` response: `{"result": {...}}`, `{"result": [...]}`,
    /// `{"result": {"item": {...}}}` or `{"result": {"items": [...]}}`.
    public func decodeResponse(_ json: JSONValue, as type: EntityType) throws(RESTDecodingError) -> [DecodedItem] {
        guard let result = json["result"] else { throw RESTDecodingError(message: "the response has no \"result\"") }
        let records: [JSONValue]
        var positioned = true
        switch result {
        case .array(let elements): records = elements
        case .object:
            if let item = result["item"] {
                records = [item]
                positioned = false
            } else if case .array(let elements)? = result["items"] {
                records = elements
            } else {
                records = [result]
                positioned = false
            }
        default:
            throw RESTDecodingError(message: "\"result\" is neither an object nor an array")
        }
        var items: [DecodedItem] = []
        for (index, record) in records.enumerated() {
            items.append(try decode(record, as: type, position: positioned ? index : nil))
        }
        return items
    }

    private struct Partial<Entity> {
        var entity: Entity
        var unknown: [JSONValue.Member]

        func wrapped(_ wrap: (Entity) -> AnyItem) -> DecodedItem { DecodedItem(item: wrap(entity), unknownFields: unknown) }
    }

    private func decode<Entity: CRMEntity>(_ type: Entity.Type, _ json: JSONValue, _ position: Int?) throws(RESTDecodingError)
        -> Partial<Entity>
    {
        guard case .object(let members) = json else {
            throw RESTDecodingError(position: position, message: "an item is a JSON object")
        }
        var entity = Entity()
        var unknown: [JSONValue.Member] = []
        for member in members {
            let key = member.key
            if key == "fm", dialect == .item {
                try decodeMultifields(member.value, into: &entity, position: position)
                continue
            }
            if let code = Self.customFieldCode(key) {
                if let definition = customFields.first(where: { $0.code == code && $0.entityType == Entity.entityType }) {
                    do {
                        entity.customFields[code] = try RESTValueConverter.convert(member.value, for: definition, currencies: currencies)
                    } catch {
                        throw RESTDecodingError(position: position, field: key, message: error.message)
                    }
                } else {
                    do {
                        entity.customFields[code] = try RESTValueConverter.untypedValue(member.value, field: code)
                    } catch {
                        throw RESTDecodingError(position: position, field: key, message: error.message)
                    }
                }
                if entity.customFields[code] == .null { entity.customFields[code] = nil }
                continue
            }
            let descriptor =
                dialect == .item
                ? Entity.schema.descriptor(forItemKey: key) ?? Entity.schema[FieldCode(key)]
                : Entity.schema[FieldCode(key)]
            guard let descriptor else {
                unknown.append(member)
                continue
            }
            let value = try fieldValue(member.value, descriptor: descriptor, field: key, position: position)
            do {
                try entity.setValue(value, forField: descriptor.code)
            } catch {
                throw RESTDecodingError(position: position, field: key, message: error.issues.first?.message ?? "\(error)")
            }
        }
        return Partial(entity: entity, unknown: unknown)
    }

    /// `UF_CRM_17` stays; `ufCrm_17` and `ufCrm17` become `UF_CRM_17`.
    static func customFieldCode(_ key: String) -> FieldCode? {
        guard let first = key.utf8.first, first == UInt8(ascii: "U") || first == UInt8(ascii: "u") else { return nil }
        if key.hasPrefix("UF_") { return FieldCode(key) }
        guard key.hasPrefix("ufCrm") else { return nil }
        var rest = key.dropFirst(5)
        if rest.hasPrefix("_") { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        return FieldCode("UF_CRM_" + rest.uppercased())
    }

    private func fieldValue(_ value: JSONValue, descriptor: FieldDescriptor, field: String, position: Int?) throws(RESTDecodingError)
        -> FieldValue
    {
        var input = value
        if case .string("") = input { input = .null }
        if descriptor.isMultiple, case .array(let elements) = input {
            var values: [FieldValue] = []
            for element in elements {
                let single = try fieldValue(element, descriptor: Self.single(descriptor), field: field, position: position)
                if single != .null { values.append(single) }
            }
            return .list(values)
        }
        if RESTValueConverter.isNoLink(input, for: descriptor) { return descriptor.isMultiple ? .list([]) : .null }
        let converted = try convert(input, descriptor: descriptor, field: field, position: position)
        guard descriptor.isMultiple else { return converted }
        if case .list = converted { return converted }
        return converted == .null ? .list([]) : .list([converted])
    }

    private func convert(_ value: JSONValue, descriptor: FieldDescriptor, field: String, position: Int?) throws(RESTDecodingError)
        -> FieldValue
    {
        do {
            return try RESTValueConverter.convert(value, type: descriptor.type, field: descriptor.code)
        } catch {
            throw RESTDecodingError(position: position, field: field, message: error.message)
        }
    }

    private func decodeMultifields<Entity: CRMEntity>(_ value: JSONValue, into entity: inout Entity, position: Int?) throws(RESTDecodingError) {
        let grouped: [(FieldCode, FieldValue)]
        do {
            grouped = try RESTValueConverter.multifields(fromFM: value)
        } catch {
            throw RESTDecodingError(position: position, field: "fm", message: error.message)
        }
        for (code, values) in grouped {
            guard Entity.schema[code] != nil else {
                throw RESTDecodingError(position: position, field: "fm", message: "\(Entity.entityType) has no \(code) multifield")
            }
            do {
                try entity.setValue(values, forField: code)
            } catch {
                throw RESTDecodingError(position: position, field: "fm", message: "\(error)")
            }
        }
    }


    private static func single(_ descriptor: FieldDescriptor) -> FieldDescriptor {
        var copy = descriptor
        copy.flags.remove(.multiple)
        return copy
    }
}
