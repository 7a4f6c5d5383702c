/// A store broke the contract: which check, and what it expected.
public struct ContractFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The check that failed.
    public var check: String
    /// What was expected and what happened.
    public var message: String

    /// Makes a failure.
    public init(check: String, message: String) {
        self.check = check
        self.message = message
    }

    public var description: String { "\(check): \(message)" }
}
