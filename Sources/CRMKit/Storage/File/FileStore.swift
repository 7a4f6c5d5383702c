public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A crash-safe store in a directory: the in-memory store's indexed state, made durable by a journal of
/// checksummed frames and a snapshot.
///
/// The directory holds `LOCK` (held with `flock` while the store is open; a second opener, in this process
/// or another, gets ``StoreError/Code-swift.struct/locked``), `snapshot` and `journal`. Every commit appends one
/// frame to the journal and, with ``FileStoreOptions/Durability/full`` durability, syncs it before returning.
/// Opening loads the snapshot and replays the journal; a torn final frame is cut off and reported in
/// ``openReport``; any other damage refuses to open with an error naming the file and the byte offset, and
/// ``repair(from:to:)`` salvages the valid prefix into a new store.
///
/// ```swift
/// let store = try FileStore.open(at: "/var/lib/crm")
/// let workspace = try await Workspace.open(store: store, accessPolicy: .unrestricted)
/// ```
public final class FileStore: CRMStore {
    private struct Inner: ~Copyable {
        var state: StoreState
        var journal: POSIXFile?
        var journalSize: Int64
        var snapshotSize: Int64
        var poison: StoreError?
        var lastCompactionError: StoreError?
        var compactionRetrySize: Int64 = 0
    }

    /// The store's directory.
    public let directory: String
    /// The options it was opened with.
    public let options: FileStoreOptions
    /// What opening found.
    public let openReport: FileStoreOpenReport
    private let lockFile: Mutex<POSIXFile?>
    private let inner: Mutex<Inner>
    private let committer: Mutex<GroupCommitter?> = Mutex(nil)
    /// Failures to inject, by operation (`"write"`, `"sync"`, `"new journal"`), for tests of the failure paths.
    let injectedFaults: Mutex<[String: StoreError]> = Mutex([:])

    var journalPath: String { directory + "/journal" }
    var snapshotPath: String { directory + "/snapshot" }

    private init(directory: String, options: FileStoreOptions, lock: POSIXFile, loaded: LoadedStore) {
        self.directory = directory
        self.options = options
        openReport = loaded.report
        lockFile = Mutex(lock)
        inner = Mutex(
            Inner(
                state: loaded.state, journal: loaded.journal, journalSize: loaded.journalSize,
                snapshotSize: loaded.snapshotSize, poison: nil, lastCompactionError: nil))
    }

    /// Opens the store in a directory, creating the directory and an empty store on first use.
    ///
    /// Throws ``StoreError`` `locked` when another opener holds it, `corrupted` (naming the file and byte
    /// offset) when a file is damaged beyond a torn final frame, `unsupportedFormat` when a newer CRMKit
    /// wrote it, `io` when the operating system refuses.
    public static func open(at directory: String, options: FileStoreOptions = FileStoreOptions()) throws -> FileStore {
        try POSIXFile.makeDirectory(directory)
        let lock = try POSIXFile.openFile(directory + "/LOCK", create: true)
        try lock.lockExclusively()
        let loaded = try StoreLoader(directory: directory).load(repairTornTail: true)
        let store = FileStore(directory: directory, options: options, lock: lock, loaded: loaded)
        store.committer.withLock { committer in
            committer = GroupCommitter(
                prepare: { [weak store] () throws(StoreError) in
                    guard let store else { throw StoreError(.io, "the store was closed") }
                    return try store.duplicateJournal()
                },
                poison: { [weak store] error in store?.setPoison(error) })
        }
        // New frames must not be appended to a journal of an older format: rewrite the store first.
        if loaded.formatVersion < FileFormat.version { try store.compact() }
        return store
    }

    /// Closes the files and releases the lock; later writes throw (reads still answer from memory).
    public func close() {
        inner.withLock { inner in
            inner.journal?.closeDescriptor()
            inner.journal = nil
        }
        lockFile.withLock { lock in
            lock?.closeDescriptor()
            lock = nil
        }
    }

    deinit { close() }

    // MARK: CRMStore

    public func allocateID(for entityType: EntityType) async throws -> Int64 {
        inner.withLock { $0.state.allocateID(for: entityType) }
    }

    public func load(_ reference: ItemReference) async throws -> Versioned<AnyItem>? {
        try inner.withLock { (inner: inout Inner) throws(StoreError) in try inner.state.item(reference) }
    }

    public func contains(_ reference: ItemReference) async throws -> Bool {
        inner.withLock { $0.state.contains(reference) }
    }

    public func query(_ query: Query) async throws -> QueryResult {
        try inner.withLock { try $0.state.query(query) }
    }

    public func timeline(of item: ItemReference) async throws -> [TimelineRecord] {
        inner.withLock { $0.state.timelines[item] ?? [] }
    }

    public func configuration(_ key: ConfigurationKey) async throws -> Data? {
        inner.withLock { $0.state.configuration[key] }
    }

    public func pendingWork(dueBy: Timestamp?) async throws -> [PendingWork] {
        inner.withLock { $0.state.pendingWork(dueBy: dueBy) }
    }

    public func commit(_ changes: ChangeSet) async throws -> CommitReceipt {
        let durability = options.durability
        let receipt = try inner.withLock { (inner: inout Inner) throws(StoreError) -> CommitReceipt in
            if let poison = inner.poison {
                throw StoreError(.poisoned, "the store refuses writes since an earlier failure (\(poison.message)); reopen it")
            }
            guard let journal = inner.journal else { throw StoreError(.io, "the store is closed") }
            let revisions = try inner.state.plan(changes)
            let sequence = inner.state.sequence + 1
            var lastIDs = inner.state.lastIDs
            for write in changes.writes {
                lastIDs[write.reference.entityType] = max(lastIDs[write.reference.entityType] ?? 0, write.reference.id)
            }
            let entry = JournalEntry(changes: changes, revisions: revisions, lastIDs: lastIDs)
            let payload = entry.encode()
            guard payload.count <= FileFormat.maximumPayload else {
                throw StoreError(.tooLarge, "the commit is \(payload.count) bytes; a commit may be at most \(FileFormat.maximumPayload) bytes")
            }
            let frame = FileFormat.frame(sequence: sequence, payload: payload)
            do throws(StoreError) {
                if let fault = injectedFaults.withLock({ $0["write"] }) {
                    try journal.write(Array(frame.prefix(frame.count / 2)), at: inner.journalSize)
                    throw fault
                }
                try journal.write(frame, at: inner.journalSize)
            } catch {
                do throws(StoreError) {
                    try journal.truncate(to: inner.journalSize)
                } catch let truncation {
                    inner.poison = truncation
                }
                throw error
            }
            if durability == .full {
                do throws(StoreError) {
                    if let fault = injectedFaults.withLock({ $0["sync"] }) { throw fault }
                    try journal.syncData()
                } catch {
                    // Best effort: take the unsynced frame back, so a retried commit is not duplicated on reopen.
                    try? journal.truncate(to: inner.journalSize)
                    inner.poison = error
                    throw error
                }
            }
            inner.journalSize += Int64(frame.count)
            do throws(StoreError) {
                try inner.state.apply(changes, revisions: revisions, sequence: sequence)
            } catch {
                // The commit is in the journal but not in memory: only a reopen can serve it.
                inner.poison = error
                throw error
            }
            if options.automaticCompaction, Double(inner.journalSize) > Double(inner.snapshotSize) * options.compactionFactor,
                inner.journalSize > max(options.minimumCompactionBytes, inner.compactionRetrySize)
            {
                do throws(StoreError) {
                    try compact(&inner)
                    inner.compactionRetrySize = 0
                } catch {
                    // Try again only once the journal has grown by as much again, not on every commit.
                    inner.lastCompactionError = error
                    inner.compactionRetrySize = inner.journalSize + options.minimumCompactionBytes
                }
            }
            return CommitReceipt(sequence: sequence, revisions: revisions)
        }
        if durability == .grouped, let committer = committer.withLock({ $0 }) {
            try await committer.waitUntilDurable(receipt.sequence)
        }
        return receipt
    }

    // MARK: Compaction

    /// Writes the whole state as a new snapshot and starts an empty journal, each step crash-safe:
    /// temporary file, sync, rename, directory sync.
    public func compact() throws {
        try inner.withLock { (inner: inout Inner) throws(StoreError) in
            if let poison = inner.poison {
                throw StoreError(.poisoned, "the store refuses writes since an earlier failure (\(poison.message)); reopen it")
            }
            guard inner.journal != nil else { throw StoreError(.io, "the store is closed") }
            try compact(&inner)
        }
    }

    private func compact(_ inner: inout Inner) throws(StoreError) {
        try inner.state.loadAllIndexes()
        let snapshot = try SnapshotCodec.encode(inner.state)
        // Until the snapshot is renamed into place nothing has changed; after that the old journal is still
        // valid (its frames are in the snapshot, so replay skips them) until the new journal replaces it.
        try Self.writeAtomically(snapshot, to: snapshotPath, directory: directory)
        inner.snapshotSize = Int64(snapshot.count)
        let header = FileFormat.header(magic: FileFormat.journalMagic, sequence: inner.state.sequence)
        let temporary = journalPath + ".tmp"
        let journal: POSIXFile
        do throws(StoreError) {
            if let fault = injectedFaults.withLock({ $0["new journal"] }) { throw fault }
            try POSIXFile.removeFile(temporary)
            journal = try POSIXFile.openFile(temporary, create: true)
            try journal.write(header, at: 0)
            try journal.sync()
        } catch {
            try? POSIXFile.removeFile(temporary)
            throw error
        }
        do throws(StoreError) {
            try POSIXFile.renameFile(temporary, to: journalPath)
        } catch {
            journal.closeDescriptor()
            try? POSIXFile.removeFile(temporary)
            throw error
        }
        // The old journal is gone from the directory: from here on only the new one may be written.
        inner.journal?.closeDescriptor()
        inner.journal = journal
        inner.journalSize = Int64(header.count)
        do throws(StoreError) {
            try POSIXFile.syncDirectory(directory)
        } catch {
            inner.poison = error
            throw error
        }
    }

    /// Writes a file's bytes to `<path>.tmp`, syncs it, renames it over `path` and syncs the directory.
    static func writeAtomically(_ bytes: [UInt8], to path: String, directory: String) throws(StoreError) {
        let temporary = path + ".tmp"
        try POSIXFile.removeFile(temporary)
        do throws(StoreError) {
            let file = try POSIXFile.openFile(temporary, create: true)
            defer { file.closeDescriptor() }
            try file.write(bytes, at: 0)
            try file.sync()
            try POSIXFile.renameFile(temporary, to: path)
        } catch {
            try? POSIXFile.removeFile(temporary)
            throw error
        }
        try POSIXFile.syncDirectory(directory)
    }

    // MARK: Internals for the group committer and tests

    private func duplicateJournal() throws(StoreError) -> (descriptor: Int32, sequence: UInt64) {
        try inner.withLock { (inner: inout Inner) throws(StoreError) -> (descriptor: Int32, sequence: UInt64) in
            if let poison = inner.poison { throw poison }
            guard let journal = inner.journal else { throw StoreError(.io, "the store is closed") }
            let descriptor = dup(journal.descriptor)
            guard descriptor >= 0 else { throw POSIXFile.error("dup", journalPath) }
            return (descriptor, inner.state.sequence)
        }
    }

    private func setPoison(_ error: StoreError) {
        inner.withLock { inner in inner.poison = inner.poison ?? error }
    }

    /// The error that poisoned the store, if any.
    public var poisonError: StoreError? { inner.withLock { $0.poison } }

    /// The sizes of the snapshot and the journal, in bytes.
    public var fileSizes: (snapshot: Int64, journal: Int64) {
        inner.withLock { ($0.snapshotSize, $0.journalSize) }
    }
}
