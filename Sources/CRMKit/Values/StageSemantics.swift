/// Where a stage stands: still in process, won (success) or lost (failure), as Bitrix24's
/// `STAGE_SEMANTIC_ID` writes it (`P`, `S`, `F`).
///
/// ```swift
/// StageSemantics.success.isFinal  // true
/// ```
public enum StageSemantics: String, Hashable, Sendable, Codable, CaseIterable {
    /// In process (`P`).
    case process = "P"
    /// Final, won (`S`).
    case success = "S"
    /// Final, lost (`F`).
    case failure = "F"

    /// Whether the stage ends the item's journey (success or failure).
    public var isFinal: Bool { self != .process }

    /// The word Bitrix24 uses in `crm.status` `EXTRA.SEMANTICS`: `process`, `success`, `failure`.
    public var word: String {
        switch self {
        case .process: "process"
        case .success: "success"
        case .failure: "failure"
        }
    }
}
