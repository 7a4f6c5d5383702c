/// An org chart edit that would make the chart inconsistent. The chart is unchanged.
public struct OrgChartError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. Extensible: new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No user or department with that ID.
        public static let unknownID = Code(rawValue: "unknownID")
        /// A user or department with that ID exists already.
        public static let duplicateID = Code(rawValue: "duplicateID")
        /// The department would be its own ancestor.
        public static let cycle = Code(rawValue: "cycle")
        /// A department with sub-departments or members cannot be removed.
        public static let notEmpty = Code(rawValue: "notEmpty")
    }

    /// What kind of problem it is.
    public var code: Code
    /// A sentence for people, naming the IDs.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
