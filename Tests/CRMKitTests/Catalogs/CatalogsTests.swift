import CRMKit
import Foundation
import Testing

@Suite("Catalogs")
struct CatalogsTests {
    let catalogs = Catalogs.bitrix24Defaults()

    static let defaultBooks: [(String, [String])] = [
        ("STATUS", ["NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"]),
        ("DEAL_STAGE", ["NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE", "APOLOGY"]),
        ("QUOTE_STATUS", ["DRAFT", "SENT", "APPROVED", "DECLAINED", "APOLOGY"]),
        ("SMART_INVOICE_STAGE_1", ["DT31_1:N", "DT31_1:S", "DT31_1:P", "DT31_1:D"]),
        ("SOURCE", ["CALL", "EMAIL", "WEB", "ADVERTISING", "PARTNER", "RECOMMENDATION", "TRADE_SHOW", "WEBFORM", "CALLBACK",
                    "RC_GENERATOR", "STORE", "OTHER"]),
        ("CONTACT_TYPE", ["CLIENT", "SUPPLIER", "PARTNER", "OTHER"]),
        ("COMPANY_TYPE", ["CUSTOMER", "SUPPLIER", "COMPETITOR", "PARTNER", "OTHER"]),
        ("INDUSTRY", ["IT", "TELECOM", "MANUFACTURING", "BANKING", "CONSULTING", "FINANCE", "GOVERNMENT", "DELIVERY",
                      "ENTERTAINMENT", "NOTPROFIT", "OTHER"]),
        ("EMPLOYEES", ["EMPLOYEES_1", "EMPLOYEES_2", "EMPLOYEES_3", "EMPLOYEES_4"]),
        ("DEAL_TYPE", ["SALE", "COMPLEX", "GOODS", "SERVICES", "SERVICE"]),
        ("HONORIFIC", ["HNR_EN_1", "HNR_EN_2", "HNR_EN_3", "HNR_EN_4"]),
    ]

    @Test("default reference books hold Bitrix24's entries in order", arguments: defaultBooks)
    func defaultEntries(bookID: String, ids: [String]) throws {
        let book = try #require(catalogs.book(bookID))
        #expect(book.entries.map(\.id.rawValue) == ids)
        #expect(book.entries.allSatisfy { $0.name.italian != nil })
    }

    @Test("default stage books pass the invariants they enforce", arguments: ["STATUS", "DEAL_STAGE", "QUOTE_STATUS", "SMART_INVOICE_STAGE_1"])
    func defaultsAreValid(bookID: String) throws {
        var book = try #require(catalogs.book(bookID))
        try book.replaceEntries(book.entries)
        #expect(book.isStageBook)
    }

    static let stageSemanticsCases: [(String, String, StageSemantics)] = [
        ("STATUS", "CONVERTED", .success), ("STATUS", "JUNK", .failure), ("STATUS", "NEW", .process),
        ("DEAL_STAGE", "WON", .success), ("DEAL_STAGE", "LOSE", .failure), ("DEAL_STAGE", "APOLOGY", .failure),
        ("QUOTE_STATUS", "APPROVED", .success), ("QUOTE_STATUS", "DECLAINED", .failure),
        ("SMART_INVOICE_STAGE_1", "DT31_1:P", .success), ("SMART_INVOICE_STAGE_1", "DT31_1:D", .failure),
    ]

    @Test("stages carry Bitrix24's semantics", arguments: stageSemanticsCases)
    func stageSemantics(bookID: String, stage: String, expected: StageSemantics) throws {
        #expect(catalogs.book(bookID)?.entry(StatusID(stage))?.semantics == expected)
    }

    @Test("pipelines: default deal pipeline 0, default invoice pipeline, lookups")
    func pipelines() throws {
        #expect(catalogs.defaultPipeline(for: .deal)?.id == 0)
        #expect(catalogs.stageBookID(for: .deal) == "DEAL_STAGE")
        #expect(catalogs.stageBookID(for: .invoice) == "SMART_INVOICE_STAGE_1")
        #expect(catalogs.stageBookID(for: .lead) == "STATUS")
        #expect(catalogs.stageBookID(for: .quote) == "QUOTE_STATUS")
        #expect(catalogs.stageBookID(for: .contact) == nil)
        #expect(catalogs.stageBookID(for: .deal, pipeline: 9) == nil)
        #expect(catalogs.stageBook(for: .deal)?.initialEntry?.id == "NEW")
        #expect(catalogs.pipeline(ofStage: "WON", for: .deal)?.id == 0)
    }

    @Test("a new pipeline gets prefixed default stages and the next free ID")
    func addPipeline() throws {
        var catalogs = self.catalogs
        let first = try catalogs.addPipeline(for: .deal, name: LocalizedText("Rentals", italian: "Noleggi"))
        let second = try catalogs.addPipeline(for: .deal, name: "Service")
        #expect(first.id == 1)
        #expect(second.id == 2)
        #expect(first.stageBookID == "DEAL_STAGE_1")
        let book = try #require(catalogs.stageBook(for: .deal, pipeline: 1))
        #expect(book.entries.map(\.id.rawValue).first == "C1:NEW")
        #expect(book.successEntry?.id == "C1:WON")
        #expect(catalogs.pipeline(ofStage: "C2:LOSE", for: .deal)?.id == 2)
        let invoices = try catalogs.addPipeline(for: .invoice, name: "Export")
        #expect(catalogs.stageBook(for: .invoice, pipeline: invoices.id)?.entries.map(\.id.rawValue)
            == ["DT31_2:N", "DT31_2:S", "DT31_2:P", "DT31_2:D"])
        #expect(throws: CatalogError(.duplicateID, "deal pipeline 1 already exists")) {
            try catalogs.addPipeline(for: .deal, id: 1, name: "Again")
        }
        #expect(throws: CatalogError(.notFound, "lead has no pipelines")) {
            try catalogs.addPipeline(for: .lead, name: "No")
        }
    }

    @Test("removing pipelines: not the default one, and the stages go with it")
    func removePipeline() throws {
        var catalogs = self.catalogs
        let rentals = try catalogs.addPipeline(for: .deal, name: "Rentals")
        try catalogs.removePipeline(rentals.id, for: .deal)
        #expect(catalogs.book("DEAL_STAGE_1") == nil)
        #expect(catalogs.pipelines(for: .deal).map(\.id) == [0])
        let before = catalogs
        #expect(throws: CatalogError(.defaultPipeline, "the default pipeline cannot be removed")) {
            try catalogs.removePipeline(0, for: .deal)
        }
        #expect(throws: CatalogError(.notFound, "no deal pipeline 5")) { try catalogs.removePipeline(5, for: .deal) }
        #expect(catalogs == before)
    }

    struct BrokenEdit: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: CatalogError.Code
        var prepare: @Sendable (inout Catalogs) throws -> Void = { _ in }
        var edit: @Sendable (inout Catalogs) throws -> Void
        var testDescription: String { name }
    }

    static let brokenEdits: [BrokenEdit] = [
        BrokenEdit(name: "remove the success stage", expected: .successStageCount) {
            try $0.removeEntry("WON", from: "DEAL_STAGE", force: true)
        },
        BrokenEdit(name: "add a second success stage", expected: .successStageCount) {
            try $0.addEntry(StatusEntry(id: "WON2", name: "Won again", sort: 65, semantics: .success), to: "DEAL_STAGE")
        },
        BrokenEdit(
            name: "remove the last failure stage", expected: .missingFailureStage,
            prepare: { try $0.removeEntry("APOLOGY", from: "DEAL_STAGE") },
            edit: { try $0.removeEntry("LOSE", from: "DEAL_STAGE", force: true) }),
        BrokenEdit(name: "a final stage before an in-process one", expected: .finalStageOrder) {
            try $0.addEntry(StatusEntry(id: "LATE", name: "Late", sort: 90, semantics: .process), to: "DEAL_STAGE")
        },
        BrokenEdit(name: "remove a system entry without force", expected: .systemEntry) {
            try $0.removeEntry("CALL", from: "SOURCE")
        },
        BrokenEdit(name: "duplicate an ID", expected: .duplicateID) {
            try $0.addEntry(StatusEntry(id: "WEB", name: "Web again", sort: 5), to: "SOURCE")
        },
        BrokenEdit(
            name: "an unprefixed stage in pipeline 1", expected: .invalidID,
            prepare: { try $0.addPipeline(for: .deal, name: "Rentals") },
            edit: {
                try $0.addEntry(
                    StatusEntry(id: "NEGOTIATION", name: "Negotiation", sort: 25, semantics: .process), to: "DEAL_STAGE_1")
            }),
        BrokenEdit(name: "an empty name", expected: .invalidID) {
            try $0.addEntry(StatusEntry(id: "EMPTY", name: "", sort: 5), to: "SOURCE")
        },
        BrokenEdit(name: "a stage without semantics", expected: .invalidSemantics) {
            try $0.addEntry(StatusEntry(id: "HOLD", name: "On hold", sort: 25), to: "DEAL_STAGE")
        },
        BrokenEdit(name: "semantics on a dropdown entry", expected: .invalidSemantics) {
            try $0.addEntry(StatusEntry(id: "FAIR", name: "Fair", sort: 5, semantics: .process), to: "SOURCE")
        },
        BrokenEdit(name: "an unknown book", expected: .notFound) {
            try $0.addEntry(StatusEntry(id: "X", name: "X", sort: 5), to: "NOPE")
        },
        BrokenEdit(name: "update a missing entry", expected: .notFound) {
            try $0.updateEntry(StatusEntry(id: "MISSING", name: "Missing", sort: 5), in: "SOURCE")
        },
        BrokenEdit(name: "remove every in-process stage", expected: .missingInitialStage) {
            try $0.replaceEntries(
                [
                    StatusEntry(id: "WON", name: "Won", sort: 10, semantics: .success),
                    StatusEntry(id: "LOSE", name: "Lost", sort: 20, semantics: .failure),
                ], in: "DEAL_STAGE")
        },
    ]

    @Test("every invariant-breaking edit throws its code and changes nothing", arguments: brokenEdits)
    func brokenEdit(_ edit: BrokenEdit) throws {
        var catalogs = self.catalogs
        try edit.prepare(&catalogs)
        let before = catalogs
        do {
            try edit.edit(&catalogs)
            Issue.record("the edit was accepted")
        } catch let error as CatalogError {
            #expect(error.code == edit.expected)
        }
        #expect(catalogs == before)
    }

    @Test("allowed edits: add, rename, reorder in-process stages, force-remove a system dropdown entry")
    func allowedEdits() throws {
        var catalogs = self.catalogs
        try catalogs.addEntry(StatusEntry(id: "NEGOTIATION", name: "Negotiation", sort: 35, color: "#AABBCC", semantics: .process), to: "DEAL_STAGE")
        #expect(catalogs.book("DEAL_STAGE")?.entries.map(\.id.rawValue).prefix(4) == ["NEW", "PREPARATION", "PREPAYMENT_INVOICE", "NEGOTIATION"])
        try catalogs.updateEntry(StatusEntry(id: "WEB", name: LocalizedText("Web site", italian: "Sito"), sort: 1, isSystem: true), in: "SOURCE")
        #expect(catalogs.book("SOURCE")?.entries.first?.name.text(in: .italian) == "Sito")
        try catalogs.removeEntry("CALL", from: "SOURCE", force: true)
        #expect(catalogs.book("SOURCE")?.contains("CALL") == false)
        try catalogs.removeEntry("PREPARATION", from: "DEAL_STAGE")
        #expect(catalogs.book("DEAL_STAGE")?.contains("PREPARATION") == false)
    }

    @Test("Codable round trip, and a stored book that breaks an invariant is refused")
    func codable() throws {
        var catalogs = self.catalogs
        try catalogs.addPipeline(for: .deal, name: "Rentals")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(catalogs)
        #expect(try JSONDecoder().decode(Catalogs.self, from: data) == catalogs)
        #expect(try encoder.encode(JSONDecoder().decode(Catalogs.self, from: data)) == data)

        let broken = #"{"id":"DEAL_STAGE","name":{"english":"Stages"},"isStageBook":true,"entries":[{"id":"NEW","name":{"english":"New"},"sort":10,"semantics":"P","isSystem":true}]}"#
        #expect(throws: CatalogError.self) { try JSONDecoder().decode(ReferenceBook.self, from: Data(broken.utf8)) }
    }

    @Test("currencies: defaults with decimals, base currency, edits")
    func currencies() throws {
        var currencies = catalogs.currencies
        #expect(currencies.currencies.map(\.code.rawValue) == ["EUR", "USD", "GBP", "CHF", "RUB", "UAH", "KZT", "BYN", "PLN", "BRL", "INR", "CNY", "JPY", "TRY"])
        #expect(currencies["JPY"]?.decimalPlaces == 0)
        #expect(currencies["EUR"]?.decimalPlaces == 2)
        #expect(currencies.baseCurrency == "EUR")
        try currencies.setBaseCurrency("USD")
        #expect(currencies.baseCurrency == "USD")
        #expect(throws: CatalogError(.notFound, "unknown currency XYZ")) { try currencies.setBaseCurrency("XYZ") }
        #expect(throws: CatalogError(.duplicateID, "currency EUR already exists")) {
            try currencies.add(Currency(code: "EUR", decimalPlaces: 2, name: "Euro"))
        }
        #expect(throws: CatalogError.self) { try currencies.add(Currency(code: "BHD", decimalPlaces: 5, name: "Dinar")) }
        try currencies.add(Currency(code: "BHD", decimalPlaces: 3, name: "Bahraini Dinar"))
        #expect(currencies["BHD"]?.decimalPlaces == 3)
    }

    @Test("REST shape of a stage book matches crm.status.list")
    func restEntries() throws {
        let json = try #require(catalogs.book("DEAL_STAGE")).restEntries()
        let won = try #require(json["result"]?[5])
        #expect(won == .object([
            ("ENTITY_ID", .string("DEAL_STAGE")), ("STATUS_ID", .string("WON")), ("NAME", .string("Deal successful")),
            ("SORT", .string("60")), ("SYSTEM", .string("Y")), ("CATEGORY_ID", .null), ("COLOR", .string("#7BD500")),
            ("SEMANTICS", .string("S")), ("EXTRA", .object([("SEMANTICS", .string("success")), ("COLOR", .string("#7BD500"))])),
        ]))
        #expect(json["result"]?[0]?["SEMANTICS"] == .null)
    }
}
