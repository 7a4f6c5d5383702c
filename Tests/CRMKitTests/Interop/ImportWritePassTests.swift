@testable import CRMKit
import Foundation
import Testing

@Suite("Import write pass")
struct ImportWritePassTests {
    /// Rows kept as checked for the write (the default), none kept, and a limit crossed part-way: the write
    /// pass then reads and checks the source again, with the same result.
    @Test("the write pass gives the same items whether it keeps the checked rows or reads the source again", arguments: [200_000, 0, 2])
    func sameResult(retainedRowLimit: Int) async throws {
        let directory = TemporaryDirectory("write-pass")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending("deals.jsonl")
        let lines = [
            #"{"ORIGIN_ID": "ext-1", "TITLE": "Renamed one"}"#,
            #"{"ORIGIN_ID": "ext-7", "TITLE": "  New seven  ", "OPPORTUNITY": "70.5"}"#,
            #"{"ORIGIN_ID": "ext-2", "TITLE": "Renamed two"}"#,
            #"{"ORIGIN_ID": "ext-8", "TITLE": "New eight", "STAGE_ID": "WON"}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let workspace = try await Workspace.open(store: InMemoryStore())
        let session = workspace.session(for: 1)
        for key in ["ext-1", "ext-2"] {
            var deal = Deal()
            deal.originID = key
            deal.title = "Seed \(key)"
            _ = try await session.create(deal)
        }
        var options = ImportOptions(match: .originID)
        options.retainedRowLimit = retainedRowLimit
        let report = try await session.importItems(.deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal), options: options)
        #expect(report.refused == [])
        #expect(report.updated == [1, 2])
        #expect(report.created == [3, 4])
        let deals = try await session.list(Deal.self, order: [.ascending("ID")]).items.map(\.item)
        #expect(deals.map(\.title) == ["Renamed one", "Renamed two", "New seven", "New eight"])
        #expect(deals.map(\.originID) == ["ext-1", "ext-2", "ext-7", "ext-8"])
        #expect(deals[2].opportunity == Decimal(string: "70.5"))
        #expect(deals[3].stageID == "WON")
        #expect(deals[3].isClosed)
        #expect(deals.map(\.createdBy) == [1, 1, 1, 1])
    }
}
