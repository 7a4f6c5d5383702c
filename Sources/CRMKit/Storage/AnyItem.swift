/// An item of any of CRMKit's entity types, as stores keep them.
///
/// ```swift
/// let item = AnyItem(deal)          // .deal(deal)
/// item.reference                    // deal 17
/// item.value(of: "STAGE_ID")        // .string("NEW")
/// item.entity(as: Deal.self)        // the deal back
/// ```
public indirect enum AnyItem: Hashable, Sendable, Codable {
    /// A lead.
    case lead(Lead)
    /// A deal.
    case deal(Deal)
    /// A contact.
    case contact(Contact)
    /// A company.
    case company(Company)
    /// A quote.
    case quote(Quote)
    /// A smart invoice.
    case invoice(Invoice)
    /// A product.
    case product(Product)

    /// Wraps one of CRMKit's entities; nil for any other `CRMEntity` type.
    public init?<Entity: CRMEntity>(_ entity: Entity) {
        switch entity {
        case let item as Lead: self = .lead(item)
        case let item as Deal: self = .deal(item)
        case let item as Contact: self = .contact(item)
        case let item as Company: self = .company(item)
        case let item as Quote: self = .quote(item)
        case let item as Invoice: self = .invoice(item)
        case let item as Product: self = .product(item)
        default: return nil
        }
    }

    /// The entity, if it is of that type (inlinable: specialized, the cast folds away).
    @inlinable
    public func entity<Entity: CRMEntity>(as type: Entity.Type) -> Entity? {
        switch self {
        case .lead(let item): item as? Entity
        case .deal(let item): item as? Entity
        case .contact(let item): item as? Entity
        case .company(let item): item as? Entity
        case .quote(let item): item as? Entity
        case .invoice(let item): item as? Entity
        case .product(let item): item as? Entity
        }
    }

    /// The entity type.
    public var entityType: EntityType {
        switch self {
        case .lead: .lead
        case .deal: .deal
        case .contact: .contact
        case .company: .company
        case .quote: .quote
        case .invoice: .invoice
        case .product: .product
        }
    }

    /// The item's ID.
    public var id: Int64 {
        switch self {
        case .lead(let item): item.id.rawValue
        case .deal(let item): item.id.rawValue
        case .contact(let item): item.id.rawValue
        case .company(let item): item.id.rawValue
        case .quote(let item): item.id.rawValue
        case .invoice(let item): item.id.rawValue
        case .product(let item): item.id.rawValue
        }
    }

    /// The item's type and ID.
    public var reference: ItemReference { ItemReference(entityType, id) }

    /// A field's value by legacy code or `crm.item` key; nil for an unknown field.
    public func value(of code: FieldCode) -> FieldValue? {
        switch self {
        case .lead(let item): item[field: code]
        case .deal(let item): item[field: code]
        case .contact(let item): item[field: code]
        case .company(let item): item[field: code]
        case .quote(let item): item[field: code]
        case .invoice(let item): item[field: code]
        case .product(let item): item[field: code]
        }
    }

    /// The values of several fields by code (``FieldValue/null`` for an unknown one), copying the entity out
    /// of the enum once for all of them.
    func values(of codes: [FieldCode]) -> [FieldValue] {
        switch self {
        case .lead(let item): codes.map { item[field: $0] ?? .null }
        case .deal(let item): codes.map { item[field: $0] ?? .null }
        case .contact(let item): codes.map { item[field: $0] ?? .null }
        case .company(let item): codes.map { item[field: $0] ?? .null }
        case .quote(let item): codes.map { item[field: $0] ?? .null }
        case .invoice(let item): codes.map { item[field: $0] ?? .null }
        case .product(let item): codes.map { item[field: $0] ?? .null }
        }
    }

    /// The values of the fields at positions of the entity type's schema, for stores' indexes: the entity is
    /// copied out of the enum once for all of them (a copy retains every one of its strings and arrays).
    func values(atBindings indexes: [Int]) -> [FieldValue] {
        switch self {
        case .lead(let item): Lead.schema.values(of: item, at: indexes)
        case .deal(let item): Deal.schema.values(of: item, at: indexes)
        case .contact(let item): Contact.schema.values(of: item, at: indexes)
        case .company(let item): Company.schema.values(of: item, at: indexes)
        case .quote(let item): Quote.schema.values(of: item, at: indexes)
        case .invoice(let item): Invoice.schema.values(of: item, at: indexes)
        case .product(let item): Product.schema.values(of: item, at: indexes)
        }
    }

    /// The item with only the selected fields (and its ID) kept; the others are at their empty values.
    public func selecting(_ fields: [FieldCode]) -> AnyItem {
        switch self {
        case .lead(let item): .lead(Self.select(fields, from: item))
        case .deal(let item): .deal(Self.select(fields, from: item))
        case .contact(let item): .contact(Self.select(fields, from: item))
        case .company(let item): .company(Self.select(fields, from: item))
        case .quote(let item): .quote(Self.select(fields, from: item))
        case .invoice(let item): .invoice(Self.select(fields, from: item))
        case .product(let item): .product(Self.select(fields, from: item))
        }
    }

    private static func select<Entity: CRMEntity>(_ fields: [FieldCode], from entity: Entity) -> Entity {
        var result = Entity()
        result.id = entity.id
        for code in fields {
            if let value = entity[field: code] { try? result.setValue(value, forField: code) }
        }
        return result
    }
}
