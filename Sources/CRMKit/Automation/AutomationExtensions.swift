/// An app-defined action, referred to by rules as `.custom(name:parameters:)`.
///
/// ```swift
/// struct TagVIP: AutomationActionHandler {
///     let name = "tag-vip"
///     func perform(_ parameters: [String: String], on item: inout AnyItem, context: AutomationActionContext) throws
///         -> [AutomationEffect]
///     {
///         if case .deal(var deal) = item { deal.title = "[VIP] " + (deal.title ?? ""); item = .deal(deal) }
///         return [.notification(users: [1], message: "VIP deal")]
///     }
/// }
/// ```
public protocol AutomationActionHandler: Sendable {
    /// The name rules use.
    var name: String { get }
    /// Changes the item (the save pipeline then applies system fields and validates it) and returns effects for
    /// the outbox; throws to refuse the change.
    func perform(_ parameters: [String: String], on item: inout AnyItem, context: AutomationActionContext) throws
        -> [AutomationEffect]
}

/// An app-defined condition, referred to as `.custom(name:parameters:)`.
public protocol AutomationConditionEvaluator: Sendable {
    /// The name rules use.
    var name: String { get }
    /// Whether the condition holds for the item as it will be stored and as it was (nil on create).
    func holds(_ parameters: [String: String], item: AnyItem, previous: AnyItem?) -> Bool
}

/// What an app-defined action knows about the run.
public struct AutomationActionContext: Sendable {
    /// The rule running.
    public var ruleID: String
    /// The chain it belongs to.
    public var causationID: String
    /// The instant the rule runs at.
    public var now: Timestamp
}

/// Delivers outbox effects (notifications, webhook calls). Delivery is at least once: a crash after delivering
/// and before the outbox entry is finished delivers again, with the same idempotency key, which the receiver
/// uses to ignore repeats. Throw to have the delivery retried with backoff.
public protocol EffectDeliverer: Sendable {
    /// Delivers one effect.
    func deliver(_ entry: OutboxEntry) async throws
}

/// The extensions a workspace's automation uses: app-defined actions and conditions, and the effect deliverer.
///
/// ```swift
/// let workspace = try await Workspace.open(store: store, automation: AutomationExtensions(actions: [TagVIP()], deliverer: mailer))
/// ```
public struct AutomationExtensions: Sendable {
    /// App-defined actions by name.
    public var actions: [String: any AutomationActionHandler]
    /// App-defined conditions by name.
    public var conditions: [String: any AutomationConditionEvaluator]
    /// Who delivers effects; without one they wait in the outbox.
    public var deliverer: (any EffectDeliverer)?

    /// Makes the extensions.
    public init(
        actions: [any AutomationActionHandler] = [], conditions: [any AutomationConditionEvaluator] = [],
        deliverer: (any EffectDeliverer)? = nil
    ) {
        self.actions = Dictionary(actions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.conditions = Dictionary(conditions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.deliverer = deliverer
    }
}
