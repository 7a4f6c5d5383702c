import CRMKit
import CRMKitStoreContract
import Foundation
import Testing

@Suite("File store: files, lock and format versions")
struct FileStoreFilesTests {
    static let options = FileStoreOptions(durability: .none, automaticCompaction: false)

    static func deal(_ id: Int64, _ title: String) -> Deal {
        var deal = Deal()
        deal.id = ItemID(id)
        deal.title = title
        return deal
    }

    @Test("LOCK, journal and snapshot are created with mode 0600, also by compaction and repair")
    func fileModes() async throws {
        let root = TemporaryDirectory("filestore-modes")
        let directory = root.appending("store")
        let store = try FileStore.open(at: directory, options: Self.options)
        #expect(try StoreFiles.permissions(directory + "/LOCK") == 0o600)
        #expect(try StoreFiles.permissions(StoreFiles.journal(directory)) == 0o600)
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(Self.deal(try await store.allocateID(for: .deal), "A")))]))
        try store.compact()
        _ = try await store.commit(ChangeSet(configuration: [.settings: Data("{}".utf8)]))
        for name in ["LOCK", "journal", "snapshot"] {
            let mode = try StoreFiles.permissions(directory + "/" + name)
            #expect(mode == 0o600, "\(name) has mode \(String(mode, radix: 8))")
        }
        store.close()
        let repaired = root.appending("repaired")
        _ = try FileStore.repair(from: directory, to: repaired)
        for name in ["LOCK", "journal", "snapshot"] {
            let mode = try StoreFiles.permissions(repaired + "/" + name)
            #expect(mode == 0o600, "repaired \(name) has mode \(String(mode, radix: 8))")
        }
    }

    @Test("a second opener is refused at once with locked; after close it opens and sees the commits")
    func lock() async throws {
        let directory = TemporaryDirectory("filestore-lock")
        let first = try FileStore.open(at: directory.path, options: Self.options)
        let started = ContinuousClock.now
        let error = storeError { _ = try FileStore.open(at: directory.path, options: Self.options) }
        #expect(ContinuousClock.now - started < .seconds(1), "the second open waited")
        #expect(error?.code == .locked, "\(String(describing: error))")
        #expect(error?.message.contains("in use") == true, "\(String(describing: error))")

        // The refused opener changed nothing: the first store keeps working.
        let deal = Self.deal(try await first.allocateID(for: .deal), "Kept")
        _ = try await first.commit(ChangeSet(writes: [.create(.deal(deal))]))
        #expect(storeError { _ = try FileStore.open(at: directory.path, options: Self.options) }?.code == .locked)
        first.close()

        let second = try FileStore.open(at: directory.path, options: Self.options)
        #expect(try await second.load(deal.id) == Versioned(item: deal, revision: 1))
        #expect(second.openReport.lastSequence == 1)
        second.close()
    }

    @Test("a store dropped without close releases its lock")
    func lockReleasedOnDeinit() async throws {
        let directory = TemporaryDirectory("filestore-lock-deinit")
        do {
            let store = try FileStore.open(at: directory.path, options: Self.options)
            _ = try await store.commit(ChangeSet(configuration: [.settings: Data([1])]))
        }
        let reopened = try FileStore.open(at: directory.path, options: Self.options)
        #expect(try await reopened.configuration(.settings) == Data([1]))
        reopened.close()
    }

    @Test("a closed store refuses commits and compaction, and never writes over the store's next opener")
    func closedStoreWritesNothing() async throws {
        let directory = TemporaryDirectory("filestore-closed")
        let first = try FileStore.open(at: directory.path, options: Self.options)
        _ = try await first.commit(ChangeSet(configuration: [.settings: Data([1])]))
        first.close()
        let commitError: StoreError? = await {
            do {
                _ = try await first.commit(ChangeSet(configuration: [.settings: Data([2])]))
                return nil
            } catch { return error as? StoreError }
        }()
        #expect(commitError != nil, "a closed store committed")

        let second = try FileStore.open(at: directory.path, options: Self.options)
        let deal = Self.deal(try await second.allocateID(for: .deal), "Second opener's")
        _ = try await second.commit(ChangeSet(writes: [.create(.deal(deal))]))
        let compactError = storeError { try first.compact() }
        #expect(compactError != nil, "a closed store compacted, writing the snapshot and journal without holding the lock")
        second.close()

        let third = try FileStore.open(at: directory.path, options: Self.options)
        #expect(try await third.load(deal.id) == Versioned(item: deal, revision: 1), "the second opener's commit was lost")
        #expect(try await third.configuration(.settings) == Data([1]))
        third.close()
    }

    @Test("leftover snapshot.tmp and journal.tmp from a crash mid-compaction are ignored and removed")
    func leftoverTemporaryFiles() async throws {
        let root = TemporaryDirectory("filestore-tmp")
        let directory = root.appending("store")
        let history = try await ScriptedHistory.build(at: directory, commits: 6, compactAfter: 2)
        // A complete snapshot of another state that was never renamed into place, and a half-written journal.
        let other = root.appending("other")
        _ = try await ScriptedHistory.build(at: other, commits: 4, compactAfter: 4)
        try FileManager.default.copyItem(atPath: StoreFiles.snapshot(other), toPath: StoreFiles.snapshot(directory) + ".tmp")
        try StoreFiles.write(Array(try StoreFiles.read(StoreFiles.journal(directory)).prefix(40)), to: StoreFiles.journal(directory) + ".tmp")

        let store = try FileStore.open(at: directory, options: Self.options)
        #expect(!StoreFiles.exists(StoreFiles.snapshot(directory) + ".tmp"))
        #expect(!StoreFiles.exists(StoreFiles.journal(directory) + ".tmp"))
        #expect(store.openReport.snapshotSequence == 2 && store.openReport.lastSequence == 6)
        #expect(try await history.image(of: store) == history.images[6])
        try store.compact()
        store.close()
        let reopened = try FileStore.open(at: directory, options: Self.options)
        #expect(try await history.image(of: reopened) == history.images[6])
        reopened.close()
    }

    @Test("a journal whose frames are all in the snapshot (a crash before the fresh journal) opens with the snapshot's state")
    func journalOlderThanSnapshot() async throws {
        let root = TemporaryDirectory("filestore-old-journal")
        let directory = root.appending("store")
        let history = try await ScriptedHistory.build(at: directory, commits: 5)
        let oldJournal = try StoreFiles.read(StoreFiles.journal(directory))
        let compacting = try FileStore.open(at: directory, options: Self.options)
        try compacting.compact()
        compacting.close()
        try StoreFiles.write(oldJournal, to: StoreFiles.journal(directory))

        let store = try FileStore.open(at: directory, options: Self.options)
        let report = store.openReport
        #expect(report.snapshotSequence == 5 && report.lastSequence == 5 && report.replayedFrames == 0, "\(report)")
        #expect(report.tornTailOffset == nil)
        #expect(try await history.image(of: store) == history.images[5])
        let id = try await store.allocateID(for: .deal)
        #expect(id > FileStoreTornTailTests.highestCreatedID(.deal, commits: 5))
        let deal = Self.deal(id, "After the old journal")
        #expect(try await store.commit(ChangeSet(writes: [.create(.deal(deal))])).sequence == 6)
        store.close()

        let reopened = try FileStore.open(at: directory, options: Self.options)
        #expect(reopened.openReport.lastSequence == 6 && reopened.openReport.replayedFrames == 1, "\(reopened.openReport)")
        #expect(try await reopened.load(deal.id) == Versioned(item: deal, revision: 1))
        var references = history.references
        references.insert(ItemReference(deal.id))
        let image = try await StoreImage.capture(reopened, references: references, keys: history.keys)
        #expect(image.loaded.filter { $0.key != ItemReference(deal.id) } == history.images[5].loaded)
        #expect(image.timelines.filter { $0.key != ItemReference(deal.id) } == history.images[5].timelines)
        reopened.close()
    }

    @Test("a journal that starts before the snapshot and goes on after it replays only the newer frames")
    func journalOverlappingSnapshot() async throws {
        let root = TemporaryDirectory("filestore-overlap")
        let longer = root.appending("longer")
        let history = try await ScriptedHistory.build(at: longer, commits: 5)
        let compacted = root.appending("compacted")
        _ = try await ScriptedHistory.build(at: compacted, commits: 3, compactAfter: 3)
        try StoreFiles.write(try StoreFiles.read(StoreFiles.journal(longer)), to: StoreFiles.journal(compacted))

        let store = try FileStore.open(at: compacted, options: Self.options)
        #expect(store.openReport.snapshotSequence == 3 && store.openReport.replayedFrames == 2 && store.openReport.lastSequence == 5)
        #expect(try await history.image(of: store) == history.images[5])
        store.close()
    }

    /// A store with a snapshot (commits 1–2) and a journal (commit 3), closed.
    static func smallStore(_ root: TemporaryDirectory) async throws -> (directory: String, history: ScriptedHistory) {
        let directory = root.appending("store")
        return (directory, try await ScriptedHistory.build(at: directory, commits: 3, compactAfter: 2))
    }

    @Test("a changed version byte or a bad magic in either file's header is corruption", arguments: ["journal", "snapshot"])
    func damagedHeaders(file: String) async throws {
        let root = TemporaryDirectory("filestore-headers")
        let (directory, _) = try await Self.smallStore(root)
        let path = directory + "/" + file
        let original = try StoreFiles.read(path)
        #expect(StoreFiles.u32(original, at: 8) == 4, "format version")

        for (name, offset, value) in [("version", 8, UInt8(5)), ("magic", 0, UInt8(ascii: "X")), ("magic end", 7, UInt8(ascii: "x"))] {
            var bytes = original
            bytes[offset] = value
            try StoreFiles.write(bytes, to: path)
            let error = openFailure(directory)
            #expect(error?.code == .corrupted, "\(file) \(name): \(String(describing: error))")
            #expect(error?.message.contains("\(file) at byte") == true, "\(file) \(name): \(String(describing: error))")
            if name.hasPrefix("magic") {
                #expect(error?.message.contains("at byte 0:") == true, "\(file) \(name): \(String(describing: error))")
            }
        }
        // The other file's magic in this file.
        var swapped = original
        swapped.replaceSubrange(0..<8, with: Array((file == "journal" ? "CRMKSNAP" : "CRMKJRNL").utf8))
        try StoreFiles.write(swapped, to: path)
        #expect(openFailure(directory)?.code == .corrupted)
        try StoreFiles.write(original, to: path)
        #expect(openFailure(directory) == nil)
    }

    @Test("a well-formed header of a newer format version is refused as unsupportedFormat", arguments: ["journal", "snapshot"])
    func newerFormatVersion(file: String) async throws {
        let root = TemporaryDirectory("filestore-version")
        let (directory, _) = try await Self.smallStore(root)
        let path = directory + "/" + file
        var bytes = try StoreFiles.read(path)
        let checksumOffset = StoreFiles.headerSize(bytes) - 4
        // The test's own CRC-32C agrees with the file's header checksum.
        try #require(StoreFiles.crc32c(bytes[0..<checksumOffset]) == StoreFiles.u32(bytes, at: checksumOffset))
        StoreFiles.putU32(5, into: &bytes, at: 8)
        StoreFiles.putU32(StoreFiles.crc32c(bytes[0..<checksumOffset]), into: &bytes, at: checksumOffset)
        try StoreFiles.write(bytes, to: path)
        let error = openFailure(directory)
        #expect(error?.code == .unsupportedFormat, "\(file): \(String(describing: error))")
        #expect(error?.message.contains("newer") == true && error?.message.contains(file) == true, "\(file): \(String(describing: error))")
        let verifyError = storeError { _ = try FileStore.verify(at: directory) }
        #expect(verifyError?.code == .unsupportedFormat, "verify \(file): \(String(describing: verifyError))")
    }
}
