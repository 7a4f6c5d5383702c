import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shares one `fdatasync` among concurrent commits: a commit waits until a sync that started after its
/// frame was written has finished. Syncs run on their own queue, never on the caller's task.
final class GroupCommitter: Sendable {
    private struct State {
        var durable: UInt64 = 0
        var isSyncing = false
        var waiters: [(sequence: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "CRMKit.FileStore.sync")
    /// Returns a duplicate descriptor of the journal and the last written sequence, or an error when the
    /// store is closed or poisoned.
    private let prepare: @Sendable () throws(StoreError) -> (descriptor: Int32, sequence: UInt64)
    /// Called when a sync fails: the store must refuse later writes.
    private let poison: @Sendable (StoreError) -> Void

    init(
        prepare: @escaping @Sendable () throws(StoreError) -> (descriptor: Int32, sequence: UInt64),
        poison: @escaping @Sendable (StoreError) -> Void
    ) {
        self.prepare = prepare
        self.poison = poison
    }

    /// Returns once the commit with this sequence is on stable storage; throws when the sync failed.
    func waitUntilDurable(_ sequence: UInt64) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let start = state.withLock { state -> Bool in
                if state.durable >= sequence {
                    continuation.resume()
                    return false
                }
                state.waiters.append((sequence, continuation))
                if state.isSyncing { return false }
                state.isSyncing = true
                return true
            }
            if start { queue.async { self.syncLoop() } }
        }
    }

    private func syncLoop() {
        while true {
            let outcome: Result<UInt64, StoreError>
            do {
                let (descriptor, sequence) = try prepare()
                let result = fdatasync(descriptor)
                let code = errno
                _ = close(descriptor)
                outcome = result == 0 ? .success(sequence) : .failure(POSIXFile.error("fdatasync", "journal", code: code))
            } catch {
                outcome = .failure(error)
            }
            if case .failure(let error) = outcome { poison(error) }
            let (ready, failed, more) = state.withLock { state in
                switch outcome {
                case .success(let sequence):
                    state.durable = max(state.durable, sequence)
                    let ready = state.waiters.filter { $0.sequence <= state.durable }.map(\.continuation)
                    state.waiters.removeAll { $0.sequence <= state.durable }
                    if state.waiters.isEmpty { state.isSyncing = false }
                    return (ready, [CheckedContinuation<Void, any Error>](), !state.waiters.isEmpty)
                case .failure:
                    let failed = state.waiters.map(\.continuation)
                    state.waiters = []
                    state.isSyncing = false
                    return ([], failed, false)
                }
            }
            for continuation in ready { continuation.resume() }
            if case .failure(let error) = outcome { for continuation in failed { continuation.resume(throwing: error) } }
            if !more { return }
        }
    }
}
