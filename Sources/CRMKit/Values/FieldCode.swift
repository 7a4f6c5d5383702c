/// The key of a field in its REST form, a system field such as `"STAGE_ID"` or a user field such as `"UF_CRM_17"`.
///
/// ```swift
/// let key: FieldCode = "STAGE_ID"
/// ```
public struct FieldCode: StringIdentifier {
    /// The key as Bitrix24 writes it.
    public var rawValue: String

    /// Wraps a key.
    public init(rawValue: String) { self.rawValue = rawValue }
}
