import CRMKit
import Foundation

/// W2: 2,000 deals, one durable transaction each.
struct SingleCommits {
    let harness: Harness
    static let commits = 2_000

    func run() async throws {
        let rows = harness.data.deals.prefix(Self.commits)
        let reporter = harness.reporter
        for variant in Variant.allCases {
            var measurement = Measurement(samples: [])
            for _ in 0..<harness.runs {
                let path = harness.scratch.path("w2-\(variant.rawValue)")
                let (store, close) = try variant.makeStore(in: path)
                let start = Measurement.now()
                try await Harness.load(rows, into: store, batch: 1)
                measurement.samples.append(Measurement.seconds(since: start))
                close()
                harness.scratch.remove(path)
            }
            reporter.record("W2", variant.rawValue, measurement, note: String(format: "commits/s=%.0f", Double(rows.count) / measurement.median))
        }
        for synchronous in [SQLiteBaseline.Synchronous.full, .normal, .off] {
            var measurement = Measurement(samples: [])
            for _ in 0..<harness.runs {
                let path = harness.scratch.path("w2-sqlite.sqlite")
                let database = try SQLiteBaseline.open(at: path, synchronous: synchronous)
                let start = Measurement.now()
                try database.insert(rows, batch: 1)
                measurement.samples.append(Measurement.seconds(since: start))
                try database.queue.close()
                harness.scratch.remove(path)
            }
            reporter.record("W2", "sqlite-\(synchronous.rawValue.lowercased())", measurement,
                note: String(format: "commits/s=%.0f", Double(rows.count) / measurement.median))
        }
        for variant in Variant.allCases { reporter.ratio("W2", variant.rawValue, variant.baseline.1) }
    }
}
