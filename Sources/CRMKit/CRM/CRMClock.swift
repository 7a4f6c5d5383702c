import Foundation
import Synchronization

/// Where the workspace reads "now": inject one to make time-dependent behaviour (created dates, close date
/// = today + 7 days, last activity) reproducible.
public protocol CRMClock: Sendable {
    /// The current instant.
    func now() -> Timestamp
}

/// The system's clock.
public struct SystemClock: CRMClock {
    /// Makes the clock.
    public init() {}
    public func now() -> Timestamp { Timestamp(Date()) }
}

/// A clock that stands still until moved: for tests and simulations.
///
/// ```swift
/// let clock = ManualClock(Timestamp(iso8601: "2026-03-02T09:00:00+01:00")!)
/// clock.advance(byMilliseconds: 86_400_000)   // one day later
/// ```
public final class ManualClock: CRMClock {
    private let current: Mutex<Timestamp>

    /// A clock showing `start`.
    public init(_ start: Timestamp) { current = Mutex(start) }

    public func now() -> Timestamp { current.withLock { $0 } }

    /// Moves the clock forward (or back, with a negative amount).
    public func advance(byMilliseconds milliseconds: Int64) {
        current.withLock { $0 = $0.adding(milliseconds: milliseconds) }
    }

    /// Sets the clock.
    public func set(_ instant: Timestamp) { current.withLock { $0 = instant } }
}
