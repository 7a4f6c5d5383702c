/// How a ``FileStore`` trades speed for safety.
///
/// ```swift
/// let store = try FileStore.open(at: "/var/lib/crm", options: FileStoreOptions(durability: .grouped))
/// ```
public struct FileStoreOptions: Hashable, Sendable {
    /// When a commit is on stable storage.
    public enum Durability: String, Hashable, Sendable, CaseIterable {
        /// Every commit is synced (`fdatasync`) before it returns: a returned commit survives a crash or a
        /// power loss. The default.
        case full
        /// Concurrent commits share one sync; each still returns only once synced. Other readers see a commit
        /// as soon as its frame is written, before that sync returns.
        case grouped
        /// No sync: commits survive a crash of the process but not of the machine. For tests and bulk loads.
        case none
    }

    /// When a commit is on stable storage.
    public var durability: Durability
    /// Compact automatically when the journal grows larger than this many times the snapshot.
    public var compactionFactor: Double
    /// …and larger than this many bytes.
    public var minimumCompactionBytes: Int64
    /// Whether to compact automatically at all.
    public var automaticCompaction: Bool

    /// Makes options: full durability, compaction when the journal is 4 × the snapshot and over 4 MiB.
    public init(
        durability: Durability = .full, compactionFactor: Double = 4, minimumCompactionBytes: Int64 = 4 << 20,
        automaticCompaction: Bool = true
    ) {
        self.durability = durability
        self.compactionFactor = compactionFactor
        self.minimumCompactionBytes = minimumCompactionBytes
        self.automaticCompaction = automaticCompaction
    }
}

/// What opening a file store found.
public struct FileStoreOpenReport: Hashable, Sendable {
    /// The sequence of the last commit in the snapshot (0 without one).
    public var snapshotSequence: UInt64
    /// How many journal frames were replayed on top of it.
    public var replayedFrames: Int
    /// The sequence of the last commit now in the store.
    public var lastSequence: UInt64
    /// Where a torn final frame (a crash mid-write) began, if one was cut off.
    public var tornTailOffset: Int64?
    /// How many bytes were cut off the journal's end.
    public var truncatedBytes: Int64
}
