import CRMKit
import Foundation
import Testing

@Suite("Import and export")
struct ImportExportTests {
    func workspace(_ store: any CRMStore = InMemoryStore()) async throws -> (Workspace, Session) {
        let workspace = try await Workspace.open(store: store, clock: ManualClock(Timestamp(iso8601: "2026-03-02T09:30:00+01:00") ?? Timestamp(millisecondsSince1970: 0)))
        return (workspace, workspace.session(for: 1))
    }

    func write(_ text: String, _ directory: TemporaryDirectory, _ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func export(_ session: Session, _ type: EntityType, _ options: ExportOptions) async throws -> String {
        var bytes: [UInt8] = []
        try await session.export(type, options: options) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    func seed(_ session: Session) async throws {
        for index in 1...5 {
            var deal = Deal()
            deal.title = "Deal, \"quoted\" \(index)"
            deal.opportunity = Decimal(index * 100) + Decimal(string: "0.5")!
            deal.stageID = index % 2 == 0 ? "PREPARATION" : "NEW"
            deal.comments = index == 3 ? "line one\nline two" : nil
            deal.originID = "ext-\(index)"
            _ = try await session.create(deal)
        }
    }

    func visible(_ session: Session) async throws -> [[String]] {
        try await session.list(Deal.self, order: [.ascending("ID")]).items.map { stored in
            [stored.item.title ?? "", "\(stored.item.opportunity ?? 0)", stored.item.stageID?.rawValue ?? "", stored.item.comments ?? "",
             stored.item.originID ?? ""]
        }
    }

    @Test("exporting then importing into an empty store reproduces the items, in every format", arguments: ExportOptions.Format.allCases)
    func roundTrip(format: ExportOptions.Format) async throws {
        let (_, source) = try await workspace()
        try await seed(source)
        let text = try await export(source, .deal, ExportOptions(format: format, language: format == .csv ? .italian : nil))
        let directory = TemporaryDirectory("export")
        let path = try write(text, directory, "deals.\(format.rawValue)")
        let (_, target) = try await workspace()
        let importSource: any ImportSource =
            format == .csv ? CSVImportSource(path: path, entityType: .deal)
            : JSONImportSource(path: path, format: format == .rest ? .rest : .jsonLines, entityType: .deal)
        let report = try await target.importItems(.deal, from: importSource)
        #expect(report.refused.isEmpty, "\(report.refused)")
        #expect(report.created.count == 5)
        #expect(try await visible(target) == (try await visible(source)))
    }

    @Test("a dry run writes nothing; one bad row without --skip-invalid writes nothing; with it, the rest is written")
    func dryRunAndInvalidRows() async throws {
        let directory = TemporaryDirectory("import")
        let path = try write("TITLE,OPPORTUNITY,STAGE_ID\nGood,5,NEW\nBad amount,lots,NEW\nBad stage,7,NOWHERE\n", directory, "deals.csv")
        let (_, session) = try await workspace()
        let dry = try await session.importItems(.deal, from: CSVImportSource(path: path, entityType: .deal), options: ImportOptions(dryRun: true))
        #expect(dry.created == [1])
        #expect(dry.refused == [
            ImportProblem(row: 2, field: "OPPORTUNITY", message: "\"lots\" is not a value of OPPORTUNITY (double)"),
            ImportProblem(row: 3, field: "STAGE_ID", message: "NOWHERE is not a stage in DEAL_STAGE"),
        ])
        #expect(try await session.list(Deal.self).total == 0)
        let strict = try await session.importItems(.deal, from: CSVImportSource(path: path, entityType: .deal))
        #expect(strict.refused.count == 2)
        #expect(!strict.wrote)
        #expect(try await session.list(Deal.self).total == 0)
        let lenient = try await session.importItems(.deal, from: CSVImportSource(path: path, entityType: .deal), options: ImportOptions(skipInvalid: true))
        #expect(lenient.created == [1])
        #expect(try await session.list(Deal.self).items.map(\.item.title) == ["Good"])
    }

    @Test("a match key updates existing items and creates the others")
    func upsert() async throws {
        let (_, session) = try await workspace()
        try await seed(session)
        let directory = TemporaryDirectory("upsert")
        let path = try write(#"{"ORIGIN_ID": "ext-2", "TITLE": "Renamed"}"# + "\n" + #"{"originId": "ext-9", "title": "New one"}"# + "\n", directory, "deals.jsonl")
        let report = try await session.importItems(
            .deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal), options: ImportOptions(match: .originID))
        #expect(report.updated == [2])
        #expect(report.created == [6])
        #expect(try await session.get(ItemID<Deal>(2)).item.title == "Renamed")
        let history = try await session.timeline(of: ItemReference(.deal, 2)).compactMap { record -> FieldChange? in
            if case .fieldChange(let change) = record.entry { change } else { nil }
        }
        #expect(history.first { $0.field == "TITLE" }?.source == .import)
    }

    static let hostile: [(String, String)] = [
        ("truncated JSON", #"{"TITLE": "x""#),
        ("wrong type", #"{"OPPORTUNITY": {"a": 1}}"#),
        ("huge number", #"{"PROBABILITY": 99999999999999999999999}"#),
        ("deep nesting", String(repeating: "[", count: 600) + String(repeating: "]", count: 600)),
        ("not an object", "[1, 2]"),
    ]

    @Test("malformed and hostile JSON lines are refused with the row, never a crash", arguments: hostile)
    func hostileJSON(name: String, line: String) async throws {
        let directory = TemporaryDirectory("hostile")
        let path = try write(#"{"TITLE": "fine"}"# + "\n" + line + "\n", directory, "deals.jsonl")
        let (_, session) = try await workspace()
        let report = try await session.importItems(.deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal))
        #expect(report.refused.map(\.row) == [2], "\(report.refused)")
        #expect(try await session.list(Deal.self).total == 0)
    }

    @Test("invalid UTF-8 in a CSV file is refused with its position")
    func invalidUTF8CSV() async throws {
        let directory = TemporaryDirectory("utf8")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending("bad.csv")
        try Data(Array("TITLE\nok\n".utf8) + [0xC3, 0x28, 10]).write(to: URL(fileURLWithPath: path))
        let (_, session) = try await workspace()
        do {
            _ = try await session.importItems(.deal, from: CSVImportSource(path: path, entityType: .deal))
            Issue.record("accepted invalid UTF-8")
        } catch let error as ImportError {
            #expect(error.problems.first?.message.contains("byte 9") == true, "\(error)")
        }
        #expect(try await session.list(Deal.self).total == 0)
    }

    @Test("export: only readable, exportable items; contacts only when included in export; EXPORT and IMPORT rights")
    func permissions() async throws {
        let (workspace, admin) = try await workspace()
        try await admin.editOrgChart { chart in
            try chart.addUser(OrgUser(id: 7, departments: [1]))
            try chart.addUser(OrgUser(id: 8, departments: [1]))
        }
        try await admin.editRoles { roles in
            roles.append(Role(id: 20, name: "Exporter", permissions: [
                RolePermission(entity: "CONTACT", operation: .read, level: .all), RolePermission(entity: "CONTACT", operation: .export, level: .own),
                RolePermission(entity: "DEAL", operation: .read, level: .all),
            ], members: [.user(7)]))
        }
        for (name, owner, included) in [("Mine", 7, true), ("Not exported", 7, false), ("Someone else's", 8, true)] {
            var contact = Contact()
            contact.name = name
            contact.assignedByID = UserID(Int64(owner))
            contact.isIncludedInExport = included
            _ = try await admin.create(contact)
        }
        let exporter = workspace.session(for: 7)
        let text = try await export(exporter, .contact, ExportOptions(format: .jsonLines, fields: ["NAME"]))
        #expect(text == #"{"NAME":"Mine"}"# + "\n")
        await #expect(throws: AccessDeniedError.self) { try await export(exporter, .deal, ExportOptions(format: .csv)) }
        let directory = TemporaryDirectory("rights")
        let path = try write(#"{"NAME": "x"}"# + "\n", directory, "contacts.jsonl")
        await #expect(throws: AccessDeniedError.self) {
            try await exporter.importItems(.contact, from: JSONImportSource(path: path, format: .jsonLines, entityType: .contact))
        }
    }

    @Test("CSV export quotes what needs quoting, starts with a BOM, and guards against formulas")
    func csvShape() async throws {
        let (_, session) = try await workspace()
        var lead = Lead()
        lead.title = "=HYPERLINK(\"x\")"
        lead.phones = [Multifield(value: "+390612345678", valueType: "WORK")]
        _ = try await session.create(lead)
        let text = try await export(session, .lead, ExportOptions(format: .csv, fields: ["ID", "TITLE", "PHONE"]))
        #expect(text == "\u{FEFF}ID,TITLE,PHONE\r\n1,\"'=HYPERLINK(\"\"x\"\")\",+390612345678\r\n")
    }
}
