/// A workspace's automation: rules and triggers in order, the depth limit that stops loops, and the retry
/// schedule of the outbox. Stored as the `automation` configuration document.
///
/// ```swift
/// let warnings = try await session.editAutomation { automation in
///     automation.rules.append(AutomationRule(id: "prep", entityType: .deal, stage: "PREPARATION",
///                                            actions: [.setField("BEGINDATE", .today(offsetDays: 0))]))
///     automation.triggers.append(AutomationTrigger(id: "mail", entityType: .deal, stage: "EXECUTING", event: .incomingEmail))
/// }
/// ```
public struct AutomationConfiguration: Hashable, Sendable, Codable {
    /// The rules, in the order they run.
    public var rules: [AutomationRule]
    /// The triggers, in the order they are checked (the first that fits moves the item).
    public var triggers: [AutomationTrigger]
    /// How many stage entries one chain may cause before it is stopped as a loop.
    public var depthLimit: Int
    /// The delay before a failed delivery's first retry; each later retry waits twice as long.
    public var retryBaseSeconds: Int64
    /// The longest wait between retries.
    public var retryMaximumSeconds: Int64

    /// No rules or triggers, a depth limit of 10, retries after 30 s doubling up to an hour.
    public init(
        rules: [AutomationRule] = [], triggers: [AutomationTrigger] = [], depthLimit: Int = 10, retryBaseSeconds: Int64 = 30,
        retryMaximumSeconds: Int64 = 3_600
    ) {
        self.rules = rules
        self.triggers = triggers
        self.depthLimit = depthLimit
        self.retryBaseSeconds = retryBaseSeconds
        self.retryMaximumSeconds = retryMaximumSeconds
    }

    /// The rules of a stage, in order.
    public func rules(for entityType: EntityType, stage: StatusID) -> [AutomationRule] {
        rules.filter { $0.entityType == entityType && $0.stage == stage }
    }

    /// How long to wait after the given number of failed deliveries.
    public func retryDelaySeconds(afterAttempts attempts: Int) -> Int64 {
        let doublings = min(max(0, attempts - 1), 40)
        let delay = retryBaseSeconds.multipliedReportingOverflow(by: Int64(1) << doublings)
        return delay.overflow ? retryMaximumSeconds : min(delay.partialValue, retryMaximumSeconds)
    }

    /// Checks the rules against the catalogs: unique IDs, entity types with stages, known stages, moves within
    /// the rule's pipeline, a positive depth limit.
    public func validate(against catalogs: Catalogs) throws(AutomationError) {
        var seen: Set<String> = []
        let named = rules.map { ($0.id, $0.entityType, $0.stage) } + triggers.map { ($0.id, $0.entityType, $0.stage) }
        for (id, entityType, stage) in named {
            guard !id.isEmpty, seen.insert(id).inserted else {
                throw AutomationError(.invalidConfiguration, "the rule or trigger ID '\(id)' is empty or used twice", rules: [id])
            }
            guard entityType.hasStages else {
                throw AutomationError(.invalidConfiguration, "\(id): \(entityType) has no stages, so no automation", rules: [id])
            }
            guard Self.book(of: stage, entityType, in: catalogs) != nil else {
                throw AutomationError(.invalidConfiguration, "\(id): \(stage) is not a stage of any \(entityType) pipeline", rules: [id])
            }
        }
        for rule in rules {
            for action in rule.actions {
                switch action {
                case .moveToStage(let target):
                    guard Self.book(of: rule.stage, rule.entityType, in: catalogs)?.contains(target) == true else {
                        throw AutomationError(
                            .invalidConfiguration, "\(rule.id): \(target) is not a stage of the pipeline of \(rule.stage)", rules: [rule.id])
                    }
                case .moveToPipeline(let pipeline, let stage):
                    guard rule.entityType.hasPipelines, let book = catalogs.stageBook(for: rule.entityType, pipeline: pipeline),
                        catalogs.pipeline(pipeline, for: rule.entityType) != nil, stage.map(book.contains) ?? true
                    else {
                        throw AutomationError(
                            .invalidConfiguration, "\(rule.id): pipeline \(pipeline) (stage \(stage?.rawValue ?? "first")) does not exist",
                            rules: [rule.id])
                    }
                default: break
                }
            }
        }
        let longest: Int64 = 3_650 * 86_400
        for rule in rules {
            let seconds: [Int64] =
                switch rule.timing {
                case .immediately: []
                case .after(let delay): [delay]
                case .relative(_, let offset): [offset]
                }
            let actionSeconds: [Int64] = rule.actions.compactMap { action in
                switch action {
                case .createActivity(_, let delay, _): delay
                case .setField(_, .now(let offset)): offset
                case .setField(_, .today(let days)): Self.seconds(days: days)
                default: nil
                }
            }
            for value in seconds + actionSeconds where !(-longest...longest).contains(value) {
                throw AutomationError(
                    .invalidConfiguration, "\(rule.id): delays and offsets must be within 10 years, not \(value) seconds", rules: [rule.id])
            }
            if case .after(let delay) = rule.timing, delay < 0 {
                throw AutomationError(.invalidConfiguration, "\(rule.id): a delay cannot be negative", rules: [rule.id])
            }
        }
        guard (1...1_000).contains(depthLimit) else {
            throw AutomationError(.invalidConfiguration, "the depth limit must be 1 to 1000, not \(depthLimit)")
        }
        guard retryBaseSeconds > 0, retryMaximumSeconds >= retryBaseSeconds, retryMaximumSeconds <= 30 * 86_400 else {
            throw AutomationError(
                .invalidConfiguration, "retry delays must be positive, the maximum at least the base and at most 30 days")
        }
    }

    /// A number of days in seconds, saturating instead of overflowing.
    private static func seconds(days: Int) -> Int64 {
        let (seconds, overflow) = Int64(days).multipliedReportingOverflow(by: 86_400)
        return overflow ? (days > 0 ? .max : .min) : seconds
    }

    /// The stage book a stage of an entity type belongs to.
    static func book(of stage: StatusID, _ entityType: EntityType, in catalogs: Catalogs) -> ReferenceBook? {
        if entityType.hasPipelines {
            return catalogs.pipeline(ofStage: stage, for: entityType).flatMap { catalogs.stageBook(for: entityType, pipeline: $0.id) }
        }
        return catalogs.stageBook(for: entityType).flatMap { $0.contains(stage) ? $0 : nil }
    }

    /// Cycles in the graph of stage entries the rules can cause: a rule on stage A that moves to B (at once or
    /// later), that copies the item into B (a copy enters B), or a delayed rule that changes a field or the
    /// responsible person that a trigger to B watches (triggers react to the changes of a save's input, so an
    /// immediate rule's changes do not fire them). One warning per cycle found, naming its stages and rules.
    public func cycleWarnings(in catalogs: Catalogs) -> [AutomationWarning] {
        struct Edge: Hashable { var from: StatusID; var to: StatusID; var rule: String; var type: EntityType }
        var edges: [Edge] = []
        for rule in rules {
            for action in rule.actions {
                switch action {
                case .moveToStage(let target): edges.append(Edge(from: rule.stage, to: target, rule: rule.id, type: rule.entityType))
                case .moveToPipeline(_, let stage?): edges.append(Edge(from: rule.stage, to: stage, rule: rule.id, type: rule.entityType))
                case .copyItem(let stage):
                    let target = stage ?? Self.book(of: rule.stage, rule.entityType, in: catalogs)?.initialEntry?.id
                    if let target { edges.append(Edge(from: rule.stage, to: target, rule: rule.id, type: rule.entityType)) }
                case .setField(let field, _) where rule.timing != .immediately:
                    for trigger in triggers where trigger.entityType == rule.entityType {
                        if case .fieldChanged(let watched) = trigger.event, watched.isEmpty || watched.contains(field) {
                            edges.append(Edge(from: rule.stage, to: trigger.stage, rule: "\(rule.id) → \(trigger.id)", type: rule.entityType))
                        }
                    }
                case .assign where rule.timing != .immediately:
                    for trigger in triggers where trigger.entityType == rule.entityType && trigger.event == .responsibleChanged {
                        edges.append(Edge(from: rule.stage, to: trigger.stage, rule: "\(rule.id) → \(trigger.id)", type: rule.entityType))
                    }
                default: break
                }
            }
        }
        var warnings: [AutomationWarning] = []
        var reported: Set<Set<String>> = []
        // Depth-first search from each edge for a path back to its start.
        func search(_ path: [Edge]) {
            guard let last = path.last, path.count <= edges.count else { return }
            for edge in edges where edge.type == last.type && edge.from == last.to {
                if edge.to == path[0].from {
                    let cycle = path + [edge]
                    if reported.insert(Set(cycle.map(\.rule))).inserted {
                        warnings.append(AutomationWarning(stages: cycle.map(\.from), rules: cycle.map(\.rule)))
                    }
                } else if !path.contains(where: { $0.from == edge.to }) {
                    search(path + [edge])
                }
            }
        }
        for edge in edges {
            if edge.from == edge.to {
                if reported.insert([edge.rule]).inserted { warnings.append(AutomationWarning(stages: [edge.from], rules: [edge.rule])) }
            } else {
                search([edge])
            }
        }
        return warnings
    }
}
