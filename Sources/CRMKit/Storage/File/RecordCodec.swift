import Foundation

/// The binary form of items: a sequence of (tag, value) pairs ended by tag 0, where the tag names the field
/// through the file's ``FieldDictionary`` and each value carries its kind, so it can be read without the
/// schema. Only values that differ from an empty item are written.
enum RecordCodec {
    // Value kinds.
    private static let null: UInt8 = 0, string: UInt8 = 1, integer: UInt8 = 2, decimal: UInt8 = 3, boolFalse: UInt8 = 4,
        boolTrue: UInt8 = 5, date: UInt8 = 6, dateTime: UInt8 = 7, money: UInt8 = 8, multifield: UInt8 = 9,
        file: UInt8 = 10, list: UInt8 = 11

    static func encode(_ item: AnyItem, into writer: inout BinaryWriter) {
        switch item {
        case .lead(let entity): encode(entity, into: &writer)
        case .deal(let entity): encode(entity, into: &writer)
        case .contact(let entity): encode(entity, into: &writer)
        case .company(let entity): encode(entity, into: &writer)
        case .quote(let entity): encode(entity, into: &writer)
        case .invoice(let entity): encode(entity, into: &writer)
        case .product(let entity): encode(entity, into: &writer)
        }
    }

    static func decode(_ type: EntityType, from reader: inout BinaryReader, dictionary: FieldDictionary) throws(FormatError) -> AnyItem {
        switch type {
        case .lead: .lead(try decode(Lead.self, from: &reader, dictionary: dictionary))
        case .deal: .deal(try decode(Deal.self, from: &reader, dictionary: dictionary))
        case .contact: .contact(try decode(Contact.self, from: &reader, dictionary: dictionary))
        case .company: .company(try decode(Company.self, from: &reader, dictionary: dictionary))
        case .quote: .quote(try decode(Quote.self, from: &reader, dictionary: dictionary))
        case .invoice: .invoice(try decode(Invoice.self, from: &reader, dictionary: dictionary))
        case .product: .product(try decode(Product.self, from: &reader, dictionary: dictionary))
        }
    }

    private static func encode<Entity: CRMEntity>(_ entity: Entity, into writer: inout BinaryWriter) {
        let blank = BlankFieldValues.values(for: Entity.self)
        for (index, value) in Entity.schema.values(of: entity).enumerated() {
            guard value != blank[index] else { continue }
            writer.varint(FieldDictionary.firstFieldTag + UInt64(index))
            encode(value, into: &writer)
        }
        let partsTag = FieldDictionary.firstFieldTag + UInt64(Entity.schema.bindings.count)
        if let rows = Self.productRows(of: entity), !rows.isEmpty {
            writer.varint(partsTag)
            encode(rows, into: &writer)
        }
        if let requisites = Self.requisites(of: entity), !requisites.isEmpty {
            writer.varint(partsTag + 1)
            let json = (try? JSONEncoder().encode(requisites)) ?? Data("[]".utf8)
            writer.data(json)
        }
        if !entity.customFields.isEmpty {
            writer.varint(FieldDictionary.customFieldsTag)
            writer.varint(entity.customFields.count)
            for code in entity.customFields.keys.sorted() {
                writer.string(code.rawValue)
                encode(entity.customFields[code] ?? .null, into: &writer)
            }
        }
        writer.varint(FieldDictionary.endTag)
    }

    private static func decode<Entity: CRMEntity>(
        _ type: Entity.Type, from reader: inout BinaryReader, dictionary: FieldDictionary
    ) throws(FormatError) -> Entity {
        var entity = Entity()
        let codes = dictionary.codes[Entity.entityType] ?? []
        let bindingIndexes = dictionary.bindingIndexes[Entity.entityType] ?? []
        let bindings = Entity.schema.bindings
        while true {
            let start = reader.offset
            let tag = try reader.varint()
            if tag == FieldDictionary.endTag { return entity }
            if tag == FieldDictionary.customFieldsTag {
                let count = try reader.count("user field count")
                for _ in 0..<count {
                    let code = FieldCode(try reader.string())
                    entity.customFields[code] = try decodeValue(from: &reader)
                }
                continue
            }
            guard let index = Int(exactly: tag - FieldDictionary.firstFieldTag), index < codes.count else { throw FormatError(offset: start, message: "unknown field tag \(tag)") }
            let code = codes[index]
            if code == FieldDictionary.productRows {
                let rows = try decodeProductRows(from: &reader)
                if var holder = entity as? any ProductRowsHolding, let updated = setRows(rows, on: &holder) as? Entity {
                    entity = updated
                }
                continue
            }
            if code == FieldDictionary.requisites {
                let json = try reader.data()
                guard let requisites = try? JSONDecoder().decode([Requisite].self, from: Data(json)) else {
                    throw FormatError(offset: start, message: "company details do not decode")
                }
                entity = Self.settingRequisites(requisites, on: entity)
                continue
            }
            let bindingIndex = bindingIndexes[index]
            guard bindingIndex >= 0 else {
                throw FormatError(offset: start, message: "field \(code) of \(Entity.entityType) is unknown to this library")
            }
            let binding = bindings[bindingIndex]
            let value = try decodeValue(from: &reader)
            do {
                try binding.setValue(value, in: &entity)
            } catch {
                throw FormatError(offset: start, message: "\(code): \(error)")
            }
        }
    }

    private static func setRows(_ rows: [ProductRow], on holder: inout any ProductRowsHolding) -> any ProductRowsHolding {
        holder.productRows = rows
        return holder
    }

    /// The product rows of an entity that has them. Casts to each concrete type, which fold away where the
    /// encoder is specialized, rather than to `any ProductRowsHolding`, which boxes a copy of the entity.
    private static func productRows<Entity: CRMEntity>(of entity: Entity) -> [ProductRow]? {
        switch entity {
        case let lead as Lead: lead.productRows
        case let deal as Deal: deal.productRows
        case let quote as Quote: quote.productRows
        case let invoice as Invoice: invoice.productRows
        default: nil
        }
    }

    private static func requisites<Entity: CRMEntity>(of entity: Entity) -> [Requisite]? {
        switch entity {
        case let company as Company: company.requisites
        case let contact as Contact: contact.requisites
        default: nil
        }
    }

    private static func settingRequisites<Entity: CRMEntity>(_ requisites: [Requisite], on entity: Entity) -> Entity {
        if var company = entity as? Company {
            company.requisites = requisites
            return company as? Entity ?? entity
        }
        if var contact = entity as? Contact {
            contact.requisites = requisites
            return contact as? Entity ?? entity
        }
        return entity
    }

    // MARK: Values

    static func encode(_ value: FieldValue, into writer: inout BinaryWriter) {
        switch value {
        case .null: writer.u8(null)
        case .string(let text):
            writer.u8(string)
            writer.string(text)
        case .integer(let number):
            writer.u8(integer)
            writer.signed(number)
        case .decimal(let number):
            writer.u8(decimal)
            writer.string(DecimalText.format(number))
        case .bool(let flag): writer.u8(flag ? boolTrue : boolFalse)
        case .date(let day):
            writer.u8(date)
            writer.signed(day.daysSince1970)
        case .dateTime(let instant):
            writer.u8(dateTime)
            writer.signed(instant.millisecondsSince1970)
        case .money(let amount):
            writer.u8(money)
            writer.signed(amount.minorUnits)
            writer.string(amount.currency.rawValue)
        case .multifield(let entry):
            writer.u8(multifield)
            writer.signed(entry.id ?? -1)
            writer.string(entry.value)
            writer.string(entry.valueType)
        case .file(let reference):
            writer.u8(file)
            writer.signed(reference.id)
            writer.string(reference.name ?? "")
            writer.string(reference.url ?? "")
        case .list(let values):
            writer.u8(list)
            writer.varint(values.count)
            for element in values { encode(element, into: &writer) }
        }
    }

    static func decodeValue(from reader: inout BinaryReader, depth: Int = 0) throws(FormatError) -> FieldValue {
        let start = reader.offset
        switch try reader.u8() {
        case null: return .null
        case string: return .string(try reader.string())
        case integer: return .integer(try reader.signed())
        case decimal:
            let text = try reader.string()
            // NaN can only reach a file through the store API directly; read it back rather than refuse the store.
            if text == "NaN" { return .decimal(.nan) }
            guard let number = DecimalText.parse(text) ?? Money.parseDecimal(text) else { throw FormatError(offset: start, message: "bad decimal '\(text)'") }
            return .decimal(number)
        case boolFalse: return .bool(false)
        case boolTrue: return .bool(true)
        case date:
            let days = try reader.signed()
            guard CalendarDate.supportedDays.contains(days) else { throw FormatError(offset: start, message: "date out of range") }
            return .date(CalendarDate(daysSince1970: days))
        case dateTime: return .dateTime(Timestamp(millisecondsSince1970: try reader.signed()))
        case money: return .money(Money(minorUnits: try reader.signed(), currency: CurrencyCode(try reader.string())))
        case multifield:
            let id = try reader.signed()
            return .multifield(Multifield(id: id < 0 ? nil : id, value: try reader.string(), valueType: try reader.string()))
        case file:
            let id = try reader.signed()
            let name = try reader.string()
            let url = try reader.string()
            return .file(FileReference(id: id, name: name.isEmpty ? nil : name, url: url.isEmpty ? nil : url))
        case list:
            guard depth < 4 else { throw FormatError(offset: start, message: "lists nested too deeply") }
            let count = try reader.count("list length")
            var values: [FieldValue] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try decodeValue(from: &reader, depth: depth + 1)) }
            return .list(values)
        case let kind:
            throw FormatError(offset: start, message: "unknown value kind \(kind)")
        }
    }

    // MARK: Product rows

    private static func encode(_ rows: [ProductRow], into writer: inout BinaryWriter) {
        writer.varint(rows.count)
        for row in rows {
            writer.signed(row.id ?? -1)
            writer.signed(row.productID?.rawValue ?? -1)
            writer.string(row.name)
            writer.string(DecimalText.format(row.price))
            writer.string(DecimalText.format(row.quantity))
            switch row.discount {
            case .none: writer.u8(0)
            case .rate(let rate):
                writer.u8(2)
                writer.string(DecimalText.format(rate))
            case .amount(let amount):
                writer.u8(1)
                writer.string(DecimalText.format(amount))
            }
            writer.string(row.taxRate.map(DecimalText.format) ?? "")
            writer.u8(row.isTaxIncluded ? 1 : 0)
            writer.signed(Int64(row.measureCode ?? -1))
            writer.string(row.measureName ?? "")
            writer.signed(Int64(row.sort))
        }
    }

    private static func decodeProductRows(from reader: inout BinaryReader) throws(FormatError) -> [ProductRow] {
        func number(_ reader: inout BinaryReader) throws(FormatError) -> Decimal {
            let start = reader.offset
            let text = try reader.string()
            guard let value = DecimalText.parse(text) ?? Money.parseDecimal(text) else { throw FormatError(offset: start, message: "bad decimal '\(text)'") }
            return value
        }
        let count = try reader.count("product row count")
        var rows: [ProductRow] = []
        for _ in 0..<count {
            let id = try reader.signed()
            let product = try reader.signed()
            let name = try reader.string()
            let price = try number(&reader)
            let quantity = try number(&reader)
            let discount: ProductRow.Discount
            switch try reader.u8() {
            case 0: discount = .none
            case 1: discount = .amount(try number(&reader))
            case 2: discount = .rate(try number(&reader))
            default: throw reader.failure("unknown discount kind")
            }
            let taxStart = reader.offset
            let taxText = try reader.string()
            let taxRate: Decimal?
            if taxText.isEmpty {
                taxRate = nil
            } else {
                guard let rate = DecimalText.parse(taxText) ?? Money.parseDecimal(taxText) else { throw FormatError(offset: taxStart, message: "bad tax rate") }
                taxRate = rate
            }
            let included = try reader.u8() == 1
            let measure = try reader.signed()
            let measureName = try reader.string()
            let sort = try reader.signed()
            rows.append(
                ProductRow(
                    id: id < 0 ? nil : id, productID: product < 0 ? nil : ItemID(product), name: name, price: price,
                    quantity: quantity, discount: discount, taxRate: taxRate, isTaxIncluded: included,
                    measureCode: measure < 0 ? nil : Int(measure), measureName: measureName.isEmpty ? nil : measureName,
                    sort: Int(sort)))
        }
        return rows
    }
}
