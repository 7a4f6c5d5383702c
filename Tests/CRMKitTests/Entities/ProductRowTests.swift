import CRMKit
import Foundation
import Testing

struct ProductRowTests {
    /// One row and its expected figures, all as exact decimal text.
    struct Case: Sendable, CustomTestStringConvertible {
        var price: String
        var quantity: String
        var discount: Discount
        var taxRate: String?
        var isTaxIncluded: Bool
        var unitPriceNet: String?
        var discountPerUnit: String?
        var unitPriceExclusive: String?
        var unitPrice: String?
        var total: String
        var taxAmount: String

        enum Discount: Sendable {
            case none
            case rate(String)
            case amount(String)
        }

        var testDescription: String {
            "\(price) × \(quantity), \(discount), tax \(taxRate ?? "none")\(isTaxIncluded ? " included" : "")"
        }

        func row() throws -> ProductRow {
            let discount: ProductRow.Discount =
                switch self.discount {
                case .none: .none
                case .rate(let rate): .rate(try decimal(rate))
                case .amount(let amount): .amount(try decimal(amount))
                }
            return ProductRow(
                name: "Row", price: try decimal(price), quantity: try decimal(quantity), discount: discount,
                taxRate: try taxRate.map { try decimal($0) }, isTaxIncluded: isTaxIncluded)
        }
    }

    static let cases: [Case] = [
        // 100 × 3, 10 % off (10 per unit), 22 % on top: 90 → 109.80 per unit; 329.40 in all, of which 3 × 19.80 tax.
        Case(
            price: "100", quantity: "3", discount: .rate("10"), taxRate: "22", isTaxIncluded: false, unitPriceNet: "100",
            discountPerUnit: "10", unitPriceExclusive: "90", unitPrice: "109.8", total: "329.4", taxAmount: "59.4"),
        // 122 with 22 % included is 100 net; 2 units: 244 with 44 tax.
        Case(
            price: "122", quantity: "2", discount: .none, taxRate: "22", isTaxIncluded: true, unitPriceNet: "100",
            discountPerUnit: "0", unitPriceExclusive: "100", unitPrice: "122", total: "244", taxAmount: "44"),
        // 244 with 22 % included is 200 net; 25 % off is 50; 150 net → 183 gross; tax 33.
        Case(
            price: "244", quantity: "1", discount: .rate("25"), taxRate: "22", isTaxIncluded: true, unitPriceNet: "200",
            discountPerUnit: "50", unitPriceExclusive: "150", unitPrice: "183", total: "183", taxAmount: "33"),
        // 100 with 22 % included: 81.967213… net; the row still totals 100.00, tax 81.967213… × 0.22 = 18.0327… → 18.03.
        Case(
            price: "100", quantity: "1", discount: .none, taxRate: "22", isTaxIncluded: true, unitPriceNet: nil,
            discountPerUnit: "0", unitPriceExclusive: nil, unitPrice: nil, total: "100", taxAmount: "18.03"),
        // 50 × 4 with 5 off per unit, no tax: 45 × 4 = 180.
        Case(
            price: "50", quantity: "4", discount: .amount("5"), taxRate: nil, isTaxIncluded: false, unitPriceNet: "50",
            discountPerUnit: "5", unitPriceExclusive: "45", unitPrice: "45", total: "180", taxAmount: "0"),
        // 19.99 × 1.5 with 10 %: 21.989 per unit; 32.9835 → 32.98; tax 1.999 × 1.5 = 2.9985 → 3.00.
        Case(
            price: "19.99", quantity: "1.5", discount: .none, taxRate: "10", isTaxIncluded: false, unitPriceNet: "19.99",
            discountPerUnit: "0", unitPriceExclusive: "19.99", unitPrice: "21.989", total: "32.98", taxAmount: "3"),
        // A 0 % rate adds nothing.
        Case(
            price: "10", quantity: "3", discount: .none, taxRate: "0", isTaxIncluded: false, unitPriceNet: "10",
            discountPerUnit: "0", unitPriceExclusive: "10", unitPrice: "10", total: "30", taxAmount: "0"),
        // 100 % off: nothing to pay, no tax.
        Case(
            price: "80", quantity: "2", discount: .rate("100"), taxRate: "22", isTaxIncluded: false, unitPriceNet: "80",
            discountPerUnit: "80", unitPriceExclusive: "0", unitPrice: "0", total: "0", taxAmount: "0"),
        // 0.10 × 3 with 22 %: 0.122 per unit; 0.366 → 0.37; tax 0.066 → 0.07.
        Case(
            price: "0.10", quantity: "3", discount: .none, taxRate: "22", isTaxIncluded: false, unitPriceNet: "0.1",
            discountPerUnit: "0", unitPriceExclusive: "0.1", unitPrice: "0.122", total: "0.37", taxAmount: "0.07"),
        // 33.33 × 3, 15 % off (4.9995) → 28.3305 net, 34.56321 gross; 103.68963 → 103.69; tax 18.69813 → 18.70.
        Case(
            price: "33.33", quantity: "3", discount: .rate("15"), taxRate: "22", isTaxIncluded: false, unitPriceNet: "33.33",
            discountPerUnit: "4.9995", unitPriceExclusive: "28.3305", unitPrice: "34.56321", total: "103.69",
            taxAmount: "18.7"),
        // 9.99 with 4 % included, 0.99 off per unit, 7 units: gross per unit 9.99 − 0.99 × 1.04 = 8.9604;
        // 62.7228 → 62.72; tax (9.99 / 1.04 − 0.99) × 0.04 × 7 = 2.41241… → 2.41.
        Case(
            price: "9.99", quantity: "7", discount: .amount("0.99"), taxRate: "4", isTaxIncluded: true, unitPriceNet: nil,
            discountPerUnit: "0.99", unitPriceExclusive: nil, unitPrice: nil, total: "62.72", taxAmount: "2.41"),
        // Zero quantity.
        Case(
            price: "12.5", quantity: "0", discount: .none, taxRate: "22", isTaxIncluded: false, unitPriceNet: "12.5",
            discountPerUnit: "0", unitPriceExclusive: "12.5", unitPrice: "15.25", total: "0", taxAmount: "0"),
    ]

    @Test(arguments: cases)
    func computations(_ example: Case) throws {
        let row = try example.row()
        if let net = example.unitPriceNet { #expect(row.unitPriceNet == (try decimal(net))) }
        if let discount = example.discountPerUnit { #expect(row.discountPerUnit == (try decimal(discount))) }
        if let exclusive = example.unitPriceExclusive { #expect(row.unitPriceExclusive == (try decimal(exclusive))) }
        if let unitPrice = example.unitPrice { #expect(row.unitPrice == (try decimal(unitPrice))) }
        #expect(row.total == (try decimal(example.total)))
        #expect(row.taxAmount == (try decimal(example.taxAmount)))
    }

    @Test func nonTerminatingNetPricesRoundToTheCent() throws {
        let row = ProductRow(name: "Gross", price: 100, taxRate: 22, isTaxIncluded: true)
        #expect(ProductRow.roundedToCents(row.unitPriceNet) == (try decimal("81.97")))
        #expect(ProductRow.roundedToCents(row.unitPrice) == 100)
    }

    @Test(arguments: [
        ("10.005", "10.01"), ("-10.005", "-10.01"), ("2.675", "2.68"), ("1.004", "1"), ("0.125", "0.13"),
        ("-0.125", "-0.13"), ("0.0049", "0"), ("99.995", "100"), ("12", "12"), ("-0.004", "0"),
    ] as [(String, String)])
    func roundsHalfAwayFromZero(value: String, expected: String) throws {
        #expect(ProductRow.roundedToCents(try decimal(value)) == (try decimal(expected)))
    }

    @Test func defaults() throws {
        let row = ProductRow(name: "Consulting hour", price: 100)
        #expect(row.quantity == 1)
        #expect(row.discount == .none)
        #expect(row.taxRate == nil)
        #expect(!row.isTaxIncluded)
        #expect(row.measureCode == 796)
        #expect(row.measureName == "pcs")
        #expect(row.sort == 10)
        #expect(row.id == nil)
        #expect(row.productID == nil)
        #expect(row.total == 100)
        #expect(row.taxAmount == 0)
    }

    @Test func codableRoundTrip() throws {
        let rows = [
            ProductRow(
                id: 3, productID: 17, name: "Consulting hour", price: try decimal("99.90"), quantity: try decimal("2.5"),
                discount: .rate(try decimal("12.5")), taxRate: 22, isTaxIncluded: true, measureCode: 356, measureName: "h",
                sort: 20),
            ProductRow(name: "Free text", price: 5, discount: .amount(try decimal("0.5")), measureCode: nil, measureName: nil),
        ]
        let decoded = try JSONDecoder().decode([ProductRow].self, from: JSONEncoder().encode(rows))
        #expect(decoded == rows)
        #expect(decoded[0].total == rows[0].total)
    }
}
