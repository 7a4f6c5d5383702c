import CRMKit
import Foundation
import Testing

/// A store written in each format version is committed under Fixtures/FileStore/v<N>. Every later library
/// must open them and find exactly what ``FileStoreFixture/populate(_:)`` wrote. When the format version
/// changes, write the new one into a new folder with
/// CRMKIT_WRITE_STORE_FIXTURE=<directory> swift test --filter FileStoreFixtureTests, and add it here.
@Suite("File store: format fixture")
struct FileStoreFixtureTests {
    @Test("each format version's store fixture opens and holds exactly what was written", arguments: ["v1", "v2", "v3", "v4"])
    func fixtureOpens(version: String) async throws {
        let formatVersion = Int(version.dropFirst()) ?? 0
        let source = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("FileStore/\(version)")
        let directory = TemporaryDirectory("fixture")
        try FileManager.default.copyItem(atPath: source.path, toPath: directory.path)
        let store = try FileStore.open(at: directory.path)
        defer { store.close() }
        #expect(store.openReport.snapshotSequence > 0)
        #expect(store.openReport.replayedFrames > 0)
        let expected = InMemoryStore()
        try await FileStoreFixture.populate(expected, formatVersion: formatVersion)
        #expect(try await store.pendingWork(dueBy: nil) == (try await expected.pendingWork(dueBy: nil)))
        for type in EntityType.allCases {
            let query = Query(type, order: [.ascending("ID")])
            let found = try await store.query(query)
            #expect(found == (try await expected.query(query)), "\(type) differs")
            for item in found.items {
                #expect(try await store.timeline(of: item.item.reference) == (try await expected.timeline(of: item.item.reference)))
            }
        }
        for key: ConfigurationKey in [.catalogs, .settings, .customFields] + (formatVersion >= 3 ? [.automation] : []) {
            #expect(try await store.configuration(key) == (try await expected.configuration(key)))
        }
    }

    @Test("a store of an older format is rewritten in the current one on open, and takes new commits", arguments: ["v1", "v2", "v3"])
    func olderFormatUpgrades(version: String) async throws {
        let source = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("FileStore/\(version)")
        let directory = TemporaryDirectory("fixture-upgrade")
        try FileManager.default.copyItem(atPath: source.path, toPath: directory.path)
        do {
            let store = try FileStore.open(at: directory.path)
            let workspace = try await Workspace.open(store: store, accessPolicy: .unrestricted)
            _ = try await workspace.session(for: 3).create(Deal())
            store.close()
        }
        for file in ["journal", "snapshot"] {
            #expect(try StoreFiles.u32(StoreFiles.read(directory.path + "/" + file), at: 8) == 4, "\(file) format version")
        }
        let store = try FileStore.open(at: directory.path)
        defer { store.close() }
        // Before version 3 the automation document did not exist: a new library adds it, then the deal.
        #expect(store.openReport.replayedFrames == (version < "v3" ? 2 : 1))
        #expect(try await store.count(.deal) == 2)
    }

    @Test("writing the fixture (only when CRMKIT_WRITE_STORE_FIXTURE names a directory)")
    func writeFixture() async throws {
        guard let path = ProcessInfo.processInfo.environment["CRMKIT_WRITE_STORE_FIXTURE"] else { return }
        let store = try FileStore.open(at: path, options: FileStoreOptions(automaticCompaction: false))
        try await FileStoreFixture.populate(store, compactAfterFirstHalf: true, formatVersion: FileStoreFixture.currentFormat)
        store.close()
    }
}

/// The fixed content of the store fixture: every entity type with many kinds of values, timeline lines and
/// configuration, written through a workspace with a fixed clock.
enum FileStoreFixture {
    /// The format version a fixture written now has.
    static let currentFormat = 4

    /// Writes the fixture's content; from format version 3 on it includes automation (rules, their history
    /// causes, a pending delayed rule and an undelivered effect).
    static func populate(_ store: any CRMStore, compactAfterFirstHalf: Bool = false, formatVersion: Int) async throws {
        let clock = ManualClock(Timestamp(iso8601: "2026-03-02T09:30:00+01:00") ?? Timestamp(millisecondsSince1970: 0))
        let workspace = try await Workspace.open(store: store, accessPolicy: .unrestricted, clock: clock)
        let session = workspace.session(for: 3)
        try await session.editSettings { $0.timeZoneIdentifier = "Europe/Rome" }
        if formatVersion >= 3 {
            try await session.editAutomation { automation in
                automation.rules = [
                    AutomationRule(id: "won-note", entityType: .deal, stage: "WON", actions: [
                        .setField("COMMENTS", .value(.string("won"))), .emit(.webhook(url: "https://example.com/won", payload: ["a": "b"])),
                        .createActivity(subject: "Thank the client", deadlineAfterSeconds: 86_400, responsible: nil),
                    ]),
                    AutomationRule(id: "won-later", entityType: .deal, stage: "WON", timing: .after(seconds: 3_600),
                                   actions: [.setField("PROBABILITY", .value(.integer(100)))]),
                ]
            }
        }
        try await session.defineCustomField(
            try CustomFieldDefinition(code: "UF_CRM_REGION", entityType: .deal, type: .enumeration, label: "Region",
                                      items: [.init(id: 1, value: "North"), .init(id: 2, value: "South")]))
        var lead = Lead()
        lead.title = "Fixture lead"
        lead.name = "Anna"
        lead.lastName = "Rossi"
        lead.companyTitle = "Rossi S.r.l."
        lead.birthDate = CalendarDate(year: 1980, month: 5, day: 17)
        lead.address = Address(line1: "Via Roma 1", city: "Roma", postalCode: "00100", countryCode: "IT")
        lead.phones = [Multifield(value: "+390612345678", valueType: "WORK")]
        lead.emails = [Multifield(value: "anna@rossi.it", valueType: "HOME")]
        lead.utm = UTMParameters(source: "google", medium: "cpc")
        lead.productRows = [ProductRow(name: "Design", price: 100, quantity: 3, discount: .rate(10), taxRate: 22)]
        let storedLead = try await session.create(lead)
        clock.advance(byMilliseconds: 60_000)
        try await session.record(TimelineEvent(kind: .call(direction: .incoming, outcome: .missed, durationSeconds: 0)),
                                 on: ItemReference(storedLead.item.id))
        let conversion = try await session.convertLead(storedLead.item.id)
        var company = Company()
        company.title = "Bianchi S.p.A."
        company.requisites = [Requisite(name: "Bianchi S.p.A.", vatNumber: "IT01234567897",
                                        bankDetails: [BankDetail(name: "Main", iban: "IT60X0542811101000000123456")])]
        company.revenue = Decimal(string: "1250000.50")
        _ = try await session.create(company)
        if compactAfterFirstHalf, let fileStore = store as? FileStore { try fileStore.compact() }
        var quote = Quote()
        quote.title = "Offer 1"
        quote.dealID = conversion.deal?.item.id
        _ = try await session.create(quote)
        var invoice = Invoice()
        invoice.dealID = conversion.deal?.item.id
        invoice.observerIDs = [4, 5]
        _ = try await session.create(invoice)
        var product = Product()
        product.name = "Chair"
        product.price = Decimal(string: "49.90")
        product.currencyID = "EUR"
        _ = try await session.create(product)
        if let dealID = conversion.deal?.item.id {
            clock.advance(byMilliseconds: 86_400_000)
            _ = try await session.modify(dealID) { deal in
                deal.customFields["UF_CRM_REGION"] = .integer(2)
                deal.probability = 70
            }
            _ = try await session.move(dealID, to: "WON")
        }
        var doomed = Deal()
        doomed.title = "Deleted"
        let deleted = try await session.create(doomed)
        try await session.delete(deleted.item.id)
    }
}
