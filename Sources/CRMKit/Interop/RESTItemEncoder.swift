public import Foundation

/// Encodes items in the JSON shape of Bitrix24's `*.get` responses: legacy dialect (`crm.deal.get`:
/// UPPER_CASE codes, every value a string, `"Y"`/`"N"`, date-times with offset, `null` for no value) or the
/// `crm.item` dialect (camelCase keys, numbers, booleans).
///
/// ```swift
/// let json = RESTItemEncoder(timeZone: settings.timeZone).encode(.deal(deal))
/// print(JSONValue.object([("result", json)]).serialized(pretty: true))
/// ```
public struct RESTItemEncoder: Sendable {
    /// The time zone date-times are written in.
    public var timeZone: TimeZone
    /// The dialect.
    public var dialect: RESTDialect
    /// The currencies, for the decimal places of money user fields.
    public var currencies: CurrencyCatalog

    /// Makes an encoder.
    public init(timeZone: TimeZone, dialect: RESTDialect = .legacy, currencies: CurrencyCatalog = .bitrix24Defaults) {
        self.timeZone = timeZone
        self.dialect = dialect
        self.currencies = currencies
    }

    /// The item as a JSON object, fields in schema order, user fields last.
    public func encode(_ item: AnyItem) -> JSONValue {
        var members: [JSONValue.Member] = []
        for descriptor in item.entityType.fields {
            let key: String
            switch dialect {
            case .legacy:
                guard descriptor.isLegacy else { continue }
                key = descriptor.code.rawValue
            case .item:
                guard let itemKey = descriptor.itemKey else { continue }
                key = itemKey
            }
            members.append(JSONValue.Member(key, encode(item.value(of: descriptor.code) ?? .null, descriptor: descriptor)))
        }
        if let custom = customFields(of: item) {
            for code in custom.keys.sorted() {
                members.append(JSONValue.Member(code.rawValue, encode(custom[code] ?? .null, descriptor: nil)))
            }
        }
        return .object(members)
    }

    private func customFields(of item: AnyItem) -> [FieldCode: FieldValue]? {
        switch item {
        case .lead(let entity): entity.customFields
        case .deal(let entity): entity.customFields
        case .contact(let entity): entity.customFields
        case .company(let entity): entity.customFields
        case .quote(let entity): entity.customFields
        case .invoice(let entity): entity.customFields
        case .product(let entity): entity.customFields
        }
    }

    private func encode(_ value: FieldValue, descriptor: FieldDescriptor?) -> JSONValue {
        let legacy = dialect == .legacy
        switch value {
        case .null: return descriptor?.isMultiple == true ? .array([]) : .null
        case .string(let text): return .string(text)
        case .integer(let number): return legacy ? .string(String(number)) : .integer(number)
        case .decimal(let number):
            let text = ProductRow.roundedToCents(number).formatted(places: 2)
            return legacy ? .string(text) : .double(NSDecimalNumber(decimal: number).doubleValue)
        case .bool(let flag): return legacy ? .string(flag ? "Y" : "N") : .bool(flag)
        case .date(let date): return .string(date.startOfDay(in: timeZone).iso8601(in: timeZone))
        case .dateTime(let instant): return .string(instant.iso8601(in: timeZone))
        case .money(let amount):
            let places = currencies[amount.currency]?.decimalPlaces ?? 2
            return .string("\(amount.formatted(decimalPlaces: places))|\(amount.currency)")
        case .multifield(let entry):
            var members: [(String, JSONValue)] = []
            if let id = entry.id { members.append(("ID", .string(String(id)))) }
            members += [("VALUE_TYPE", .string(entry.valueType)), ("VALUE", .string(entry.value))]
            if let field = descriptor?.code { members.append(("TYPE_ID", .string(field.rawValue))) }
            return .object(members)
        case .file(let file):
            var members: [(String, JSONValue)] = [("id", .integer(file.id))]
            if let url = file.url { members.append(("url", .string(url))) }
            return .object(members)
        case .list(let values): return .array(values.map { encode($0, descriptor: descriptor) })
        }
    }
}

extension Decimal {
    /// The number with exactly `places` digits after the point, without grouping: `"10000.00"`.
    func formatted(places: Int) -> String {
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        var text = NSDecimalNumber(decimal: rounded).stringValue
        guard places > 0 else { return text }
        if !text.contains(".") { text += "." }
        let decimals = text.count - (text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count) - 1
        return text + String(repeating: "0", count: max(0, places - decimals))
    }
}
