/// A store could not do what was asked. Nothing was changed — except after a failed sync (`io`), when a
/// file store may still hold the write on disk, and is poisoned until reopened.
///
/// ```swift
/// catch let error as StoreError where error.code == .conflict {
///     // somebody else committed first: reload and try again
/// }
/// ```
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. Extensible: new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No item with that ID (or it was deleted).
        public static let notFound = Code(rawValue: "notFound")
        /// The item changed since the revision the write was based on, or already exists.
        public static let conflict = Code(rawValue: "conflict")
        /// Stored data is damaged.
        public static let corrupted = Code(rawValue: "corrupted")
        /// The operating system refused a read or write.
        public static let io = Code(rawValue: "io")
        /// Another process or opener holds the store.
        public static let locked = Code(rawValue: "locked")
        /// The stored data was written by a newer, unknown format.
        public static let unsupportedFormat = Code(rawValue: "unsupportedFormat")
        /// The store refuses writes after a failed sync, until reopened.
        public static let poisoned = Code(rawValue: "poisoned")
        /// A commit larger than the store can hold in one piece.
        public static let tooLarge = Code(rawValue: "tooLarge")
        /// The store cannot hold this kind of item.
        public static let unsupportedItem = Code(rawValue: "unsupportedItem")
    }

    /// What kind of problem it is.
    public var code: Code
    /// A sentence for people, naming the item, file or offset.
    public var message: String
    /// The item concerned, where there is one.
    public var item: ItemReference?

    /// Makes an error.
    public init(_ code: Code, _ message: String, item: ItemReference? = nil) {
        self.code = code
        self.message = message
        self.item = item
    }

    public var description: String { "\(code): \(message)" }
}
