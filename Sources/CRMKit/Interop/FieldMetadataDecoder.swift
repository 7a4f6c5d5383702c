/// Reads Bitrix24's field-metadata responses (`crm.<entity>.fields`, `crm.item.fields`) into
/// ``FieldDescriptor``s, so a portal's own fields (including its user fields) can be read and compared.
///
/// ```swift
/// let fields = try FieldMetadataDecoder.decode(json, dialect: .legacy)
/// fields.first { $0.code == "STAGE_ID" }?.statusType  // "DEAL_STAGE"
/// ```
public enum FieldMetadataDecoder {
    /// The descriptors of a fields response, in order.
    public static func decode(_ json: JSONValue, dialect: RESTDialect) throws(RESTDecodingError) -> [FieldDescriptor] {
        guard let result = json["result"] else { throw RESTDecodingError(message: "the response has no \"result\"") }
        let container = dialect == .item ? result["fields"] : result
        guard case .object(let members)? = container else {
            throw RESTDecodingError(message: dialect == .item ? "expected result.fields" : "expected an object of fields")
        }
        var descriptors: [FieldDescriptor] = []
        for member in members {
            let field = member.key
            guard case .string(let type)? = member.value["type"] else {
                throw RESTDecodingError(field: field, message: "a field needs a type")
            }
            var flags: FieldFlags = []
            for (name, flag) in [("isRequired", FieldFlags.required), ("isReadOnly", .readOnly), ("isImmutable", .immutable),
                ("isMultiple", .multiple), ("isDynamic", .dynamic), ("isDeprecated", .deprecated)]
            {
                switch member.value[name] {
                case .bool(true)?: flags.insert(flag)
                case nil, .bool(false)?: break
                default: throw RESTDecodingError(field: field, message: "\(name) must be true or false")
                }
            }
            let code = dialect == .item ? member.value["upperName"]?.stringValue ?? field : field
            var parent: Int?
            if case .integer(let id)? = member.value["settings"]?["parentEntityTypeId"] { parent = Int(exactly: id) }
            descriptors.append(
                FieldDescriptor(
                    code: FieldCode(code), itemKey: dialect == .item ? field : nil, type: FieldType(rawValue: type), flags: flags,
                    statusType: member.value["statusType"]?.stringValue, parentEntityTypeID: parent,
                    title: LocalizedText(member.value["title"]?.stringValue ?? code)))
        }
        return descriptors
    }
}
