import Foundation

/// Product rows in Bitrix24's REST shapes: `crm.deal.productrows.get` (UPPER_CASE) and
/// `crm.item.productrow.*` (camelCase). Decoding reads the entered price back from `PRICE_BRUTTO` (tax
/// included) or `PRICE_NETTO`; encoding writes every price Bitrix24 reports, computed by ``ProductRow``.
///
/// ```swift
/// let rows = try ProductRowCodec(dialect: .legacy).decodeRows(json["result"]!)
/// ```
public struct ProductRowCodec: Sendable {
    /// The dialect.
    public var dialect: RESTDialect

    /// Makes a codec.
    public init(dialect: RESTDialect) { self.dialect = dialect }

    private func key(_ legacy: String) -> String {
        guard dialect == .item else { return legacy }
        let parts = legacy.lowercased().split(separator: "_")
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }
            .joined()
    }

    /// Decodes an array of rows (or `{"productRows": [...]}` in the item dialect).
    public func decodeRows(_ json: JSONValue) throws(RESTDecodingError) -> [ProductRow] {
        let array: [JSONValue]
        switch json {
        case .array(let elements): array = elements
        case .object:
            guard case .array(let elements)? = json["productRows"] ?? json["productRow"].map({ .array([$0]) }) else {
                throw RESTDecodingError(message: "expected an array of product rows")
            }
            array = elements
        default: throw RESTDecodingError(message: "expected an array of product rows")
        }
        var rows: [ProductRow] = []
        for (index, element) in array.enumerated() { rows.append(try decodeRow(element, position: index)) }
        return rows
    }

    /// Decodes one row.
    public func decodeRow(_ json: JSONValue, position: Int? = nil) throws(RESTDecodingError) -> ProductRow {
        guard case .object = json else { throw RESTDecodingError(position: position, message: "a product row is an object") }
        func number(_ name: String) throws(RESTDecodingError) -> Decimal? {
            switch json[key(name)] {
            case nil, .null?: return nil
            case .integer(let value)?: return Decimal(value)
            case .double(let value)?: return Decimal(string: String(value)) ?? Decimal(value)
            case .string(let text)?:
                if text.isEmpty { return nil }
                guard let value = Money.parseDecimal(text) else {
                    throw RESTDecodingError(position: position, field: key(name), message: "'\(text)' is not a number")
                }
                return value
            default: throw RESTDecodingError(position: position, field: key(name), message: "expected a number")
            }
        }
        func integer(_ name: String) throws(RESTDecodingError) -> Int64? {
            guard let value = try number(name) else { return nil }
            guard let whole = Int64(exactly: NSDecimalNumber(decimal: value).int64Value), Decimal(whole) == value else {
                throw RESTDecodingError(position: position, field: key(name), message: "expected a whole number")
            }
            return whole
        }
        let taxIncluded: Bool
        switch json[key("TAX_INCLUDED")] {
        case .string("Y")?, .bool(true)?: taxIncluded = true
        default: taxIncluded = false
        }
        let discount: ProductRow.Discount
        switch try integer("DISCOUNT_TYPE_ID") {
        case 1?: discount = .amount(try number("DISCOUNT_SUM") ?? 0)
        case 2?: discount = .rate(try number("DISCOUNT_RATE") ?? 0)
        default: discount = .none
        }
        var price = taxIncluded ? try number("PRICE_BRUTTO") : try number("PRICE_NETTO")
        if price == nil { price = try number("PRICE") }
        let name = json[key("PRODUCT_NAME")]?.stringValue ?? ""
        let product = try integer("PRODUCT_ID")
        return ProductRow(
            id: try integer("ID"), productID: product.flatMap { $0 > 0 ? ItemID($0) : nil }, name: name,
            price: price ?? 0, quantity: try number("QUANTITY") ?? 1, discount: discount,
            taxRate: try number("TAX_RATE"), isTaxIncluded: taxIncluded, measureCode: try integer("MEASURE_CODE").map { Int($0) },
            measureName: json[key("MEASURE_NAME")]?.stringValue, sort: Int(try integer("SORT") ?? 10))
    }

    /// Encodes one row with all its prices.
    public func encodeRow(_ row: ProductRow, owner: ItemReference? = nil) -> JSONValue {
        let legacy = dialect == .legacy
        func number(_ value: Decimal) -> JSONValue { .double(NSDecimalNumber(decimal: ProductRow.roundedToCents(value)).doubleValue) }
        let discountType: Int64 =
            switch row.discount {
            case .amount: 1
            case .rate, .none: 2
            }
        let rate: Decimal =
            switch row.discount {
            case .rate(let rate): rate
            case .amount, .none: row.unitPriceNet == 0 ? 0 : row.discountPerUnit / row.unitPriceNet * 100
            }
        var members: [(String, JSONValue)] = []
        members.append((key("ID"), row.id.map { legacy ? .string(String($0)) : .integer($0) } ?? .null))
        if let owner {
            members.append((key("OWNER_ID"), legacy ? .string(String(owner.id)) : .integer(owner.id)))
            let ownerType = ["lead": "L", "deal": "D", "quote": "Q", "invoice": "SI"][owner.entityType.rawValue] ?? "D"
            members.append((key("OWNER_TYPE"), .string(ownerType)))
        }
        members += [
            (key("PRODUCT_ID"), .integer(row.productID?.rawValue ?? 0)), (key("PRODUCT_NAME"), .string(row.name)),
            (key("PRICE"), number(row.unitPrice)), (key("PRICE_EXCLUSIVE"), number(row.unitPriceExclusive)),
            (key("PRICE_NETTO"), number(row.unitPriceNet)),
            (key("PRICE_BRUTTO"), number(row.unitPriceNet * (1 + (row.taxRate ?? 0) / 100))),
            (key("QUANTITY"), number(row.quantity)), (key("DISCOUNT_TYPE_ID"), .integer(discountType)),
            (key("DISCOUNT_RATE"), number(rate)), (key("DISCOUNT_SUM"), number(row.discountPerUnit)),
            (key("TAX_RATE"), row.taxRate.map(number) ?? .null),
            (key("TAX_INCLUDED"), legacy ? .string(row.isTaxIncluded ? "Y" : "N") : .string(row.isTaxIncluded ? "Y" : "N")),
            (key("MEASURE_CODE"), row.measureCode.map { .integer(Int64($0)) } ?? .null),
            (key("MEASURE_NAME"), row.measureName.map(JSONValue.string) ?? .null), (key("SORT"), .integer(Int64(row.sort))),
        ]
        return .object(members)
    }
}
