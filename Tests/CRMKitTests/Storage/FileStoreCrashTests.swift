import CRMKit
import CRMKitStoreContract
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Crash safety with real processes: a `crm stress` child killed with SIGKILL mid-commit, and one whose
/// file-size limit makes a write fail with EFBIG. Set CRMKIT_HEAVY_TESTS=1 for many more rounds.
@Suite("File store: crashes and full disks", .serialized)
struct FileStoreCrashTests {
    static let heavy = ProcessInfo.processInfo.environment["CRMKIT_HEAVY_TESTS"] == "1"

    @Test("the crm tool is built beside the tests")
    func toolExists() {
        #expect(FileManager.default.isExecutableFile(atPath: CRMTool.path), "missing \(CRMTool.path)")
    }

    @Test("every commit acknowledged before SIGKILL is there after reopening", arguments: FileStoreOptions.Durability.allCases)
    func killedMidCommit(durability: FileStoreOptions.Durability) async throws {
        var random = SeededGenerator(seed: 0xC0FFEE ^ UInt64(durability.rawValue.count))
        let rounds = Self.heavy ? 100 : 6
        for round in 0..<rounds {
            let directory = TemporaryDirectory("crash")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CRMTool.path)
            process.arguments = ["--store", directory.path, "stress", "--deals", "1000000", "--durability", durability.rawValue]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let wanted = Int.random(in: 1...400, using: &random)
            var acknowledged: [Int64] = []
            var buffer = Data()
            let handle = output.fileHandleForReading
            while acknowledged.count < wanted {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    if let id = Int64(line) { acknowledged.append(id) }
                }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the child was not killed")
            let store = try FileStore.open(at: directory.path)
            for id in acknowledged {
                #expect(try await store.load(ItemID<Deal>(id)) != nil, "round \(round) (\(durability)): acknowledged deal \(id) is missing")
            }
            let count = try await store.count(.deal)
            #expect(count >= acknowledged.count)
            let next = try await store.allocateID(for: .deal)
            #expect(next > (acknowledged.max() ?? 0))
            store.close()
            _ = try FileStore.verify(at: directory.path)
        }
    }

    @Test("a write refused with EFBIG (file-size limit) leaves the store consistent and every acknowledged commit")
    func fileSizeLimit() async throws {
        let directory = TemporaryDirectory("efbig")
        // 1024-byte blocks: the journal may grow to 96 KiB; SIGXFSZ ignored so write() returns EFBIG.
        let result = try CRMTool.run(
            ["--store", directory.path, "stress", "--deals", "100000", "--durability", "full"],
            shellPrefix: "trap '' XFSZ; ulimit -f 96")
        #expect(result.status == 1)
        #expect(result.error.contains("File too large"), "\(result.error)")
        let acknowledged = result.output.split(separator: "\n").compactMap { Int64($0) }
        #expect(acknowledged.count > 10)
        let journal = try #require(FileManager.default.attributesOfItem(atPath: directory.appending("journal"))[.size] as? Int)
        #expect(journal <= 96 * 1024)
        let store = try FileStore.open(at: directory.path)
        #expect(store.openReport.tornTailOffset == nil, "the failed write's partial frame was not removed")
        #expect(try await store.count(.deal) == acknowledged.count)
        for id in acknowledged { #expect(try await store.load(ItemID<Deal>(id)) != nil) }
        var deal = Deal()
        deal.id = ItemID(try await store.allocateID(for: .deal))
        deal.title = "after the full disk"
        _ = try await store.commit(ChangeSet(writes: [.create(.deal(deal))]))
        store.close()
        let reopened = try FileStore.open(at: directory.path)
        #expect(try await reopened.load(deal.id)?.item.title == "after the full disk")
        reopened.close()
    }
}

@Suite("File store: a second process")
struct FileStoreSecondProcessTests {
    @Test("another process opening a store this process holds is refused at once, and succeeds after close")
    func lockedAcrossProcesses() async throws {
        let directory = TemporaryDirectory("locked")
        let store = try FileStore.open(at: directory.path)
        let refused = try CRMTool.run(["--store", directory.path, "count", "deal"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("locked"), "\(refused.error)")
        #expect(refused.error.contains("in use"), "\(refused.error)")
        store.close()
        let allowed = try CRMTool.run(["--store", directory.path, "count", "deal"])
        #expect(allowed.status == 0)
        #expect(allowed.output == "0\n")
    }
}
