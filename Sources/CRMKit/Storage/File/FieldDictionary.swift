/// The field codes of each entity type, as a file was written with them. Records tag each value with its
/// field's position here; the dictionary is stored in every file header, so a newer library reads older
/// files whatever it added, and an older library refuses a file with fields it does not know.
struct FieldDictionary: Equatable, Sendable {
    /// Reserved codes for an item's parts that are not fields.
    static let productRows: FieldCode = "#PRODUCT_ROWS"
    static let requisites: FieldCode = "#REQUISITES"

    /// Tag 0 ends a record, tag 1 holds user fields, tag 2 + n the n-th code.
    static let endTag: UInt64 = 0
    static let customFieldsTag: UInt64 = 1
    static let firstFieldTag: UInt64 = 2

    let codes: [EntityType: [FieldCode]]
    /// For each entity type, each code's binding index in this library's schema (`-1` for the reserved part
    /// codes, `-2` for codes this library does not know), resolved once per file rather than per record.
    let bindingIndexes: [EntityType: [Int]]

    init(codes: [EntityType: [FieldCode]]) {
        self.codes = codes
        var indexes: [EntityType: [Int]] = [:]
        for (type, list) in codes {
            let current = Dictionary(type.fields.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
            indexes[type] = list.map { code in
                if code == FieldDictionary.productRows || code == FieldDictionary.requisites { return -1 }
                return current[code] ?? -2
            }
        }
        bindingIndexes = indexes
    }

    static func == (lhs: FieldDictionary, rhs: FieldDictionary) -> Bool { lhs.codes == rhs.codes }

    /// This library's dictionary.
    static let current = FieldDictionary(
        codes: Dictionary(
            uniqueKeysWithValues: EntityType.allCases.map { type in
                (type, type.fields.map(\.code) + [productRows, requisites])
            }))

    /// The tags of the codes of one entity type.
    func tags(for type: EntityType) -> [FieldCode: UInt64] {
        var tags: [FieldCode: UInt64] = [:]
        for (index, code) in (codes[type] ?? []).enumerated() { tags[code] = FieldDictionary.firstFieldTag + UInt64(index) }
        return tags
    }

    func encode(into writer: inout BinaryWriter) {
        writer.varint(codes.count)
        for type in EntityType.allCases {
            guard let list = codes[type] else { continue }
            writer.u8(type.storageCode)
            writer.varint(list.count)
            for code in list { writer.string(code.rawValue) }
        }
    }

    static func decode(from reader: inout BinaryReader) throws(FormatError) -> FieldDictionary {
        var codes: [EntityType: [FieldCode]] = [:]
        let typeCount = try reader.count("entity type count")
        for _ in 0..<typeCount {
            let type = try EntityType.decode(from: &reader)
            let count = try reader.count("field count")
            var list: [FieldCode] = []
            for _ in 0..<count { list.append(FieldCode(try reader.string())) }
            codes[type] = list
        }
        return FieldDictionary(codes: codes)
    }

    /// The codes in this (older or newer) dictionary that this library does not know.
    func unknownCodes() -> [String] {
        codes.flatMap { type, list in
            let known = Set(FieldDictionary.current.codes[type] ?? [])
            return list.filter { !known.contains($0) }.map { "\(type).\($0)" }
        }.sorted()
    }
}

extension EntityType {
    /// The entity type's byte in files (Bitrix24's `entityTypeId`; 100 for products).
    var storageCode: UInt8 { UInt8(entityTypeID ?? 100) }

    static func decode(from reader: inout BinaryReader) throws(FormatError) -> EntityType {
        let code = try reader.u8()
        if code == 100 { return .product }
        guard let type = EntityType(entityTypeID: Int(code)) else { throw reader.failure("unknown entity type \(code)") }
        return type
    }
}
