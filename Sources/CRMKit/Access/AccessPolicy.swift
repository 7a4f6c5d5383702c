/// Decides who may do what. The save pipeline asks it first for every operation, and every list query gets
/// its read filter, so a store never returns what the user may not read.
///
/// A workspace must be given a policy explicitly; ``UnrestrictedAccessPolicy`` (`.unrestricted`) is for
/// tests and tools.
public protocol AccessPolicy: Sendable {
    /// The decision for one request.
    func decide(_ request: AccessRequest) -> AccessDecision
    /// The condition an item must meet for the user to read it; nil when the user reads everything of the
    /// type, `.or([])` when nothing.
    func readFilter(for user: UserID, entityType: EntityType) -> Filter?
}

/// A policy that allows everything to everyone: for tests, imports and command-line tools that act as the
/// system. Name it explicitly: nothing defaults to it.
///
/// ```swift
/// let workspace = try await Workspace.open(store: InMemoryStore(), accessPolicy: .unrestricted)
/// ```
public struct UnrestrictedAccessPolicy: AccessPolicy {
    /// Makes the policy.
    public init() {}

    public func decide(_ request: AccessRequest) -> AccessDecision {
        AccessDecision(isAllowed: true, reasons: ["the unrestricted policy allows everything"])
    }

    public func readFilter(for user: UserID, entityType: EntityType) -> Filter? { nil }
}

extension AccessPolicy where Self == UnrestrictedAccessPolicy {
    /// Allows everything to everyone (tests and tools only).
    public static var unrestricted: UnrestrictedAccessPolicy { UnrestrictedAccessPolicy() }
}
