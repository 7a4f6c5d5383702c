/// The yes/no attributes of a field, as `crm.*.fields` reports them.
///
/// ```swift
/// let flags: FieldFlags = [.readOnly, .multiple]
/// ```
public struct FieldFlags: OptionSet, Hashable, Sendable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `isRequired`: the item cannot be saved without a value.
    public static let required = FieldFlags(rawValue: 1 << 0)
    /// `isReadOnly`: only the system sets it.
    public static let readOnly = FieldFlags(rawValue: 1 << 1)
    /// `isImmutable`: set on create, never changed by an update.
    public static let immutable = FieldFlags(rawValue: 1 << 2)
    /// `isMultiple`: holds a list of values.
    public static let multiple = FieldFlags(rawValue: 1 << 3)
    /// `isDynamic`: a user (`UF_*`) field.
    public static let dynamic = FieldFlags(rawValue: 1 << 4)
    /// `isDeprecated`: kept for compatibility (e.g. the single `CONTACT_ID` beside `CONTACT_IDS`).
    public static let deprecated = FieldFlags(rawValue: 1 << 5)
}
