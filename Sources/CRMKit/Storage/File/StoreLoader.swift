/// What loading a store directory produced.
struct LoadedStore {
    var state: StoreState
    var journal: POSIXFile?
    var journalSize: Int64
    var snapshotSize: Int64
    var report: FileStoreOpenReport
    var scan: JournalScan?
    /// The oldest format version among the files read (the current version for a new store).
    var formatVersion: UInt32 = FileFormat.version
}

/// Loads a store directory: the snapshot, then the journal's frames.
struct StoreLoader {
    let directory: String

    var journalPath: String { directory + "/journal" }
    var snapshotPath: String { directory + "/snapshot" }

    /// Loads the state. With `repairTornTail` a torn final frame is truncated (and the journal created when
    /// missing); without it nothing is written.
    func load(repairTornTail: Bool) throws(StoreError) -> LoadedStore {
        if repairTornTail {
            try POSIXFile.removeFile(snapshotPath + ".tmp")
            try POSIXFile.removeFile(journalPath + ".tmp")
        }
        var state = StoreState()
        var snapshotSize: Int64 = 0
        var formatVersion = FileFormat.version
        if POSIXFile.exists(snapshotPath) {
            let file = try POSIXFile.openFile(snapshotPath, create: false)
            defer { file.closeDescriptor() }
            let bytes = try file.readAll()
            snapshotSize = Int64(bytes.count)
            state = try SnapshotCodec.decode(bytes, path: snapshotPath)
            formatVersion = try FileFormat.readHeader(bytes, magic: FileFormat.snapshotMagic, path: snapshotPath).version
        }
        let snapshotSequence = state.sequence
        guard POSIXFile.exists(journalPath) else {
            var journal: POSIXFile?
            var size: Int64 = 0
            if repairTornTail {
                let header = FileFormat.header(magic: FileFormat.journalMagic, sequence: state.sequence)
                try FileStore.writeAtomically(header, to: journalPath, directory: directory)
                journal = try POSIXFile.openFile(journalPath, create: false)
                size = Int64(header.count)
            }
            return LoadedStore(
                state: state, journal: journal, journalSize: size, snapshotSize: snapshotSize,
                report: FileStoreOpenReport(
                    snapshotSequence: snapshotSequence, replayedFrames: 0, lastSequence: state.sequence, tornTailOffset: nil,
                    truncatedBytes: 0),
                scan: nil, formatVersion: formatVersion)
        }
        let journal = try POSIXFile.openFile(journalPath, create: false)
        let bytes = try journal.readAll()
        let header = try FileFormat.readHeader(bytes, magic: FileFormat.journalMagic, path: journalPath)
        guard header.sequence <= state.sequence else {
            throw StoreError(
                .corrupted,
                "\(journalPath) at byte 0: the journal continues from commit \(header.sequence), but the snapshot holds only "
                    + "\(state.sequence) commits: the snapshot is missing or stale")
        }
        let scan = JournalScan(bytes, header: header, after: state.sequence)
        if case .corrupted(let offset, let message) = scan.ending {
            throw StoreError(.corrupted, "\(journalPath) at byte \(offset): \(message)")
        }
        for (sequence, entry) in scan.entries { try state.replay(entry, sequence: sequence) }
        var tornOffset: Int64?
        var truncated: Int64 = 0
        if case .tornTail(let offset) = scan.ending {
            tornOffset = Int64(offset)
            truncated = Int64(bytes.count - offset)
            if repairTornTail {
                try journal.truncate(to: Int64(offset))
                try journal.sync()
            }
        }
        return LoadedStore(
            state: state, journal: journal, journalSize: Int64(scan.validEnd), snapshotSize: snapshotSize,
            report: FileStoreOpenReport(
                snapshotSequence: snapshotSequence, replayedFrames: scan.entries.count, lastSequence: state.sequence,
                tornTailOffset: tornOffset, truncatedBytes: truncated),
            scan: scan, formatVersion: min(formatVersion, header.version))
    }
}
