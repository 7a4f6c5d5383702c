/// A catalog edit that would break an invariant, or a lookup of something that does not exist. The catalog
/// is unchanged.
///
/// ```swift
/// do { try catalogs.removeEntry("WON", from: "DEAL_STAGE") }
/// catch let error as CatalogError where error.code == .systemEntry { print(error.message) }
/// ```
public struct CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. Extensible: new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No reference book, entry or pipeline with that ID.
        public static let notFound = Code(rawValue: "notFound")
        /// An entry or pipeline with that ID already exists.
        public static let duplicateID = Code(rawValue: "duplicateID")
        /// A system entry can only be removed with `force`.
        public static let systemEntry = Code(rawValue: "systemEntry")
        /// A pipeline would not have exactly one success stage.
        public static let successStageCount = Code(rawValue: "successStageCount")
        /// A pipeline would have no failure stage.
        public static let missingFailureStage = Code(rawValue: "missingFailureStage")
        /// A pipeline would have no in-process stage to start in.
        public static let missingInitialStage = Code(rawValue: "missingInitialStage")
        /// A final stage would sort before an in-process one.
        public static let finalStageOrder = Code(rawValue: "finalStageOrder")
        /// A stage ID lacks its pipeline's prefix (`C3:`), or an entry has an empty ID or name.
        public static let invalidID = Code(rawValue: "invalidID")
        /// Stage semantics on a dropdown entry, or missing on a stage.
        public static let invalidSemantics = Code(rawValue: "invalidSemantics")
        /// The default pipeline cannot be removed.
        public static let defaultPipeline = Code(rawValue: "defaultPipeline")
        /// An entry still used by items cannot be removed.
        public static let inUse = Code(rawValue: "inUse")
        /// A currency with an impossible number of decimal places.
        public static let invalidCurrency = Code(rawValue: "invalidCurrency")
    }

    /// What kind of problem it is.
    public var code: Code
    /// A sentence for people, naming the reference book and entry.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
