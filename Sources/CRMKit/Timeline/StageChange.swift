/// One line of an item's stage history (`crm.stagehistory`): created in a stage, moved to another, or moved
/// to another pipeline.
public struct StageChange: Hashable, Sendable, Codable {
    /// The kind of line, with Bitrix24's `TYPE_ID`.
    public enum Kind: Int, Hashable, Sendable, Codable {
        /// The item was created in ``StageChange/toStage`` (1).
        case created = 1
        /// The item moved to an in-process stage (2).
        case moved = 2
        /// The item moved to a final stage (3).
        case finalized = 3
        /// The item moved to another pipeline (5).
        case pipelineChanged = 5
    }

    /// The kind of line.
    public var kind: Kind
    /// When.
    public var time: Timestamp
    /// Who moved it.
    public var actor: UserID
    /// The stage before, nil on creation.
    public var fromStage: StatusID?
    /// The stage after.
    public var toStage: StatusID
    /// The pipeline before, for deals and invoices.
    public var fromPipeline: CategoryID?
    /// The pipeline after, for deals and invoices.
    public var toPipeline: CategoryID?
    /// The semantics of the stage after.
    public var semantics: StageSemantics
    /// Who made the change.
    public var source: ChangeSource
    /// For a change automation made: the rule and the chain.
    public var cause: ChangeCause?

    /// Makes a line.
    public init(
        kind: Kind, time: Timestamp, actor: UserID, fromStage: StatusID?, toStage: StatusID, fromPipeline: CategoryID?,
        toPipeline: CategoryID?, semantics: StageSemantics, source: ChangeSource, cause: ChangeCause? = nil
    ) {
        self.kind = kind
        self.time = time
        self.actor = actor
        self.fromStage = fromStage
        self.toStage = toStage
        self.fromPipeline = fromPipeline
        self.toPipeline = toPipeline
        self.semantics = semantics
        self.source = source
        self.cause = cause
    }
}
