import Foundation
import GRDB

/// The SQLite baseline: one `deal` table with the same columns, indexes on what the workloads filter and sort
/// by, WAL mode, and the synchronous setting that matches the CRMKit durability it is compared with.
struct SQLiteBaseline {
    enum Synchronous: String { case full = "FULL", normal = "NORMAL", off = "OFF" }

    let queue: DatabaseQueue

    static func open(at path: String, synchronous: Synchronous) throws -> SQLiteBaseline {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS deal (
                        id INTEGER PRIMARY KEY, title TEXT, category_id INTEGER NOT NULL, stage_id TEXT,
                        assigned_by_id INTEGER, company_id INTEGER, contact_id INTEGER, opportunity REAL,
                        currency_id TEXT, opened INTEGER, begin_date TEXT, close_date TEXT, created_time INTEGER);
                    CREATE INDEX IF NOT EXISTS deal_stage ON deal(stage_id);
                    CREATE INDEX IF NOT EXISTS deal_assigned ON deal(assigned_by_id);
                    CREATE INDEX IF NOT EXISTS deal_opportunity ON deal(opportunity);
                    CREATE INDEX IF NOT EXISTS deal_stage_assigned_opportunity ON deal(stage_id, assigned_by_id, opportunity);
                    """)
        }
        return SQLiteBaseline(queue: queue)
    }

    static let insertSQL = """
        INSERT INTO deal (id, title, category_id, stage_id, assigned_by_id, company_id, contact_id, opportunity,
        currency_id, opened, begin_date, close_date, created_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func insert(_ row: DealRow, into db: Database) throws {
        let statement = try db.cachedStatement(sql: insertSQL)
        try statement.execute(arguments: [
            row.id, row.title, row.category, row.stage, row.user, row.company, row.contact, row.amount, row.currency, 0,
            row.dateTexts?.begin ?? String(row.beginDay), row.dateTexts?.close ?? String(row.closeDay), row.createdMilliseconds,
        ])
    }

    /// Inserts rows in transactions of `batch`.
    func insert(_ rows: ArraySlice<DealRow>, batch: Int) throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + batch, rows.endIndex)
            try queue.write { db in
                for row in rows[start..<end] { try Self.insert(row, into: db) }
            }
            start = end
        }
    }

    /// W3 and W4: a stage, responsible in a set, by amount descending, first 50; returns (page size, total).
    func page(stage: String, users: [Int64]) throws -> (count: Int, total: Int, top: Double?) {
        let marks = Array(repeating: "?", count: users.count).joined(separator: ",")
        var arguments: StatementArguments = [stage]
        for user in users { _ = arguments.append(contentsOf: [user]) }
        return try queue.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM deal WHERE stage_id = ? AND assigned_by_id IN (\(marks)) ORDER BY opportunity DESC LIMIT 50",
                arguments: arguments)
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM deal WHERE stage_id = ? AND assigned_by_id IN (\(marks))", arguments: arguments) ?? 0
            return (rows.count, total, rows.first?["opportunity"])
        }
    }
}
