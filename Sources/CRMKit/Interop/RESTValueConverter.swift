import Foundation

/// Reads REST JSON values as field values of a field's type: numbers may come as strings, yes/no as
/// `"Y"`/`"N"` or booleans, dates and date-times as ISO 8601.
enum RESTValueConverter {
    /// Reads a JSON value as a field value of the field's type (user fields: as JSON gives it).
    static func convert(_ value: JSONValue, type: FieldType?, field: FieldCode) throws(QueryError) -> FieldValue {
        func mismatch() -> QueryError {
            QueryError(.valueMismatch, field: field, "\(value.serialized()) is not a value of \(field) (\(type?.rawValue ?? "user field"))")
        }
        if value == .null { return .null }
        guard let type else {
            switch value {
            case .integer(let number): return .integer(number)
            case .double(let number): return .decimal(Decimal(number))
            case .string(let text): return .string(text)
            case .bool(let flag): return .bool(flag)
            default: throw mismatch()
            }
        }
        switch type {
        case .double:
            let number: Decimal
            switch value {
            case .integer(let whole): number = Decimal(whole)
            case .double(let double): number = Decimal(string: String(double)) ?? Decimal(double)
            case .string(let text):
                guard let parsed = Money.parseDecimal(text) else { throw mismatch() }
                number = parsed
            default: throw mismatch()
            }
            // Decimal holds about 38 digits and exponents to ±128: anything else becomes NaN, which is refused.
            guard !number.isNaN, abs(number) < EntityValidator.amountLimit else { throw mismatch() }
            return .decimal(number)
        case .integer, .user, .crmCategory, .crmLead, .crmContact, .crmCompany, .crmDeal, .crmQuote, .crmEntity, .employee,
            .enumeration, .file, .productFile:
            switch value {
            case .integer(let number): return .integer(number)
            case .string(let text):
                guard let number = Int64(text) else { throw mismatch() }
                return .integer(number)
            default: throw mismatch()
            }
        case .char, .boolean:
            switch value {
            case .bool(let flag): return .bool(flag)
            case .string("Y"), .string("y"), .string("1"), .string("true"): return .bool(true)
            case .string("N"), .string("n"), .string("0"), .string("false"): return .bool(false)
            default: throw mismatch()
            }
        case .crmMultifield:
            guard case .object = value, case .string(let text)? = value["VALUE"] else { throw mismatch() }
            var id: Int64?
            switch value["ID"] {
            case .integer(let number)?: id = number
            case .string(let digits)?: id = Int64(digits)
            default: id = nil
            }
            return .multifield(Multifield(id: id, value: text, valueType: value["VALUE_TYPE"]?.stringValue ?? "WORK"))
        case .date:
            // A date, or a date written as a date-time ("2024-08-30T02:00:00+02:00"): the date it shows.
            guard case .string(let text) = value,
                let date = CalendarDate(iso8601: text)
                    ?? (Timestamp(iso8601: text) != nil ? CalendarDate(iso8601: String(text.prefix(10))) : nil)
            else { throw mismatch() }
            return .date(date)
        case .datetime:
            guard case .string(let text) = value, let instant = Timestamp(iso8601: text) else { throw mismatch() }
            return .dateTime(instant)
        default:
            switch value {
            case .string(let text): return .string(text)
            case .integer(let number): return .string(String(number))
            default: throw mismatch()
            }
        }
    }
}

extension RESTValueConverter {
    /// Reads a REST field value for a descriptor, a list for multiple fields.
    static func convert(_ value: JSONValue, for descriptor: FieldDescriptor) throws(QueryError) -> FieldValue {
        let type = descriptor.type
        if descriptor.isMultiple {
            guard case .array(let elements) = value else {
                return value == .null ? .list([]) : .list([try convert(value, type: type, field: descriptor.code)])
            }
            var values: [FieldValue] = []
            for element in elements { values.append(try convert(element, type: type, field: descriptor.code)) }
            return .list(values)
        }
        return try convert(value, type: type, field: descriptor.code)
    }
}

extension RESTValueConverter {
    /// Reads a REST value of a user field as its definition's type: enumeration item IDs, `"Y"`/`"N"` or `1`/`0`
    /// booleans, dates, date-times, `"100.50|EUR"` money, files as `{"id": ...}`; a list for multiple fields.
    static func convert(_ value: JSONValue, for definition: CustomFieldDefinition, currencies: CurrencyCatalog) throws(QueryError)
        -> FieldValue
    {
        if value == .null || value == .string("") || value == .bool(false) && definition.type != .boolean {
            return definition.isMultiple ? .list([]) : .null
        }
        if definition.isMultiple {
            let elements: [JSONValue] = if case .array(let list) = value { list } else { [value] }
            var values: [FieldValue] = []
            for element in elements where element != .null && element != .string("") {
                values.append(try single(element, definition, currencies))
            }
            return .list(values)
        }
        if case .array(let list) = value, list.count == 1 { return try single(list[0], definition, currencies) }
        return try single(value, definition, currencies)
    }

    private static func single(_ value: JSONValue, _ definition: CustomFieldDefinition, _ currencies: CurrencyCatalog) throws(QueryError)
        -> FieldValue
    {
        let code = definition.code
        func mismatch() -> QueryError {
            QueryError(.valueMismatch, field: code, "\(value.serialized()) is not a value of \(code) (\(definition.type.rawValue))")
        }
        switch definition.type {
        case .string, .url, .address, .crm:
            switch value {
            case .string(let text): return .string(text)
            case .integer(let number): return .string(String(number))
            default: throw mismatch()
            }
        case .integer, .enumeration, .employee:
            return try convert(value, type: .integer, field: code)
        case .double:
            return try convert(value, type: .double, field: code)
        case .boolean:
            switch value {
            case .bool(let flag): return .bool(flag)
            case .integer(let number) where number == 0 || number == 1: return .bool(number == 1)
            case .string(let text) where ["Y", "1", "true"].contains(text): return .bool(true)
            case .string(let text) where ["N", "0", "false"].contains(text): return .bool(false)
            default: throw mismatch()
            }
        case .date: return try convert(value, type: .date, field: code)
        case .datetime: return try convert(value, type: .datetime, field: code)
        case .money:
            guard case .string(let text) = value else { throw mismatch() }
            let parts = text.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 2, let currency = currencies[CurrencyCode(String(parts[1]))],
                let money = try? Money(parsing: String(parts[0]), currency: currency)
            else { throw mismatch() }
            return .money(money)
        case .file:
            switch value {
            case .integer(let id): return .file(FileReference(id: id))
            case .object:
                guard case .integer(let id)? = value["id"] else { throw mismatch() }
                return .file(FileReference(id: id, url: value["url"]?.stringValue))
            default: throw mismatch()
            }
        }
    }
}

extension RESTValueConverter {
    /// The link field types, where Bitrix24 writes `0` for "no link".
    static let linkTypes: Set<FieldType> = [.crmCompany, .crmContact, .crmLead, .crmDeal, .crmQuote, .crmEntity]

    /// Whether a value is Bitrix24's "no link" (`0` or `"0"`) for a link field.
    static func isNoLink(_ value: JSONValue, for descriptor: FieldDescriptor) -> Bool {
        (value == .integer(0) || value == .string("0")) && linkTypes.contains(descriptor.type)
    }

    /// A user field value without a definition, as JSON gives it: scalars, lists, files as `{"id": ...}`.
    static func untypedValue(_ value: JSONValue, field: FieldCode) throws(QueryError) -> FieldValue {
        switch value {
        case .array(let elements):
            var values: [FieldValue] = []
            for element in elements { values.append(try untypedValue(element, field: field)) }
            return .list(values)
        case .object:
            guard case .integer(let id)? = value["id"] else {
                throw QueryError(.valueMismatch, field: field, "a user field value cannot be an object")
            }
            return .file(FileReference(id: id, url: value["url"]?.stringValue))
        default:
            return try convert(value, type: nil, field: field)
        }
    }
}

extension RESTValueConverter {
    /// The `crm.item` `fm` array (`[{"id": 101, "typeId": "PHONE", "valueType": "WORK", "value": "+39..."}]`)
    /// grouped into multifield lists by field code (`PHONE`, `EMAIL`, ...), in order.
    static func multifields(fromFM value: JSONValue) throws(QueryError) -> [(FieldCode, FieldValue)] {
        guard case .array(let entries) = value else {
            throw QueryError(.valueMismatch, field: "fm", "expected an array of multifield entries")
        }
        var order: [FieldCode] = []
        var grouped: [FieldCode: [FieldValue]] = [:]
        for entry in entries {
            guard case .string(let type)? = entry["typeId"], case .string(let text)? = entry["value"] else {
                throw QueryError(.valueMismatch, field: "fm", "a multifield entry needs typeId and value")
            }
            var id: Int64?
            if case .integer(let number)? = entry["id"] { id = number }
            let code = FieldCode(type)
            if grouped[code] == nil { order.append(code) }
            grouped[code, default: []].append(
                .multifield(Multifield(id: id, value: text, valueType: entry["valueType"]?.stringValue ?? "WORK")))
        }
        return order.map { ($0, .list(grouped[$0] ?? [])) }
    }
}
