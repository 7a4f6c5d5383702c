import CRMKit
import CRMKitStoreContract
import Foundation
import Testing

@Suite("File store: torn final frames")
struct FileStoreTornTailTests {
    /// The highest ID of a type created by the first `commits` scripted change sets.
    static func highestCreatedID(_ type: EntityType, commits: Int) -> Int64 {
        ScriptedHistory.changeSets.prefix(commits).flatMap(\.writes).filter { $0.reference.entityType == type }
            .map(\.reference.id).max() ?? 0
    }

    @Test("every cut inside the last two frames opens at the last complete commit, cut off, and takes new commits")
    func everyCutInTheLastTwoFrames() async throws {
        let root = TemporaryDirectory("filestore-torn")
        let source = root.appending("source")
        let history = try await ScriptedHistory.build(at: source, commits: 8, compactAfter: 3)
        let ends = history.journalEnds.map(Int.init)
        let journal = try StoreFiles.read(StoreFiles.journal(source))
        try #require(journal.count == ends[8])
        // The frame boundaries recorded while committing are the ones in the file.
        #expect(StoreFiles.frameBoundaries(journal) == Array(ends[3...8]))
        var cuts = 0
        for cut in ends[6]..<ends[8] {
            let kept = cut < ends[7] ? 6 : 7
            let frameStart = ends[kept]
            let directory = root.appending("cut-\(cut)")
            try StoreFiles.copyStore(from: source, to: directory)
            try StoreFiles.truncate(StoreFiles.journal(directory), to: cut)

            let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none))
            let report = store.openReport
            if cut == frameStart {
                #expect(report.tornTailOffset == nil && report.truncatedBytes == 0, "cut \(cut) at a frame boundary: \(report)")
            } else {
                #expect(report.tornTailOffset == Int64(frameStart), "cut \(cut): torn tail at \(String(describing: report.tornTailOffset))")
                #expect(report.truncatedBytes == Int64(cut - frameStart), "cut \(cut): truncated \(report.truncatedBytes) bytes")
                cuts += 1
            }
            #expect(report.lastSequence == UInt64(kept) && report.snapshotSequence == 3 && report.replayedFrames == kept - 3, "cut \(cut): \(report)")
            let image = try await history.image(of: store)
            #expect(image == history.images[kept], "cut \(cut): \(image.difference(from: history.images[kept]))")
            #expect(try StoreFiles.size(StoreFiles.journal(directory)) == Int64(frameStart), "cut \(cut): journal not cut back")
            #expect(store.fileSizes.journal == Int64(frameStart), "cut \(cut): the store's journal size")

            // A further commit lands after the last complete frame and survives reopening.
            let id = try await store.allocateID(for: .deal)
            #expect(id > Self.highestCreatedID(.deal, commits: kept), "cut \(cut): allocated deal \(id) again")
            var deal = Deal()
            deal.id = ItemID(id)
            deal.title = "After cut \(cut)"
            let line = TimelineRecord(item: ItemReference(deal.id), entry: .event(TimelineEvent(kind: .comment(text: "cut \(cut)"))))
            let receipt = try await store.commit(ChangeSet(writes: [.create(.deal(deal))], timeline: [line]))
            #expect(receipt.sequence == UInt64(kept + 1))
            var references = history.references
            references.insert(ItemReference(deal.id))
            let afterCommit = try await StoreImage.capture(store, references: references, keys: history.keys)
            store.close()

            let reopened = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none))
            let reopenReport = reopened.openReport
            #expect(reopenReport.tornTailOffset == nil && reopenReport.truncatedBytes == 0, "cut \(cut): reopened with \(reopenReport)")
            #expect(reopenReport.lastSequence == UInt64(kept + 1))
            let reopenedImage = try await StoreImage.capture(reopened, references: references, keys: history.keys)
            #expect(reopenedImage == afterCommit, "cut \(cut) after reopening: \(reopenedImage.difference(from: afterCommit))")
            #expect(try await reopened.load(deal.id) == Versioned(item: deal, revision: 1))
            reopened.close()
            try FileManager.default.removeItem(atPath: directory)
        }
        #expect(cuts == ends[8] - ends[6] - 2)
    }

    @Test("a torn first frame without a snapshot opens as an empty store")
    func tornFirstFrame() async throws {
        let root = TemporaryDirectory("filestore-torn-first")
        let source = root.appending("source")
        let history = try await ScriptedHistory.build(at: source, commits: 2)
        let ends = history.journalEnds.map(Int.init)
        for cut in [ends[0] + 1, ends[0] + 15, ends[0] + 16, ends[0] + 17, ends[1] - 1] {
            let directory = root.appending("cut-\(cut)")
            try StoreFiles.copyStore(from: source, to: directory)
            try StoreFiles.truncate(StoreFiles.journal(directory), to: cut)
            let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none))
            #expect(store.openReport.tornTailOffset == Int64(ends[0]), "cut \(cut)")
            #expect(store.openReport.truncatedBytes == Int64(cut - ends[0]), "cut \(cut)")
            #expect(store.openReport.lastSequence == 0 && store.openReport.snapshotSequence == 0)
            #expect(try await history.image(of: store) == history.images[0], "cut \(cut)")
            #expect(try StoreFiles.size(StoreFiles.journal(directory)) == Int64(ends[0]))
            #expect(!StoreFiles.exists(StoreFiles.snapshot(directory)))
            store.close()
        }
    }

    @Test("verify reports a torn final frame without cutting it; opening then cuts it")
    func verifyLeavesTheTornTail() async throws {
        let root = TemporaryDirectory("filestore-torn-verify")
        let directory = root.appending("store")
        let history = try await ScriptedHistory.build(at: directory, commits: 4)
        let ends = history.journalEnds.map(Int.init)
        let cut = ends[4] - 5
        try StoreFiles.truncate(StoreFiles.journal(directory), to: cut)
        let verification = try FileStore.verify(at: directory)
        #expect(verification.tornTailOffset == Int64(ends[3]))
        #expect(verification.lastSequence == 3 && verification.journalFrames == 3)
        #expect(verification.journalBytes == Int64(cut))
        #expect(try StoreFiles.size(StoreFiles.journal(directory)) == Int64(cut), "verify changed the journal")
        let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none))
        #expect(store.openReport.tornTailOffset == Int64(ends[3]))
        #expect(try await history.image(of: store) == history.images[3])
        store.close()
        #expect(try FileStore.verify(at: directory).tornTailOffset == nil)
    }

    @Test("a journal cut inside its header is corruption, not a torn tail")
    func cutInsideTheHeader() async throws {
        let root = TemporaryDirectory("filestore-torn-header")
        let source = root.appending("source")
        let history = try await ScriptedHistory.build(at: source, commits: 2)
        let headerSize = Int(history.journalEnds[0])
        let journal = try StoreFiles.read(StoreFiles.journal(source))
        #expect(StoreFiles.headerSize(journal) == headerSize)
        let directory = root.appending("store")
        try StoreFiles.copyStore(from: source, to: directory)
        var opened: [Int] = []
        for cut in 0..<headerSize {
            try StoreFiles.write(Array(journal[0..<cut]), to: StoreFiles.journal(directory))
            guard let error = openFailure(directory) else {
                opened.append(cut)
                continue
            }
            if error.code != .corrupted || !error.message.contains("at byte") || !error.message.contains("journal") {
                Issue.record("cut \(cut) inside the header: \(error)")
            }
        }
        #expect(opened.isEmpty, "opened with the journal cut inside its header at \(opened.prefix(10))")
        // The header alone is a valid, empty journal.
        try StoreFiles.write(Array(journal[0..<headerSize]), to: StoreFiles.journal(directory))
        let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none))
        #expect(store.openReport.tornTailOffset == nil && store.openReport.lastSequence == 0)
        #expect(try await history.image(of: store) == history.images[0])
        store.close()
    }
}
