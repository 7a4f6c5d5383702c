import CRMKit
import Foundation
import Synchronization
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

    /// Collects the commit sequence of every item it is told about.
    final class SequenceHook: SaveHook, Sendable {
        let seen = Mutex<[(id: Int64, sequence: UInt64)]>([])
        func afterCommit(_ change: CommittedChange) async {
            seen.withLock { $0.append((change.item.id, change.receipt.sequence)) }
        }
    }

    @Test("an import writes new items 1,000 to a transaction, in row order, and hooks see each of them")
    func batchedWrites() async throws {
        let directory = TemporaryDirectory("batches")
        let lines = (1...2_500).map { #"{"TITLE":"Deal \#($0)","STAGE_ID":"NEW","OPPORTUNITY":"\#($0).5"}"# }
        let path = try write(lines.joined(separator: "\n") + "\n", directory, "deals.jsonl")
        let (workspace, session) = try await workspace()
        let hook = SequenceHook()
        workspace.addHook(hook)
        let report = try await session.importItems(.deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal))
        #expect(report.created == Array(1...2_500))
        let seen = hook.seen.withLock { $0 }
        #expect(seen.map(\.id) == Array(1...2_500))
        let sequences = seen.map(\.sequence)
        #expect(Set(sequences).count == 3)
        #expect(Dictionary(grouping: sequences, by: { $0 }).values.map(\.count).sorted() == [500, 1_000, 1_000])
        let last = try await session.get(ItemID<Deal>(2_500))
        #expect(last.item.title == "Deal 2500")
        #expect(last.item.opportunity == Decimal(string: "2500.5"))
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

@Suite("Import and export: review regressions")
struct ImportExportRegressionTests {
    func workspace() async throws -> (Workspace, Session) {
        let workspace = try await Workspace.open(store: InMemoryStore())
        return (workspace, workspace.session(for: 1))
    }

    func file(_ text: String, _ name: String, _ directory: TemporaryDirectory) throws -> String {
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("an amount too large for an exact decimal is refused, and the store still reopens")
    func hugeAmount() async throws {
        let directory = TemporaryDirectory("nan")
        let path = try file(#"{"TITLE": "ok", "OPPORTUNITY": 1e300}"# + "\n", "deals.jsonl", directory)
        let store = try FileStore.open(at: directory.appending("store"))
        let session = try await Workspace.open(store: store).session(for: 1)
        let report = try await session.importItems(.deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal), options: ImportOptions(skipInvalid: true))
        #expect(report.refused.map(\.field) == ["OPPORTUNITY"])
        var deal = Deal()
        deal.productRows = [ProductRow(name: "x", price: Decimal(string: "1e100")!, quantity: Decimal(string: "1e100")!)]
        await #expect(throws: ValidationError.self) { try await session.create(deal) }
        store.close()
        let reopened = try FileStore.open(at: directory.appending("store"))
        reopened.close()
    }

    @Test("two rows with the same match key are refused before anything is written")
    func duplicateKeys() async throws {
        let directory = TemporaryDirectory("dupe")
        let path = try file(#"{"ORIGIN_ID": "x-1", "TITLE": "a"}"# + "\n" + #"{"ORIGIN_ID": " x-1 ", "TITLE": "b"}"# + "\n", "deals.jsonl", directory)
        let (_, session) = try await workspace()
        let report = try await session.importItems(.deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal), options: ImportOptions(match: .originID))
        #expect(report.refused == [ImportProblem(row: 2, field: "ORIGIN_ID", message: "row 1 has the same ORIGIN_ID")])
        #expect(try await session.list(Deal.self).total == 0)
    }

    @Test("an update row refused by TRANSITION is found by the check pass: nothing is written")
    func transitionCheckedBeforeWriting() async throws {
        let (workspace, admin) = try await workspace()
        try await admin.editOrgChart { try $0.addUser(OrgUser(id: 7, departments: [1])) }
        try await admin.editRoles { roles in
            roles.append(Role(id: 30, name: "Importer", permissions: [
                RolePermission(entity: "DEAL", operation: .read, level: .all), RolePermission(entity: "DEAL", operation: .write, level: .all),
                RolePermission(entity: "DEAL", operation: .add, level: .all), RolePermission(entity: "DEAL", operation: .import, level: .all),
                RolePermission(entity: "DEAL", operation: .transition, stage: "NEW", transition: .blocked),
            ], members: [.user(7)]))
        }
        var existing = Deal()
        existing.originID = "x-1"
        _ = try await admin.create(existing)
        let directory = TemporaryDirectory("transition")
        let path = try file(#"{"TITLE": "new one"}"# + "\n" + #"{"ORIGIN_ID": "x-1", "STAGE_ID": "WON"}"# + "\n", "deals.jsonl", directory)
        let report = try await workspace.session(for: 7).importItems(
            .deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal), options: ImportOptions(match: .originID))
        #expect(report.refused.map(\.row) == [2])
        #expect(!report.wrote)
        #expect(try await admin.list(Deal.self).total == 1)
    }

    @Test("a truncated REST list is refused, not half-read")
    func truncatedREST() async throws {
        let directory = TemporaryDirectory("truncated")
        let path = try file(#"{"result":[{"TITLE":"a"},{"TITLE":"b"},{"TITLE":"c","OPPORT"#, "deals.json", directory)
        let (_, session) = try await workspace()
        await #expect(throws: ImportError.self) {
            try await session.importItems(.deal, from: JSONImportSource(path: path, format: .rest, entityType: .deal))
        }
        #expect(try await session.list(Deal.self).total == 0)
    }

    @Test("the docs' crm.item.get lead imports: 0 links mean none, fm multifields are kept")
    func docsItemGet() async throws {
        let (_, session) = try await workspace()
        // The example portal has its own salutation and a user field; this workspace gets them first.
        try await session.editCatalogs { try $0.addEntry(StatusEntry(id: "UC_N1LWUS", name: "Admin", sort: 50), to: "HONORIFIC") }
        try await session.defineCustomField(try CustomFieldDefinition(code: "UF_CRM_1720019876534", entityType: .lead, type: .string, label: "Code"))
        let url = try Fixtures.url("Responses/crm.item.get.response.json")
        let report = try await session.importItems(.lead, from: JSONImportSource(path: url.path, format: .rest, entityType: .lead))
        #expect(report.refused.isEmpty, "\(report.refused)")
        let lead = try #require(try await session.list(Lead.self).items.first?.item)
        #expect(lead.companyID == nil)
        #expect(lead.phones.map(\.value) == ["+6111111111"])
        #expect(lead.emails.map(\.value) == ["admin@example.com"])
    }

    @Test("many short JSON lines and a line split across chunks import exactly")
    func manyLines() async throws {
        let directory = TemporaryDirectory("lines")
        let long = String(repeating: "x", count: 100_000)
        var text = #"{"TITLE": "\#(long)"}"# + "\n"
        for index in 1...5_000 { text += #"{"TITLE": "d\#(index)"}"# + "\n" }
        let path = try file(text, "deals.jsonl", directory)
        let (_, session) = try await workspace()
        let report = try await session.importItems(.deal, from: JSONImportSource(path: path, format: .jsonLines, entityType: .deal))
        #expect(report.created.count == 5_001)
        #expect(try await session.list(Deal.self, order: [.descending("ID")], limit: 1).items.first?.item.title == "d5000")
    }

    @Test("user fields export and import back; a Supervisor may import and export invoices")
    func userFieldsAndInvoices() async throws {
        let (workspace, admin) = try await workspace()
        let region = try CustomFieldDefinition(code: "UF_CRM_REGION", entityType: .deal, type: .double, label: "Region")
        try await admin.defineCustomField(region)
        var deal = Deal()
        deal.customFields["UF_CRM_REGION"] = .decimal(Decimal(string: "2.5")!)
        _ = try await admin.create(deal)
        var bytes: [UInt8] = []
        try await admin.export(.deal, options: ExportOptions(format: .jsonLines, fields: ["TITLE", "UF_CRM_REGION"])) { bytes += $0 }
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"TITLE":"Deal #1","UF_CRM_REGION":"2.50"}"# + "\n")
        await #expect(throws: ValidationError.self) { try await admin.export(.deal, options: ExportOptions(fields: ["OBSERVERS"])) { _ in } }
        try await admin.editOrgChart { try $0.addUser(OrgUser(id: 8, departments: [1])) }
        try await admin.editRoles { roles in
            for index in roles.indices where roles[index].name == "Supervisor" { roles[index].members = [.user(8)] }
        }
        let supervisor = workspace.session(for: 8)
        _ = try await supervisor.create(Invoice())
        var invoices: [UInt8] = []
        try await supervisor.export(.invoice, options: ExportOptions(format: .jsonLines, fields: ["TITLE"])) { invoices += $0 }
        #expect(String(decoding: invoices, as: UTF8.self) == #"{"TITLE":"Invoice #1"}"# + "\n")
    }
}

@Suite("Import: CSV user fields")
struct CSVUserFieldImportTests {
    @Test("CSV cells of user fields are read as their definitions' types")
    func typedCells() async throws {
        let workspace = try await Workspace.open(store: InMemoryStore())
        let session = workspace.session(for: 1)
        let amount = try CustomFieldDefinition(code: "UF_CRM_SCORE", entityType: .deal, type: .double, label: "Score")
        try await session.defineCustomField(amount)
        let directory = TemporaryDirectory("csvuf")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending("deals.csv")
        try Data("TITLE,Score\nA,4.25\nB,high\n".utf8).write(to: URL(fileURLWithPath: path))
        let report = try await session.importItems(
            .deal, from: CSVImportSource(path: path, entityType: .deal, customFields: workspace.configuration.customFields),
            options: ImportOptions(skipInvalid: true))
        #expect(report.refused == [ImportProblem(row: 2, field: "UF_CRM_SCORE", message: "\"high\" is not a value of UF_CRM_SCORE (double)")])
        #expect(try await session.list(Deal.self).items.first?.item.customFields["UF_CRM_SCORE"] == .decimal(Decimal(string: "4.25")!))
    }
}
