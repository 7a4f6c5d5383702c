import CRMKit
import Foundation

/// W3: deals in a stage with responsible in 10 users, by amount descending, first 50.
struct ListQuery {
    let harness: Harness
    let stores: LoadedStores
    /// Queries per sample, so one sample is long enough to time.
    static let repetitions = 20

    static func query(_ data: DataSet) -> Query {
        Query(
            .deal,
            filter: .and([.equal("STAGE_ID", .string(data.queryStage)), .in("ASSIGNED_BY_ID", data.queryUsers.map { .integer($0) })]),
            order: [.descending("OPPORTUNITY")], limit: 50)
    }

    func run() async throws {
        let data = harness.data
        let query = Self.query(data)
        let expected = try stores.sqlite.page(stage: data.queryStage, users: data.queryUsers)
        harness.reporter.info("W3 check: \(expected.count) rows of \(expected.total) matching")
        for (name, store) in [("in-memory", stores.memory as any CRMStore), ("file-full", stores.file)] {
            let result = try await store.query(query)
            let top = result.items.first.flatMap { item -> Double? in
                guard case .deal(let deal) = item.item, let amount = deal.opportunity else { return nil }
                return NSDecimalNumber(decimal: amount).doubleValue
            }
            guard result.items.count == expected.count, result.total == expected.total, top == expected.top else {
                throw BenchmarkError("W3 \(name) answered \(result.items.count) of \(result.total) (top \(String(describing: top))), SQLite \(expected.count) of \(expected.total) (top \(String(describing: expected.top)))")
            }
            var measurement = Measurement(samples: [])
            for _ in 0..<harness.runs {
                let start = Measurement.now()
                for _ in 0..<Self.repetitions { _ = try await store.query(query) }
                measurement.samples.append(Measurement.seconds(since: start) / Double(Self.repetitions))
            }
            harness.reporter.record("W3", name, measurement, unit: "ms", scale: 1_000)
        }
        var measurement = Measurement(samples: [])
        for _ in 0..<harness.runs {
            let start = Measurement.now()
            for _ in 0..<Self.repetitions { _ = try stores.sqlite.page(stage: data.queryStage, users: data.queryUsers) }
            measurement.samples.append(Measurement.seconds(since: start) / Double(Self.repetitions))
        }
        harness.reporter.record("W3", "sqlite", measurement, unit: "ms", scale: 1_000)
        harness.reporter.ratio("W3", "in-memory", "sqlite")
        harness.reporter.ratio("W3", "file-full", "sqlite")
    }
}
