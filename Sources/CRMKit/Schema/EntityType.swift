/// The CRM entity types, with Bitrix24's numeric `entityTypeId` and REST names.
///
/// ```swift
/// EntityType.deal.entityTypeID   // 2
/// EntityType.invoice.restPrefix  // "crm.item"
/// ```
public enum EntityType: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Leads (`crm.lead.*`, entityTypeId 1).
    case lead
    /// Deals (`crm.deal.*`, entityTypeId 2).
    case deal
    /// Contacts (`crm.contact.*`, entityTypeId 3).
    case contact
    /// Companies (`crm.company.*`, entityTypeId 4).
    case company
    /// Quotes, "estimates" (`crm.quote.*`, entityTypeId 7).
    case quote
    /// Smart invoices (`crm.item.*` with entityTypeId 31).
    case invoice
    /// Catalog products (`crm.product.*`).
    case product

    /// Bitrix24's `entityTypeId`; nil for products, which live in the catalog.
    public var entityTypeID: Int? {
        switch self {
        case .lead: 1
        case .deal: 2
        case .contact: 3
        case .company: 4
        case .quote: 7
        case .invoice: 31
        case .product: nil
        }
    }

    /// The entity type with a Bitrix24 `entityTypeId`, or nil.
    public init?(entityTypeID: Int) {
        guard let type = EntityType.allCases.first(where: { $0.entityTypeID == entityTypeID }) else { return nil }
        self = type
    }

    /// The REST method prefix: `crm.deal`, or `crm.item` for invoices.
    public var restPrefix: String { self == .invoice ? "crm.item" : "crm.\(rawValue)" }

    /// The name used in placeholder titles (`Deal #17`) and messages.
    public var displayName: LocalizedText {
        switch self {
        case .lead: LocalizedText("Lead", italian: "Lead")
        case .deal: LocalizedText("Deal", italian: "Affare")
        case .contact: LocalizedText("Contact", italian: "Contatto")
        case .company: LocalizedText("Company", italian: "Azienda")
        case .quote: LocalizedText("Estimate", italian: "Preventivo")
        case .invoice: LocalizedText("Invoice", italian: "Fattura")
        case .product: LocalizedText("Product", italian: "Prodotto")
        }
    }

    /// Whether items of this type move through stages.
    public var hasStages: Bool { [.lead, .deal, .quote, .invoice].contains(self) }

    /// Whether items of this type belong to pipelines (categories).
    public var hasPipelines: Bool { self == .deal || self == .invoice }

    public var description: String { rawValue }
}

extension EntityType {
    /// The code of the stage field: `STATUS_ID` for leads and quotes, `STAGE_ID` for deals and invoices; nil
    /// for types without stages.
    public var stageFieldCode: FieldCode? {
        switch self {
        case .lead, .quote: "STATUS_ID"
        case .deal, .invoice: "STAGE_ID"
        case .contact, .company, .product: nil
        }
    }
}
