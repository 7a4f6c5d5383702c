/// What ``FileStore/verify(at:)`` found in a store directory.
public struct FileStoreVerification: Hashable, Sendable {
    /// The snapshot's size in bytes (0 without one).
    public var snapshotBytes: Int64
    /// The journal's size in bytes.
    public var journalBytes: Int64
    /// The commit sequence the snapshot holds.
    public var snapshotSequence: UInt64
    /// The journal frames checked and replayed.
    public var journalFrames: Int
    /// The items, by entity type.
    public var items: [EntityType: Int]
    /// The timeline lines.
    public var timelineLines: Int
    /// The last commit's sequence.
    public var lastSequence: UInt64
    /// Where a torn final frame begins, if the journal ends with one (opening would cut it off).
    public var tornTailOffset: Int64?

    /// A short summary for people.
    public var summary: String {
        let counts = EntityType.allCases.compactMap { type in items[type].map { "\($0) \(type)" } }.joined(separator: ", ")
        var text = "ok: snapshot \(snapshotBytes) bytes at sequence \(snapshotSequence), journal \(journalBytes) bytes with "
            + "\(journalFrames) frames, last sequence \(lastSequence); \(counts.isEmpty ? "no items" : counts); "
            + "\(timelineLines) timeline lines"
        if let tornTailOffset { text += "; torn final frame at byte \(tornTailOffset) (cut off on next open)" }
        return text
    }
}

/// What ``FileStore/repair(from:to:)`` kept and dropped.
public struct FileStoreRepairReport: Hashable, Sendable {
    /// The last commit kept.
    public var keptSequence: UInt64
    /// The journal frames kept.
    public var keptFrames: Int
    /// Where the first damage was found, as `file at byte N: problem`, or nil when nothing was damaged.
    public var damage: String?
    /// The journal bytes not kept (from the damage to the end).
    public var droppedBytes: Int64
}

extension FileStore {
    /// Checks every frame and record of a store without changing it (takes the store's lock, so it fails with
    /// `locked` while the store is open). Throws the same errors as ``open(at:options:)`` for damage.
    public static func verify(at directory: String) throws -> FileStoreVerification {
        let lock = try POSIXFile.openFile(directory + "/LOCK", create: true)
        defer { lock.closeDescriptor() }
        try lock.lockExclusively()
        var loaded = try StoreLoader(directory: directory).load(repairTornTail: false)
        defer { loaded.journal?.closeDescriptor() }
        // Opening leaves records and indexes encoded: decode every one.
        try loaded.state.loadAllIndexes()
        for table in loaded.state.tables.values { _ = try table.items.all() }
        var items: [EntityType: Int] = [:]
        for (type, table) in loaded.state.tables where !table.items.isEmpty { items[type] = table.items.count }
        return FileStoreVerification(
            snapshotBytes: loaded.snapshotSize, journalBytes: (try loaded.journal?.size()) ?? 0,
            snapshotSequence: loaded.report.snapshotSequence, journalFrames: loaded.report.replayedFrames, items: items,
            timelineLines: loaded.state.timelines.values.reduce(0) { $0 + $1.count }, lastSequence: loaded.state.sequence,
            tornTailOffset: loaded.report.tornTailOffset)
    }

    /// Salvages a damaged store: copies the snapshot and the journal's valid frames up to the first damage into
    /// a new store at `destination` (which must not exist yet), and reports what was dropped. The damaged store
    /// is not changed.
    public static func repair(from source: String, to destination: String) throws -> FileStoreRepairReport {
        guard !POSIXFile.exists(destination + "/snapshot"), !POSIXFile.exists(destination + "/journal") else {
            throw StoreError(.conflict, "\(destination) already holds a store")
        }
        let sourceLock = try POSIXFile.openFile(source + "/LOCK", create: true)
        defer { sourceLock.closeDescriptor() }
        try sourceLock.lockExclusively()
        let loader = StoreLoader(directory: source)
        var state = StoreState()
        if POSIXFile.exists(loader.snapshotPath) {
            let file = try POSIXFile.openFile(loader.snapshotPath, create: false)
            defer { file.closeDescriptor() }
            state = try SnapshotCodec.decode(try file.readAll(), path: loader.snapshotPath)
        }
        var keptFrames = 0
        var damage: String?
        var dropped: Int64 = 0
        if POSIXFile.exists(loader.journalPath) {
            let file = try POSIXFile.openFile(loader.journalPath, create: false)
            defer { file.closeDescriptor() }
            let bytes = try file.readAll()
            let header = try FileFormat.readHeader(bytes, magic: FileFormat.journalMagic, path: loader.journalPath)
            guard header.sequence <= state.sequence else {
                throw StoreError(
                    .corrupted,
                    "\(loader.journalPath) at byte 0: the journal continues from commit \(header.sequence), but the snapshot holds only \(state.sequence): nothing can be salvaged without the missing commits")
            }
            let scan = JournalScan(bytes, header: header, after: state.sequence)
            for (sequence, entry) in scan.entries { try state.replay(entry, sequence: sequence) }
            keptFrames = scan.entries.count
            switch scan.ending {
            case .clean: break
            case .tornTail(let offset):
                damage = "\(loader.journalPath) at byte \(offset): torn final frame"
                dropped = Int64(bytes.count - offset)
            case .corrupted(let offset, let message):
                damage = "\(loader.journalPath) at byte \(offset): \(message)"
                dropped = Int64(bytes.count - offset)
            }
        }
        try POSIXFile.makeDirectory(destination)
        let lock = try POSIXFile.openFile(destination + "/LOCK", create: true)
        defer { lock.closeDescriptor() }
        try lock.lockExclusively()
        try state.loadAllIndexes()
        try writeAtomically(try SnapshotCodec.encode(state), to: destination + "/snapshot", directory: destination)
        try writeAtomically(
            FileFormat.header(magic: FileFormat.journalMagic, sequence: state.sequence), to: destination + "/journal",
            directory: destination)
        return FileStoreRepairReport(keptSequence: state.sequence, keptFrames: keptFrames, damage: damage, droppedBytes: dropped)
    }
}
