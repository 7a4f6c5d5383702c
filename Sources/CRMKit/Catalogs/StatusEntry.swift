/// One entry of a reference book (`crm.status`): a stage, a source, a contact type, an industry.
///
/// ```swift
/// let won = StatusEntry(id: "WON", name: LocalizedText("Deal successful", italian: "Affare concluso"),
///                       sort: 60, color: "#7BD500", semantics: .success, isSystem: true)
/// ```
public struct StatusEntry: Hashable, Sendable, Codable {
    /// The entry's key (`STATUS_ID`), unique within its book.
    public var id: StatusID
    /// The entry's name.
    public var name: LocalizedText
    /// The position; stages are ordered by it.
    public var sort: Int
    /// The colour, `#RRGGBB`, for stages.
    public var color: String?
    /// For stages, whether it is in process, success or failure; nil for dropdown entries.
    public var semantics: StageSemantics?
    /// Whether Bitrix24 created it; system entries are removed only with `force`.
    public var isSystem: Bool

    /// Makes an entry.
    public init(
        id: StatusID, name: LocalizedText, sort: Int, color: String? = nil, semantics: StageSemantics? = nil,
        isSystem: Bool = false
    ) {
        self.id = id
        self.name = name
        self.sort = sort
        self.color = color
        self.semantics = semantics
        self.isSystem = isSystem
    }
}
