import CRMKit
import Foundation
import GRDB

/// W6: import a `crm.deal.list`-shaped JSON file of N deals into an empty store, against decoding the same file
/// with `JSONDecoder` into plain `Codable` structs and inserting them into SQLite (one transaction, FULL).
struct RESTImport {
    let harness: Harness

    /// A deal as the REST API spells it: every value a string.
    struct RESTDeal: Codable {
        var TITLE: String
        var CATEGORY_ID: String
        var STAGE_ID: String
        var ASSIGNED_BY_ID: String
        var COMPANY_ID: String
        var CONTACT_ID: String
        var OPPORTUNITY: String
        var CURRENCY_ID: String
        var OPENED: String
        var BEGINDATE: String
        var CLOSEDATE: String
    }

    struct RESTList: Codable {
        var result: [RESTDeal]
        var total: Int
    }

    func writeFile() throws -> String {
        let path = harness.scratch.path("deals.json")
        var text = "{\"result\":[\n"
        text.reserveCapacity(harness.count * 330)
        // Dates span about 1,100 days: each is formatted once (a formatter call costs ~100 µs here).
        var days: [Int64: String] = [:]
        func day(_ days1970: Int64) -> String {
            if let text = days[days1970] { return text }
            let date = Date(timeIntervalSince1970: TimeInterval(days1970) * 86_400)
            let text = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
            days[days1970] = text
            return text
        }
        for (index, row) in harness.data.deals.enumerated() {
            if index > 0 { text += ",\n" }
            text += row.restJSON(day: day)
        }
        text += "],\"total\":\(harness.count)}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func run() async throws {
        let file = try writeFile()
        let bytes = Scratch.size(of: file)
        harness.reporter.info("W6 file: \(bytes) bytes, \(harness.count) deals")
        for variant in [Variant.inMemory, .fileFull] {
            var measurement = Measurement(samples: [])
            for _ in 0..<harness.runs {
                let path = harness.scratch.path("w6-\(variant.rawValue)")
                let (store, close) = try variant.makeStore(in: path)
                try await Harness.loadClients(into: store)
                let workspace = try await PermissionList.workspace(on: store)
                let session = workspace.session(for: UserID(rawValue: 1))
                let start = Measurement.now()
                let report = try await session.importItems(.deal, from: JSONImportSource(path: file, format: .rest, entityType: .deal))
                measurement.samples.append(Measurement.seconds(since: start))
                guard report.refused.isEmpty, report.created.count == harness.count else {
                    throw BenchmarkError("W6 import created \(report.created.count) of \(harness.count); refused: \(report.refused.prefix(3))")
                }
                close()
                harness.scratch.remove(path)
            }
            harness.reporter.record("W6", variant.rawValue, measurement, note: String(format: "deals/s=%.0f", Double(harness.count) / measurement.median))
        }
        var measurement = Measurement(samples: [])
        for _ in 0..<harness.runs {
            let path = harness.scratch.path("w6.sqlite")
            let database = try SQLiteBaseline.open(at: path, synchronous: .full)
            let start = Measurement.now()
            let list = try JSONDecoder().decode(RESTList.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
            var rows: [DealRow] = []
            rows.reserveCapacity(list.result.count)
            for (index, deal) in list.result.enumerated() {
                guard let category = Int64(deal.CATEGORY_ID), let user = Int64(deal.ASSIGNED_BY_ID), let company = Int64(deal.COMPANY_ID),
                    let contact = Int64(deal.CONTACT_ID), let amount = Decimal(string: deal.OPPORTUNITY)
                else { throw BenchmarkError("W6 baseline: row \(index + 1) does not parse") }
                let cents = NSDecimalNumber(decimal: amount * 100).int64Value
                rows.append(
                    DealRow(
                        id: Int64(index + 1), title: deal.TITLE, category: category, stage: deal.STAGE_ID, user: user, company: company,
                        contact: contact, cents: cents, opportunity: amount, currency: deal.CURRENCY_ID, beginDay: 0, closeDay: 0, createdMilliseconds: 0,
                        dateTexts: (deal.BEGINDATE, deal.CLOSEDATE)))
            }
            try database.insert(rows[...], batch: rows.count)
            measurement.samples.append(Measurement.seconds(since: start))
            try database.queue.close()
            harness.scratch.remove(path)
        }
        harness.reporter.record("W6", "baseline", measurement, note: String(format: "deals/s=%.0f", Double(harness.count) / measurement.median))
        harness.reporter.ratio("W6", "in-memory", "baseline")
        harness.reporter.ratio("W6", "file-full", "baseline")
    }
}
