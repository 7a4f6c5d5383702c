/// A requirement over several fields: at least one of ``anyOf`` must have a value. The fields in
/// ``replacing`` are then not required one by one, whatever their `isRequired` flag says.
///
/// Bitrix24 flags a contact's `NAME`, `SECOND_NAME` and `LAST_NAME` as required but accepts a contact with
/// a first or a last name:
///
/// ```swift
/// RequiredGroup(anyOf: ["NAME", "LAST_NAME"], replacing: ["NAME", "SECOND_NAME", "LAST_NAME"])
/// ```
public struct RequiredGroup: Hashable, Sendable {
    /// At least one of these must have a value; the first is named in the error.
    public var anyOf: [FieldCode]
    /// Fields whose own `isRequired` this group replaces.
    public var replacing: Set<FieldCode>

    /// Makes a group.
    public init(anyOf: [FieldCode], replacing: Set<FieldCode>) {
        self.anyOf = anyOf
        self.replacing = replacing.union(anyOf)
    }
}
