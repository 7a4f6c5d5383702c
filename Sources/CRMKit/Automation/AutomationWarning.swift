/// A problem found when rules are saved that does not stop them being saved: a set of rules and triggers
/// that can move an item round in a cycle (the engine stops such a chain at the depth limit).
public struct AutomationWarning: Hashable, Sendable, CustomStringConvertible {
    /// The stages of the cycle, in order.
    public var stages: [StatusID]
    /// The rules and triggers that make it, in order.
    public var rules: [String]

    /// Makes a warning.
    public init(stages: [StatusID], rules: [String]) {
        self.stages = stages
        self.rules = rules
    }

    public var description: String {
        "rules \(rules.joined(separator: " → ")) can move an item round the stages "
            + (stages + stages.prefix(1)).map(\.rawValue).joined(separator: " → ")
    }
}
