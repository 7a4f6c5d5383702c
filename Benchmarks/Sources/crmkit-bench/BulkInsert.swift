import CRMKit
import Foundation

/// W1: N deals in transactions of 1,000.
struct BulkInsert {
    let harness: Harness

    func run() async throws {
        let rows = harness.data.deals[...]
        let reporter = harness.reporter
        for variant in Variant.allCases {
            var measurement = Measurement(samples: [])
            for _ in 0..<harness.runs {
                let path = harness.scratch.path("w1-\(variant.rawValue)")
                let (store, close) = try variant.makeStore(in: path)
                let start = Measurement.now()
                try await Harness.load(rows, into: store, batch: 1_000)
                measurement.samples.append(Measurement.seconds(since: start))
                close()
                harness.scratch.remove(path)
            }
            reporter.record("W1", variant.rawValue, measurement, note: String(format: "deals/s=%.0f", Double(rows.count) / measurement.median))
        }
        for synchronous in [SQLiteBaseline.Synchronous.full, .normal, .off] {
            var measurement = Measurement(samples: [])
            for _ in 0..<harness.runs {
                let path = harness.scratch.path("w1-sqlite.sqlite")
                let database = try SQLiteBaseline.open(at: path, synchronous: synchronous)
                let start = Measurement.now()
                try database.insert(rows, batch: 1_000)
                measurement.samples.append(Measurement.seconds(since: start))
                try database.queue.close()
                harness.scratch.remove(path)
            }
            reporter.record("W1", "sqlite-\(synchronous.rawValue.lowercased())", measurement,
                note: String(format: "deals/s=%.0f", Double(rows.count) / measurement.median))
        }
        for variant in Variant.allCases { reporter.ratio("W1", variant.rawValue, variant.baseline.1) }
    }
}
