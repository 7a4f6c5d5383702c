/// A pass over a journal file's bytes: the valid frames in order, and how the valid part ends.
struct JournalScan {
    /// How the valid part of the journal ends.
    enum Ending: Equatable {
        /// At the end of the file.
        case clean
        /// A torn final frame (a crash mid-write) begins at this offset; nothing valid follows it.
        case tornTail(offset: Int)
        /// A damaged frame, a sequence gap or a frame that does not decode, with valid data after it or
        /// otherwise impossible to explain by a crash: corruption.
        case corrupted(offset: Int, message: String)
    }

    var header: FileFormat.Header
    /// The entries with a sequence after `after`, in order.
    var entries: [(sequence: UInt64, entry: JournalEntry)] = []
    /// Frames skipped because the snapshot already holds them.
    var skippedFrames = 0
    /// Where the valid frames end.
    var validEnd: Int
    var ending: Ending = .clean

    /// Scans a journal whose header was already checked, replaying nothing, expecting frames after
    /// sequence `after` (the snapshot's).
    init(_ bytes: [UInt8], header: FileFormat.Header, after: UInt64) {
        self.header = header
        validEnd = header.size
        var offset = header.size
        let (first, overflow) = max(header.sequence, after).addingReportingOverflow(1)
        guard !overflow, first < UInt64.max - 2_000_000 else {
            ending = .corrupted(offset: 8, message: "sequence \(max(header.sequence, after)) is out of range")
            return
        }
        var expected = first
        while offset < bytes.count {
            switch FileFormat.readFrame(bytes, at: offset) {
            case .incomplete:
                // A length that runs past the end is a torn tail only when nothing valid follows: a damaged
                // length field in a middle frame must not cut off the commits after it.
                if let later = FileFormat.nextValidFrame(bytes, after: offset, sequences: expected...(expected + 1_000_000)) {
                    ending = .corrupted(offset: offset, message: "damaged frame length (a valid frame follows at byte \(later))")
                } else {
                    ending = .tornTail(offset: offset)
                }
                return
            case .damaged:
                if let later = FileFormat.nextValidFrame(bytes, after: offset, sequences: expected...(expected + 1_000_000)) {
                    ending = .corrupted(offset: offset, message: "damaged frame (a valid frame follows at byte \(later))")
                } else {
                    ending = .tornTail(offset: offset)
                }
                return
            case .frame(let sequence, let payload, let next):
                if sequence <= after, sequence < expected {
                    skippedFrames += 1
                    offset = next
                    validEnd = next
                    continue
                }
                guard sequence == expected else {
                    ending = .corrupted(offset: offset, message: "sequence gap: frame \(sequence) where \(expected) was expected")
                    return
                }
                var reader = BinaryReader(payload, base: Int64(offset + FileFormat.frameHeaderSize))
                do {
                    entries.append((sequence, try JournalEntry.decode(&reader, dictionary: header.dictionary, version: header.version)))
                } catch {
                    ending = .corrupted(offset: Int(error.offset), message: error.message)
                    return
                }
                expected += 1
                offset = next
                validEnd = next
            }
        }
    }
}

extension StoreState {
    /// Applies a replayed journal entry.
    mutating func replay(_ entry: JournalEntry, sequence: UInt64) throws(StoreError) {
        try apply(entry.changes, revisions: entry.revisions, sequence: sequence)
        for (type, id) in entry.lastIDs { lastIDs[type] = max(lastIDs[type] ?? 0, id) }
    }
}
