import CRMKit
import Foundation

/// W5: open a store of N deals and answer W3, in a child process (the harness re-run with a hidden subcommand)
/// that reports the open time, the query time and its peak resident memory (VmHWM).
struct OpenStore {
    static let childCommand = "__open"
    let harness: Harness
    let stores: LoadedStores

    struct ChildReport {
        var open: Double
        var query: Double
        var peakBytes: Double
    }

    func run() async throws {
        // The store as a checkpoint leaves it: every deal in the snapshot, an empty journal. Opening replays a
        // journal's frames one commit at a time, decoding each item; a snapshot's records stay encoded.
        try stores.file.compact()
        let sizes = stores.file.fileSizes
        harness.reporter.info("W5 file store after compact(): snapshot \(sizes.snapshot) bytes, journal \(sizes.journal) bytes")
        stores.close()
        let storeBytes = Scratch.size(of: stores.filePath)
        let sqliteBytes = Scratch.size(of: stores.sqlitePath) + Scratch.size(of: stores.sqlitePath + "-wal")
        var baseline: [Double] = []
        for _ in 0..<harness.runs { baseline.append(try Self.spawn(["none"]).peakBytes) }
        let basePeak = Measurement(samples: baseline).median
        harness.reporter.info(String(format: "W5 child process baseline peak RSS %.0f bytes", basePeak))
        for (name, kind, path, bytes) in [("file-full", "crmkit", stores.filePath, storeBytes), ("sqlite", "sqlite", stores.sqlitePath, sqliteBytes)] {
            var reports: [ChildReport] = []
            for _ in 0..<harness.runs { reports.append(try Self.spawn([kind, path])) }
            let open = Measurement(samples: reports.map(\.open))
            let total = Measurement(samples: reports.map { $0.open + $0.query })
            let peak = Measurement(samples: reports.map(\.peakBytes)).median
            let perDeal = (peak - basePeak) / Double(harness.count)
            harness.reporter.record(
                "W5-open", name, open,
                note: String(format: "files=%lld bytes MB/s=%.1f peakRSS=%.0f bytes/deal=%.0f (above the child's baseline)", bytes,
                    Double(bytes) / 1_000_000 / open.median, peak, perDeal))
            harness.reporter.record("W5", name, total, note: "(open + W3)")
        }
        harness.reporter.ratio("W5", "file-full", "sqlite")
    }

    /// Runs the harness binary as a child and parses its one report line.
    static func spawn(_ arguments: [String]) throws -> ChildReport {
        var executable = CommandLine.arguments[0]
        if !executable.hasPrefix("/") { executable = FileManager.default.currentDirectoryPath + "/" + executable }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [childCommand] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = output.split(whereSeparator: \.isWhitespace).compactMap(Double.init)
        guard process.terminationStatus == 0, fields.count == 3 else {
            throw BenchmarkError("W5 child \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)): \(output)")
        }
        return ChildReport(open: fields[0], query: fields[1], peakBytes: fields[2])
    }

    /// The child: `__open crmkit|sqlite <path>` or `__open none`; prints `<open s> <query s> <VmHWM bytes>`.
    static func child(_ arguments: [String]) async throws {
        let data = DataSet(count: 0)
        var open = 0.0
        var query = 0.0
        switch (arguments.first, arguments.dropFirst().first) {
        case ("none"?, _):
            break
        case ("crmkit"?, let path?):
            let start = Measurement.now()
            let store = try FileStore.open(at: path, options: FileStoreOptions(durability: .full))
            open = Measurement.seconds(since: start)
            let queried = Measurement.now()
            let result = try await store.query(ListQuery.query(data))
            query = Measurement.seconds(since: queried)
            guard !result.items.isEmpty else { throw BenchmarkError("W5: the reopened store answered no deals") }
            store.close()
        case ("sqlite"?, let path?):
            let start = Measurement.now()
            let database = try SQLiteBaseline.open(at: path, synchronous: .full)
            open = Measurement.seconds(since: start)
            let queried = Measurement.now()
            let result = try database.page(stage: data.queryStage, users: data.queryUsers)
            query = Measurement.seconds(since: queried)
            guard result.count > 0 else { throw BenchmarkError("W5: the reopened database answered no deals") }
            try database.queue.close()
        default:
            throw BenchmarkError("usage: \(childCommand) none | crmkit <path> | sqlite <path>")
        }
        print("\(open) \(query) \(try peakResidentBytes())")
    }

    /// VmHWM from /proc/self/status, in bytes.
    static func peakResidentBytes() throws -> Double {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Double($0) })
        else { throw BenchmarkError("no VmHWM in /proc/self/status") }
        return kilobytes * 1_024
    }
}
