import CRMKit
import CRMKitStoreContract
import Foundation
import Testing

@Suite("File store: damaged files")
struct FileStoreCorruptionTests {
    /// Commits 1–3 in the snapshot, 4–9 in the journal.
    static let commits = 9
    static let snapshotSequence = 3

    /// A closed store with a snapshot and a journal, its history and its files' bytes.
    struct Fixture {
        let root = TemporaryDirectory("filestore-damage")
        let source: String
        let history: ScriptedHistory
        let journal: [UInt8]
        let snapshot: [UInt8]
        /// Journal frame starts, then the journal's end: frame `k` holds commit `snapshotSequence + 1 + k`.
        let frames: [Int]

        init() async throws {
            source = root.appending("source")
            history = try await ScriptedHistory.build(at: source, commits: FileStoreCorruptionTests.commits, compactAfter: FileStoreCorruptionTests.snapshotSequence)
            journal = try StoreFiles.read(StoreFiles.journal(source))
            snapshot = try StoreFiles.read(StoreFiles.snapshot(source))
            frames = StoreFiles.frameBoundaries(journal)
            try #require(frames.map(Int64.init) == Array(history.journalEnds[FileStoreCorruptionTests.snapshotSequence...]))
        }

        /// A new store directory holding these files.
        func store(_ name: String, journal: [UInt8]? = nil, snapshot: [UInt8]? = nil) throws -> String {
            let directory = root.appending(name)
            try StoreFiles.copyStore(from: source, to: directory)
            if let journal { try StoreFiles.write(journal, to: StoreFiles.journal(directory)) }
            if let snapshot { try StoreFiles.write(snapshot, to: StoreFiles.snapshot(directory)) }
            return directory
        }

        /// The commit a journal frame holds.
        func sequence(ofFrame index: Int) -> Int { FileStoreCorruptionTests.snapshotSequence + 1 + index }
    }

    @Test("random single-bit flips are refused, or cut off as a torn final frame, never read as another state")
    func randomBitFlips() async throws {
        let fixture = try await Fixture()
        let snapshotFrames = StoreFiles.frameBoundaries(fixture.snapshot)
        let journalHeader = fixture.frames[0]
        let lastFrame = fixture.frames.count - 2
        var random = SeededGenerator(seed: 0xB17_F11B5)
        var refused = 0, torn = 0
        let directory = try fixture.store("work")
        for trial in 0..<300 {
            var journal = fixture.journal, snapshot = fixture.snapshot
            let bit = UInt8(1) << UInt8(random.int(0...7))
            // Spread the flips over the four regions (headers are large; frames are where the cases differ),
            // and within a frame favour its 16-byte frame header.
            let region = random.int(0...9)
            let offset: Int
            switch region {
            case 0: offset = random.int(0...(snapshotFrames[0] - 1))
            case 1, 2: offset = random.int(snapshotFrames[0]...(snapshot.count - 1))
            case 3: offset = random.int(0...(journalHeader - 1))
            default:
                let frame = random.int(0...lastFrame)
                let start = fixture.frames[frame], end = fixture.frames[frame + 1]
                offset = random.chance(0.3) ? random.int(start...(start + 15)) : random.int(start...(end - 1))
            }
            if region < 3 { snapshot[offset] ^= bit } else { journal[offset] ^= bit }
            try StoreFiles.write(journal, to: StoreFiles.journal(directory))
            try StoreFiles.write(snapshot, to: StoreFiles.snapshot(directory))
            let place = "trial \(trial): bit \(bit) at byte \(offset) of the \(region < 3 ? "snapshot" : "journal")"

            let opened: FileStore
            do {
                opened = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none))
            } catch let error as StoreError {
                refused += 1
                #expect(error.code == .corrupted && error.message.contains("at byte"), "\(place): \(error)")
                if region < 3 {
                    #expect(error.message.contains("snapshot"), "\(place): \(error)")
                } else if offset >= journalHeader {
                    // A damaged frame with frames after it: the error names that frame's start.
                    let frame = try #require(fixture.frames.lastIndex { $0 <= offset })
                    #expect(frame != lastFrame, "\(place): a damaged final frame should be cut off as a torn tail, got \(error)")
                    #expect(error.message.contains("at byte \(fixture.frames[frame]):"), "\(place): \(error)")
                } else {
                    #expect(error.message.contains("journal"), "\(place): \(error)")
                }
                continue
            }
            // It opened: only a flip in the final frame may do that, and only as a torn tail at its start.
            torn += 1
            let report = opened.openReport
            let image = try await fixture.history.image(of: opened)
            opened.close()
            #expect(region >= 3 && offset >= fixture.frames[lastFrame], "\(place): opened with \(report)")
            let sequence = Int(report.lastSequence)
            try #require(sequence <= Self.commits, "\(place): opened at sequence \(sequence)")
            #expect(image == fixture.history.images[sequence], "\(place): a state that was never committed: \(image.difference(from: fixture.history.images[sequence]))")
            #expect(report.tornTailOffset == Int64(fixture.frames[lastFrame]), "\(place): \(report)")
            #expect(report.truncatedBytes == Int64(fixture.journal.count - fixture.frames[lastFrame]), "\(place): \(report)")
            #expect(sequence == Self.commits - 1, "\(place): \(report)")
        }
        #expect(refused > 200 && torn > 5, "\(refused) refused, \(torn) torn")
    }

    /// The bytes of a frame that one flip damages: its length (low and high byte), checksum, sequence, payload.
    enum Position: Sendable {
        case at(Int)
        case middle
        case last

        func offset(inFrameOf size: Int) -> Int {
            switch self {
            case .at(let offset): offset
            case .middle: size / 2
            case .last: size - 1
            }
        }
    }

    static let framePlaces: [(name: String, position: Position, bit: UInt8)] = [
        ("length, low byte", .at(0), 0x04),
        ("length, high byte", .at(3), 0x40),
        ("checksum", .at(5), 0x01),
        ("sequence", .at(8), 0x02),
        ("first payload byte", .at(16), 0x80),
        ("middle of the payload", .middle, 0x10),
        ("last payload byte", .last, 0x01),
    ]

    @Test("a damaged middle frame is corruption naming that frame's offset", arguments: 0..<framePlaces.count)
    func damagedMiddleFrame(place: Int) async throws {
        let fixture = try await Fixture()
        let (name, position, bit) = Self.framePlaces[place]
        for frame in 0..<(fixture.frames.count - 2) {
            let start = fixture.frames[frame], size = fixture.frames[frame + 1] - start
            var journal = fixture.journal
            journal[start + position.offset(inFrameOf: size)] ^= bit
            let directory = try fixture.store("frame-\(frame)", journal: journal)
            let error = openFailure(directory)
            #expect(error?.code == .corrupted, "\(name) of frame \(frame) (commit \(fixture.sequence(ofFrame: frame))): \(String(describing: error))")
            #expect(
                error?.message.contains("journal at byte \(start):") == true,
                "\(name) of frame \(frame) at byte \(start): \(String(describing: error))")
            #expect(try StoreFiles.read(StoreFiles.journal(directory)) == journal, "\(name) of frame \(frame): the refused open changed the journal")
            let verifyError = storeError { _ = try FileStore.verify(at: directory) }
            #expect(verifyError?.code == .corrupted && verifyError?.message.contains("at byte \(start):") == true, "verify: \(String(describing: verifyError))")
        }
    }

    @Test("a damaged final frame is cut off as a torn tail", arguments: 0..<framePlaces.count)
    func damagedFinalFrame(place: Int) async throws {
        let fixture = try await Fixture()
        let (name, position, bit) = Self.framePlaces[place]
        let last = fixture.frames.count - 2
        let start = fixture.frames[last]
        var journal = fixture.journal
        journal[start + position.offset(inFrameOf: fixture.journal.count - start)] ^= bit
        let directory = try fixture.store("final", journal: journal)
        let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none))
        #expect(store.openReport.tornTailOffset == Int64(start), "\(name)")
        #expect(store.openReport.truncatedBytes == Int64(journal.count - start), "\(name)")
        #expect(try await fixture.history.image(of: store) == fixture.history.images[Self.commits - 1], "\(name)")
        store.close()
    }

    @Test("a missing middle frame is a sequence gap; a repeated one too")
    func sequenceGap() async throws {
        let fixture = try await Fixture()
        let frames = fixture.frames
        for frame in 0..<(frames.count - 2) {
            var journal = fixture.journal
            journal.removeSubrange(frames[frame]..<frames[frame + 1])
            let error = openFailure(try fixture.store("gap-\(frame)", journal: journal))
            #expect(error?.code == .corrupted, "without frame \(frame): \(String(describing: error))")
            #expect(error?.message.contains("sequence gap") == true, "without frame \(frame): \(String(describing: error))")
            #expect(error?.message.contains("at byte \(frames[frame]):") == true, "without frame \(frame): \(String(describing: error))")
        }
        var repeated = fixture.journal
        repeated.insert(contentsOf: fixture.journal[frames[1]..<frames[2]], at: frames[2])
        let error = openFailure(try fixture.store("repeated", journal: repeated))
        #expect(error?.code == .corrupted && error?.message.contains("sequence gap") == true, "\(String(describing: error))")
        #expect(error?.message.contains("at byte \(frames[2]):") == true, "\(String(describing: error))")
    }

    @Test("repair salvages the commits before a damaged frame into a new store and leaves the damaged one alone")
    func repairDamagedMiddleFrame() async throws {
        let fixture = try await Fixture()
        let frames = fixture.frames
        let damaged = 2  // commit 6
        var journal = fixture.journal
        journal[frames[damaged] + 20] ^= 0x08
        let source = try fixture.store("damaged", journal: journal)
        #expect(openFailure(source)?.code == .corrupted)

        let destination = fixture.root.appending("repaired")
        let report = try FileStore.repair(from: source, to: destination)
        let kept = fixture.sequence(ofFrame: damaged) - 1
        #expect(report.keptSequence == UInt64(kept))
        #expect(report.keptFrames == damaged)
        #expect(report.droppedBytes == Int64(journal.count - frames[damaged]))
        let damage = try #require(report.damage)
        #expect(damage.contains(StoreFiles.journal(source)) && damage.contains("at byte \(frames[damaged]):"), "\(damage)")
        #expect(try StoreFiles.read(StoreFiles.journal(source)) == journal, "repair changed the damaged journal")
        #expect(try StoreFiles.read(StoreFiles.snapshot(source)) == fixture.snapshot, "repair changed the damaged store's snapshot")

        let verification = try FileStore.verify(at: destination)
        #expect(verification.lastSequence == UInt64(kept) && verification.snapshotSequence == UInt64(kept) && verification.journalFrames == 0)
        let store = try FileStore.open(at: destination, options: FileStoreOptions(durability: .none))
        #expect(store.openReport.lastSequence == UInt64(kept) && store.openReport.tornTailOffset == nil)
        let image = try await fixture.history.image(of: store)
        #expect(image == fixture.history.images[kept], "\(image.difference(from: fixture.history.images[kept]))")
        let id = try await store.allocateID(for: .deal)
        #expect(id > FileStoreTornTailTests.highestCreatedID(.deal, commits: kept))
        #expect(try await store.commit(ChangeSet(configuration: ["after-repair": Data([1])])).sequence == UInt64(kept + 1))
        store.close()

        // A destination that holds a store is refused.
        let again = storeError { _ = try FileStore.repair(from: source, to: destination) }
        #expect(again?.code == .conflict, "\(String(describing: again))")
    }

    @Test("repair of a healthy store keeps everything")
    func repairHealthyStore() async throws {
        let fixture = try await Fixture()
        let destination = fixture.root.appending("copy")
        let report = try FileStore.repair(from: fixture.source, to: destination)
        #expect(report.keptSequence == UInt64(Self.commits))
        #expect(report.keptFrames == Self.commits - Self.snapshotSequence)
        #expect(report.damage == nil && report.droppedBytes == 0, "\(report)")
        let store = try FileStore.open(at: destination, options: FileStoreOptions(durability: .none))
        #expect(try await fixture.history.image(of: store) == fixture.history.images[Self.commits])
        store.close()
    }

    @Test("verify reports exact counts of a healthy store, changes nothing, and is refused while the store is open")
    func verifyHealthyStore() async throws {
        let fixture = try await Fixture()
        let verification = try FileStore.verify(at: fixture.source)
        let image = fixture.history.images[Self.commits]
        var items: [EntityType: Int] = [:]
        for (type, result) in image.listed where !result.items.isEmpty { items[type] = result.items.count }
        #expect(verification.snapshotBytes == Int64(fixture.snapshot.count))
        #expect(verification.journalBytes == Int64(fixture.journal.count))
        #expect(verification.snapshotSequence == UInt64(Self.snapshotSequence))
        #expect(verification.journalFrames == Self.commits - Self.snapshotSequence)
        #expect(verification.lastSequence == UInt64(Self.commits))
        #expect(verification.items == items, "\(verification.items) vs \(items)")
        #expect(verification.timelineLines == image.timelines.values.reduce(0) { $0 + $1.count })
        #expect(verification.timelineLines > 0)
        #expect(verification.tornTailOffset == nil)
        #expect(verification.summary.hasPrefix("ok: "))
        #expect(try StoreFiles.read(StoreFiles.journal(fixture.source)) == fixture.journal)
        #expect(try StoreFiles.read(StoreFiles.snapshot(fixture.source)) == fixture.snapshot)

        let store = try FileStore.open(at: fixture.source, options: FileStoreOptions(durability: .none))
        let locked = storeError { _ = try FileStore.verify(at: fixture.source) }
        #expect(locked?.code == .locked, "\(String(describing: locked))")
        store.close()
        #expect(try FileStore.verify(at: fixture.source) == verification)
    }

    @Test("a snapshot written by compaction with one flipped byte is corruption naming the snapshot and the frame")
    func damagedSnapshot() async throws {
        let fixture = try await Fixture()
        let frames = StoreFiles.frameBoundaries(fixture.snapshot)
        #expect(frames.last == fixture.snapshot.count)
        for frame in 0..<(frames.count - 1) {
            var snapshot = fixture.snapshot
            snapshot[(frames[frame] + frames[frame + 1]) / 2] ^= 0x20
            let directory = try fixture.store("snapshot-\(frame)", snapshot: snapshot)
            let error = openFailure(directory)
            #expect(error?.code == .corrupted, "snapshot frame \(frame): \(String(describing: error))")
            #expect(
                error?.message.contains("snapshot at byte \(frames[frame]):") == true, "snapshot frame \(frame): \(String(describing: error))")
            let verifyError = storeError { _ = try FileStore.verify(at: directory) }
            #expect(verifyError?.code == .corrupted, "verify, snapshot frame \(frame): \(String(describing: verifyError))")
            let repairError = storeError { _ = try FileStore.repair(from: directory, to: directory + "-repaired") }
            #expect(repairError?.code == .corrupted, "repair, snapshot frame \(frame): \(String(describing: repairError))")
        }
        // The last byte of the snapshot's header checksum.
        var snapshot = fixture.snapshot
        snapshot[frames[0] - 1] ^= 0x01
        let error = openFailure(try fixture.store("snapshot-header", snapshot: snapshot))
        #expect(error?.code == .corrupted && error?.message.contains("snapshot at byte") == true, "\(String(describing: error))")
        // A snapshot cut short, or with bytes after its end.
        for (name, bytes) in [("cut", Array(fixture.snapshot.dropLast(3))), ("extended", fixture.snapshot + [0, 0, 0, 0])] {
            let error = openFailure(try fixture.store("snapshot-\(name)", snapshot: bytes))
            #expect(error?.code == .corrupted && error?.message.contains("snapshot at byte") == true, "\(name): \(String(describing: error))")
        }
    }
}
