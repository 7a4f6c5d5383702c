/// When an automation rule or trigger applies: conditions on the item's new values and on its values before
/// the change, in the same filter tree as queries, combined, plus app-defined conditions.
///
/// ```swift
/// let condition: AutomationCondition = .all([
///     .item(.greater("OPPORTUNITY", .decimal(10_000))),
///     .previous(.notEqual("ASSIGNED_BY_ID", .integer(7))),
/// ])
/// ```
public indirect enum AutomationCondition: Hashable, Sendable, Codable {
    /// The filter holds for the item as it will be stored.
    case item(Filter)
    /// The filter holds for the item as it was before the change (an item being created has no values).
    case previous(Filter)
    /// Every condition holds.
    case all([AutomationCondition])
    /// At least one condition holds.
    case any([AutomationCondition])
    /// The condition does not hold.
    case not(AutomationCondition)
    /// An app-defined condition (``AutomationConditionEvaluator``), by name.
    case custom(name: String, parameters: [String: String])
}
