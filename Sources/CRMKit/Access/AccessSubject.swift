/// What the permission rules look at in an item: its type, pipeline, stage, responsible person,
/// "available to everyone" flag and observers.
public struct AccessSubject: Hashable, Sendable {
    /// The entity type; nil for CRM settings (catalogs, pipelines, user fields).
    public var entityType: EntityType?
    /// The item, when it exists already.
    public var item: ItemReference?
    /// The pipeline, for deals and invoices.
    public var pipeline: CategoryID?
    /// The current stage.
    public var stage: StatusID?
    /// The responsible person.
    public var responsible: UserID?
    /// "Available to everyone".
    public var isOpened: Bool
    /// The observers.
    public var observers: [UserID]

    /// Makes a subject.
    public init(
        entityType: EntityType?, item: ItemReference? = nil, pipeline: CategoryID? = nil, stage: StatusID? = nil,
        responsible: UserID? = nil, isOpened: Bool = false, observers: [UserID] = []
    ) {
        self.entityType = entityType
        self.item = item
        self.pipeline = pipeline
        self.stage = stage
        self.responsible = responsible
        self.isOpened = isOpened
        self.observers = observers
    }

    /// CRM settings: reference books, pipelines, currencies, user fields.
    public static var settings: AccessSubject { AccessSubject(entityType: nil) }

    /// The subject of an item, read through its schema.
    public init<Entity: CRMEntity>(_ entity: Entity) {
        let schema = Entity.schema
        let positions = [schema.index(of: .categoryId), schema.stageIndex, schema.index(of: .assignedById), schema.index(of: .observers), schema.index(of: .opened)]
        let values = schema.reading(entity) { read in positions.map { $0.map(read) ?? .null } }
        var pipeline: CategoryID?
        if case .integer(let id) = values[0] { pipeline = CategoryID(id) }
        var stage: StatusID?
        if case .string(let text) = values[1] { stage = StatusID(text) }
        var responsible: UserID?
        if case .integer(let id) = values[2] { responsible = UserID(id) }
        var observers: [UserID] = []
        if case .list(let list) = values[3] {
            observers = list.compactMap { if case .integer(let id) = $0 { UserID(id) } else { nil } }
        }
        self.init(
            entityType: Entity.entityType, item: entity.id.isAssigned ? ItemReference(entity.id) : nil, pipeline: pipeline,
            stage: stage, responsible: responsible, isOpened: values[4] == .bool(true), observers: observers)
    }
}
