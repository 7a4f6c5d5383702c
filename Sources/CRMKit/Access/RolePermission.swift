/// One row of a role: on a permission entity, an operation at a level, optionally only for items in one stage;
/// TRANSITION rows hold where items may move instead of a level.
///
/// ```swift
/// RolePermission(entity: "DEAL", operation: .read, level: .department)
/// RolePermission(entity: "DEAL", operation: .write, level: .own, stage: "WON")
/// RolePermission(entity: "DEAL", operation: .transition, stage: "NEW", transition: .stages(["PREPARATION", "LOSE"]))
/// ```
public struct RolePermission: Hashable, Sendable, Codable {
    /// The permission entity.
    public var entity: PermissionEntity
    /// The operation.
    public var operation: AccessOperation
    /// The level (unused for TRANSITION).
    public var level: PermissionLevel
    /// The stage this row is specific to, or nil for the whole entity.
    public var stage: StatusID?
    /// For TRANSITION rows: where items in ``stage`` (or any stage) may move.
    public var transition: TransitionSetting?

    /// Makes a row.
    public init(
        entity: PermissionEntity, operation: AccessOperation, level: PermissionLevel = .none, stage: StatusID? = nil,
        transition: TransitionSetting? = nil
    ) {
        self.entity = entity
        self.operation = operation
        self.level = level
        self.stage = stage
        self.transition = transition
    }

    /// `DEAL READ D`, `DEAL[WON] WRITE A`, `DEAL[NEW] TRANSITION PREPARATION,LOSE`.
    public var summary: String {
        let place = entity.rawValue + (stage.map { "[\($0)]" } ?? "")
        if operation == .transition {
            let target: String =
                switch transition ?? .inherit {
                case .any: "any"
                case .blocked: "blocked"
                case .inherit: "inherit"
                case .stages(let stages): stages.map(\.rawValue).joined(separator: ",")
                }
            return "\(place) TRANSITION \(target)"
        }
        return "\(place) \(operation.rawValue) \(level)"
    }
}
