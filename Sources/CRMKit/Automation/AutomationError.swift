/// Why automation refused a change: a rule chain that loops past the depth limit, a rule that names an unknown
/// field, stage or extension, or automation configuration that does not fit.
///
/// ```swift
/// do { try await session.move(id, to: "PREPARATION") }
/// catch let error as AutomationError where error.code == .loop { print(error.rules) }
/// ```
public struct AutomationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem; extensible.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A chain of rules went deeper than the configured limit.
        public static let loop = Code(rawValue: "loop")
        /// A rule or trigger does not fit the workspace (unknown stage, duplicate ID, unknown extension).
        public static let invalidConfiguration = Code(rawValue: "invalidConfiguration")
        /// A rule's action could not be applied to the item.
        public static let actionFailed = Code(rawValue: "actionFailed")
    }

    /// The kind of problem.
    public var code: Code
    /// What happened, for people.
    public var message: String
    /// The rules and triggers involved, in the order they ran.
    public var rules: [String]

    /// Makes an error.
    public init(_ code: Code, _ message: String, rules: [String] = []) {
        self.code = code
        self.message = message
        self.rules = rules
    }

    public var description: String { "\(code): \(message)" }
}
