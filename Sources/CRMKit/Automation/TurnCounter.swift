import Synchronization

/// The next position of each "in turn" rule, shared by every save of a workspace. Kept in memory: after a
/// restart the turn starts again with the first user.
final class TurnCounter: Sendable {
    private let positions = Mutex<[String: Int]>([:])

    /// The position to use for a rule with `count` users, moving the turn on.
    func next(for rule: String, count: Int) -> Int {
        positions.withLock { positions in
            let position = (positions[rule] ?? 0) % count
            positions[rule] = position + 1
            return position
        }
    }
}
