@testable import CRMKit
import Foundation
import Synchronization
import Testing

@Suite("File store: injected I/O failures")
struct FileStoreFailureTests {
    func deal(_ store: FileStore, _ title: String) async throws -> Deal {
        var deal = Deal()
        deal.id = ItemID(try await store.allocateID(for: .deal))
        deal.title = title
        return deal
    }

    @Test("a failed write leaves no trace: the partial frame is cut off and the store goes on")
    func failedWrite() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStore.open(at: directory.path)
        let first = try await deal(store, "first")
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(first))]))
        let sizeBefore = store.fileSizes.journal
        store.injectedFaults.withLock { $0["write"] = StoreError(.io, "write journal: No space left on device (errno 28)") }
        let second = try await deal(store, "second")
        await #expect(throws: StoreError(.io, "write journal: No space left on device (errno 28)")) {
            try await store.commit(ChangeSet(writes: [.create(.deal(second))]))
        }
        #expect(try await store.load(second.id) == nil)
        #expect(store.fileSizes.journal == sizeBefore)
        #expect(try FileManager.default.attributesOfItem(atPath: directory.appending("journal"))[.size] as? Int64 == sizeBefore)
        store.injectedFaults.withLock { $0 = [:] }
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(second))]))
        store.close()
        let reopened = try FileStore.open(at: directory.path)
        #expect(reopened.openReport.tornTailOffset == nil)
        #expect(try await reopened.count(.deal) == 2)
        reopened.close()
    }

    @Test("a failed sync poisons the store: every later write is refused until it is reopened")
    func failedSync() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStore.open(at: directory.path)
        let first = try await deal(store, "first")
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(first))]))
        store.injectedFaults.withLock { $0["sync"] = StoreError(.io, "fdatasync journal: Input/output error (errno 5)") }
        let second = try await deal(store, "second")
        await #expect(throws: StoreError(.io, "fdatasync journal: Input/output error (errno 5)")) {
            try await store.commit(ChangeSet(writes: [.create(.deal(second))]))
        }
        store.injectedFaults.withLock { $0 = [:] }
        let third = try await deal(store, "third")
        do {
            _ = try await store.commit(ChangeSet(writes: [.create(.deal(third))]))
            Issue.record("a poisoned store accepted a write")
        } catch let error as StoreError {
            #expect(error.code == .poisoned)
        }
        #expect(throws: StoreError.self) { try store.compact() }
        #expect(store.poisonError?.code == .io)
        #expect(try await store.load(first.id) != nil)
        store.close()
        let reopened = try FileStore.open(at: directory.path)
        #expect(try await reopened.load(first.id) != nil)
        #expect(try await reopened.load(third.id) == nil)
        _ = try await reopened.commit(ChangeSet(writes: [.create(.deal(third))]))
        reopened.close()
    }
}

@Suite("File store: review regressions")
struct FileStoreReviewRegressionTests {
    func create(_ store: FileStore, _ count: Int) async throws {
        for index in 0..<count {
            var deal = Deal()
            deal.id = ItemID(try await store.allocateID(for: .deal))
            deal.title = "deal \(index)"
            _ = try await store.commit(ChangeSet(writes: [.create(.deal(deal))]))
        }
    }

    @Test("a compaction that cannot create the new journal loses no later commit")
    func failedJournalSwap() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStore.open(at: directory.path)
        try await create(store, 3)
        store.injectedFaults.withLock { $0["new journal"] = StoreError(.io, "open journal.tmp: Too many open files (errno 24)") }
        #expect(throws: StoreError(.io, "open journal.tmp: Too many open files (errno 24)")) { try store.compact() }
        store.injectedFaults.withLock { $0 = [:] }
        #expect(store.poisonError == nil)
        try await create(store, 5)
        store.close()
        #expect(!FileManager.default.fileExists(atPath: directory.appending("journal.tmp")))
        let reopened = try FileStore.open(at: directory.path)
        #expect(try await reopened.count(.deal) == 8)
        reopened.close()
    }

    @Test("a journal that continues past a missing snapshot is refused, not half-loaded")
    func missingSnapshot() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStore.open(at: directory.path)
        try await create(store, 5)
        try store.compact()
        try await create(store, 2)
        store.close()
        try FileManager.default.removeItem(atPath: directory.appending("snapshot"))
        do {
            _ = try FileStore.open(at: directory.path)
            Issue.record("a store without its snapshot opened")
        } catch let error as StoreError {
            #expect(error.code == .corrupted)
            #expect(error.message.contains("the snapshot is missing or stale"))
        }
    }

    @Test("paging with a huge limit does not overflow")
    func hugeLimit() async throws {
        let directory = TemporaryDirectory()
        let store = try FileStore.open(at: directory.path)
        try await create(store, 3)
        let page = try await store.query(Query(.deal, order: [.ascending("ID")], limit: Int.max, offset: 1))
        #expect(page.items.map(\.item.id) == [2, 3])
        store.close()
    }
}
