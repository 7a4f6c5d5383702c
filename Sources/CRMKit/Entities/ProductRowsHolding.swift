/// An entity with product rows (leads, deals, quotes, invoices): its amount is the rows' total unless the
/// amount is manual.
public protocol ProductRowsHolding {
    /// The products, in order.
    var productRows: [ProductRow] { get set }
}

extension Lead: ProductRowsHolding {}
extension Deal: ProductRowsHolding {}
extension Quote: ProductRowsHolding {}
extension Invoice: ProductRowsHolding {}
