/// Where an item may be moved from a stage: anywhere, nowhere, as the entity-wide setting says, or to a list
/// of stages (Bitrix24's TRANSITION permission).
public enum TransitionSetting: Hashable, Sendable, Codable {
    /// To any stage.
    case any
    /// To no stage.
    case blocked
    /// As the role's entity-wide TRANSITION row says (any when it has none).
    case inherit
    /// Only to these stages.
    case stages([StatusID])
}
