/// A pipeline ("funnel", Bitrix24 category) of deals or invoices. Its stages are the reference book named
/// by ``stageBookID``.
///
/// ```swift
/// let sales = catalogs.defaultPipeline(for: .deal)!   // id 0, stages in "DEAL_STAGE"
/// let rentals = try catalogs.addPipeline(for: .deal, name: "Rentals")  // stages "C1:NEW" ... in "DEAL_STAGE_1"
/// ```
public struct Pipeline: Hashable, Sendable, Codable {
    /// The pipeline's ID (`CATEGORY_ID`).
    public var id: CategoryID
    /// Deals or invoices.
    public var entityType: EntityType
    /// The pipeline's name.
    public var name: LocalizedText
    /// The position among the entity type's pipelines.
    public var sort: Int
    /// Whether new items go here when no pipeline is given.
    public var isDefault: Bool

    /// Makes a pipeline.
    public init(id: CategoryID, entityType: EntityType, name: LocalizedText, sort: Int = 100, isDefault: Bool = false) {
        self.id = id
        self.entityType = entityType
        self.name = name
        self.sort = sort
        self.isDefault = isDefault
    }

    /// The `ENTITY_ID` of its stages: `DEAL_STAGE` (pipeline 0), `DEAL_STAGE_3`, `SMART_INVOICE_STAGE_1`.
    public var stageBookID: String { Pipeline.stageBookID(entityType: entityType, id: id) }

    /// The prefix of its stage IDs: nil for deal pipeline 0, `C3:` for deal pipeline 3, `DT31_1:` for invoices.
    public var stagePrefix: String? { Pipeline.stagePrefix(entityType: entityType, id: id) }

    /// The stage book ID of a pipeline.
    public static func stageBookID(entityType: EntityType, id: CategoryID) -> String {
        switch entityType {
        case .invoice: "SMART_INVOICE_STAGE_\(id)"
        default: id == 0 ? "DEAL_STAGE" : "DEAL_STAGE_\(id)"
        }
    }

    /// The stage prefix of a pipeline.
    public static func stagePrefix(entityType: EntityType, id: CategoryID) -> String? {
        switch entityType {
        case .invoice: "DT31_\(id):"
        default: id == 0 ? nil : "C\(id):"
        }
    }
}
