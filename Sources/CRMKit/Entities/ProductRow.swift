public import Foundation

/// One line of an item's products: which product, at what price, how many, with what discount and tax.
///
/// Prices follow Bitrix24: ``price`` is the unit price as entered (including tax when ``isTaxIncluded``);
/// the discount applies to the price without tax; ``unitPrice`` is Bitrix24's `PRICE` (after discount, with
/// tax) and ``total`` is what the row adds to the item's amount.
///
/// ```swift
/// let row = ProductRow(name: "Consulting hour", price: 100, quantity: 3, discount: .rate(10), taxRate: 22)
/// row.unitPriceExclusive  // 90
/// row.unitPrice           // 109.8
/// row.total               // 329.4
/// row.taxAmount           // 59.4
/// ```
public struct ProductRow: Hashable, Sendable, Codable {
    /// A discount on the unit price without tax.
    public enum Discount: Hashable, Sendable, Codable {
        /// No discount.
        case none
        /// A percentage (`DISCOUNT_TYPE_ID` 2, `DISCOUNT_RATE`).
        case rate(Decimal)
        /// An amount per unit (`DISCOUNT_TYPE_ID` 1, `DISCOUNT_SUM`).
        case amount(Decimal)
    }

    /// The row's ID, or nil for a new row.
    public var id: Int64?
    /// The catalog product, or nil for a free-text row.
    public var productID: ItemID<Product>?
    /// The product name as shown on the row.
    public var name: String
    /// The unit price as entered (with tax when ``isTaxIncluded``).
    public var price: Decimal
    /// How many units.
    public var quantity: Decimal
    /// The discount per unit.
    public var discount: Discount
    /// The tax rate in percent, or nil for no tax.
    public var taxRate: Decimal?
    /// Whether ``price`` already includes the tax.
    public var isTaxIncluded: Bool
    /// The unit of measure's code (OKEI: 796 pieces, 356 hours, ...).
    public var measureCode: Int?
    /// The unit of measure's name ("pcs", "h").
    public var measureName: String?
    /// The row's position.
    public var sort: Int

    /// Makes a row.
    public init(
        id: Int64? = nil, productID: ItemID<Product>? = nil, name: String, price: Decimal, quantity: Decimal = 1,
        discount: Discount = .none, taxRate: Decimal? = nil, isTaxIncluded: Bool = false, measureCode: Int? = 796,
        measureName: String? = "pcs", sort: Int = 10
    ) {
        self.id = id
        self.productID = productID
        self.name = name
        self.price = price
        self.quantity = quantity
        self.discount = discount
        self.taxRate = taxRate
        self.isTaxIncluded = isTaxIncluded
        self.measureCode = measureCode
        self.measureName = measureName
        self.sort = sort
    }

    private var taxFactor: Decimal { 1 + (taxRate ?? 0) / 100 }

    /// The unit price before discount, without tax (Bitrix24's `PRICE_NETTO`).
    public var unitPriceNet: Decimal { isTaxIncluded ? price / taxFactor : price }

    /// The discount per unit (Bitrix24's `DISCOUNT_SUM`).
    public var discountPerUnit: Decimal {
        switch discount {
        case .none: 0
        case .rate(let rate): unitPriceNet * rate / 100
        case .amount(let amount): amount
        }
    }

    /// The unit price after discount, without tax (Bitrix24's `PRICE_EXCLUSIVE`).
    public var unitPriceExclusive: Decimal { unitPriceNet - discountPerUnit }

    /// The unit price after discount, with tax (Bitrix24's `PRICE`).
    public var unitPrice: Decimal { unitPriceExclusive * taxFactor }

    /// The row's total with tax, rounded to cents.
    public var total: Decimal { ProductRow.roundedToCents(unitPrice * quantity) }

    /// The row's tax, rounded to cents.
    public var taxAmount: Decimal { ProductRow.roundedToCents(unitPriceExclusive * (taxFactor - 1) * quantity) }

    /// Rounds half away from zero to two decimal places, as Bitrix24 stores amounts.
    public static func roundedToCents(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        return result
    }
}
