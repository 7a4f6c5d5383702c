/// One field's change in an item's field history: which field, from what to what, by whom, when, and by
/// what means.
public struct FieldChange: Hashable, Sendable, Codable {
    /// The field, by legacy code.
    public var field: FieldCode
    /// The value before.
    public var oldValue: FieldValue
    /// The value after.
    public var newValue: FieldValue
    /// Who changed it.
    public var actor: UserID
    /// When.
    public var time: Timestamp
    /// Who made the change: a user, automation, an import, the system.
    public var source: ChangeSource
    /// For a change automation made: the rule and the chain.
    public var cause: ChangeCause?

    /// Makes a history line.
    public init(field: FieldCode, oldValue: FieldValue, newValue: FieldValue, actor: UserID, time: Timestamp, source: ChangeSource, cause: ChangeCause? = nil) {
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.actor = actor
        self.time = time
        self.source = source
        self.cause = cause
    }
}
