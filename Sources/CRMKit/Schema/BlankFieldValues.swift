/// The field values of an empty item of each type, computed once: what a store leaves out of a record and
/// what a new item's read-only fields must still equal.
enum BlankFieldValues {
    private static let cache: [EntityType: [FieldValue]] = {
        func values<E: CRMEntity>(_ type: E.Type) -> [FieldValue] { E.schema.values(of: E()) }
        return [
            .lead: values(Lead.self), .deal: values(Deal.self), .contact: values(Contact.self),
            .company: values(Company.self), .quote: values(Quote.self), .invoice: values(Invoice.self),
            .product: values(Product.self),
        ]
    }()

    /// Every field's empty value, by position in the type's schema.
    static func values<E: CRMEntity>(for type: E.Type) -> [FieldValue] { cache[E.entityType] ?? [] }
}
