import Synchronization

/// The read filters a ``Bitrix24AccessPolicy`` has built, per user and entity type. A policy's org chart and
/// roles never change, so its filters do not either: a workspace keeps one policy per configuration, and a
/// list asks for the same filter again without walking the org chart each time.
final class ReadFilterMemo: Sendable {
    private struct Key: Hashable {
        var user: UserID
        var entityType: EntityType
    }

    private let filters = Mutex<[Key: Filter?]>([:])

    /// The filter for a user and type, built by `make` the first time.
    func filter(for user: UserID, _ entityType: EntityType, make: () -> Filter?) -> Filter? {
        let key = Key(user: user, entityType: entityType)
        if let known = filters.withLock({ $0[key] }) { return known }
        let made = make()
        filters.withLock { $0[key] = .some(made) }
        return made
    }
}
