import CRMKit
import Foundation

/// The commands that work on a file store: `add`, `get`, `count`, `stress`, `verify`.
struct StoreCommands {
    let directory: String
    let user: UserID

    func openWorkspace(durability: FileStoreOptions.Durability = .full) async throws -> (FileStore, Workspace) {
        let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: durability))
        if let offset = store.openReport.tornTailOffset {
            writeError("crm: cut off a torn final frame at byte \(offset) of the journal (\(store.openReport.truncatedBytes) bytes)")
        }
        return (store, try await Workspace.open(store: store))
    }

    func add(_ type: EntityType, arguments: CommandArguments) async throws -> Int32 {
        try arguments.allowOnly(["title", "stage", "amount", "currency", "store", "user"])
        let (store, workspace) = try await openWorkspace()
        defer { store.close() }
        let session = workspace.session(for: user)
        let id: Int64
        switch type {
        case .lead: id = try await session.create(try fill(Lead(), arguments, workspace)).item.id.rawValue
        case .deal: id = try await session.create(try fill(Deal(), arguments, workspace)).item.id.rawValue
        case .contact: id = try await session.create(try fill(Contact(), arguments, workspace)).item.id.rawValue
        case .company: id = try await session.create(try fill(Company(), arguments, workspace)).item.id.rawValue
        case .quote: id = try await session.create(try fill(Quote(), arguments, workspace)).item.id.rawValue
        case .invoice: id = try await session.create(try fill(Invoice(), arguments, workspace)).item.id.rawValue
        case .product: id = try await session.create(try fill(Product(), arguments, workspace)).item.id.rawValue
        }
        print(id)
        return 0
    }

    private func fill<Entity: CRMEntity>(_ entity: Entity, _ arguments: CommandArguments, _ workspace: Workspace) throws -> Entity {
        var item = entity
        if let title = arguments.options["title"] {
            let code: FieldCode = Entity.schema["TITLE"] != nil ? "TITLE" : "NAME"
            try item.setValue(.string(title), forField: code)
        }
        if let stage = arguments.options["stage"] {
            guard let code = Entity.entityType.stageFieldCode else { throw UsageError("\(Entity.entityType) has no stages") }
            try item.setValue(.string(stage), forField: code)
        }
        if let amount = arguments.options["amount"] {
            let currencyCode = CurrencyCode(arguments.options["currency"] ?? workspace.settings.defaultCurrency.rawValue)
            guard let currency = workspace.catalogs.currencies[currencyCode] else {
                throw UsageError("unknown currency \(currencyCode)")
            }
            let money = try Money(parsing: amount, currency: currency)
            let code: FieldCode = Entity.schema["OPPORTUNITY"] != nil ? "OPPORTUNITY" : "PRICE"
            try item.setValue(.decimal(money.decimalValue(decimalPlaces: currency.decimalPlaces)), forField: code)
            try item.setValue(.string(currency.code.rawValue), forField: "CURRENCY_ID")
        } else if arguments.options["currency"] != nil {
            throw UsageError("--currency goes with --amount")
        }
        return item
    }

    func get(_ type: EntityType, id: Int64) async throws -> Int32 {
        let (store, workspace) = try await openWorkspace()
        defer { store.close() }
        let session = workspace.session(for: user)
        let item: AnyItem
        switch type {
        case .lead: item = .lead(try await session.get(ItemID<Lead>(id)).item)
        case .deal: item = .deal(try await session.get(ItemID<Deal>(id)).item)
        case .contact: item = .contact(try await session.get(ItemID<Contact>(id)).item)
        case .company: item = .company(try await session.get(ItemID<Company>(id)).item)
        case .quote: item = .quote(try await session.get(ItemID<Quote>(id)).item)
        case .invoice: item = .invoice(try await session.get(ItemID<Invoice>(id)).item)
        case .product: item = .product(try await session.get(ItemID<Product>(id)).item)
        }
        let encoder = RESTItemEncoder(timeZone: workspace.settings.timeZone)
        print(JSONValue.object([("result", encoder.encode(item))]).serialized(pretty: true))
        return 0
    }

    /// The number of items of a type the user may read.
    func count(_ type: EntityType) async throws -> Int32 {
        let (store, workspace) = try await openWorkspace()
        defer { store.close() }
        let session = workspace.session(for: user)
        let total: Int =
            switch type {
            case .lead: try await session.list(Lead.self, limit: 0).total
            case .deal: try await session.list(Deal.self, limit: 0).total
            case .contact: try await session.list(Contact.self, limit: 0).total
            case .company: try await session.list(Company.self, limit: 0).total
            case .quote: try await session.list(Quote.self, limit: 0).total
            case .invoice: try await session.list(Invoice.self, limit: 0).total
            case .product: try await session.list(Product.self, limit: 0).total
            }
        print(total)
        return 0
    }

    func stress(deals: Int, durability: FileStoreOptions.Durability, concurrency: Int) async throws -> Int32 {
        let (store, workspace) = try await openWorkspace(durability: durability)
        defer { store.close() }
        let session = workspace.session(for: user)
        let started = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in stride(from: worker, to: deals, by: concurrency) {
                        var deal = Deal()
                        deal.title = "Stress deal \(index + 1)"
                        deal.opportunity = Decimal(index % 1000) * 10
                        let id = try await session.create(deal).item.id
                        FileHandle.standardOutput.write(Data("\(id)\n".utf8))
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Date().timeIntervalSince(started)
        writeError(
            String(
                format: "crm: %d commits in %.3f s (%.0f commits/s, durability %@, %d concurrent)", deals, seconds,
                Double(deals) / max(seconds, 1e-9), durability.rawValue, concurrency))
        return 0
    }

    func importItems(_ type: EntityType, path: String, arguments: CommandArguments) async throws -> Int32 {
        let format = try arguments.option("format", oneOf: ["rest", "jsonl", "csv"], default: path.hasSuffix(".csv") ? "csv" : "jsonl")
        let (store, workspace) = try await openWorkspace()
        defer { store.close() }
        let source: any ImportSource
        if format == "csv" {
            let separatorText = arguments.options["separator"] ?? ","
            guard let character = separatorText.first, separatorText.count == 1, let separator = CSVSeparator(character) else {
                throw UsageError("--separator must be one character such as , or ;")
            }
            source = CSVImportSource(path: path, entityType: type, separator: separator, customFields: workspace.configuration.customFields)
        } else {
            source = JSONImportSource(
                path: path, format: format == "rest" ? .rest : .jsonLines, entityType: type, customFields: workspace.configuration.customFields)
        }
        var options = ImportOptions(dryRun: arguments.options["dry-run"] != nil, skipInvalid: arguments.options["skip-invalid"] != nil)
        if let match = arguments.options["match"] {
            switch match {
            case "ID": options.match = .id
            case "XML_ID": options.match = .xmlID
            case "ORIGIN_ID": options.match = .originID
            default: options.match = .field(FieldCode(match))
            }
        }
        let report = try await workspace.session(for: user).importItems(type, from: source, options: options)
        let verb = options.dryRun ? "would create" : "created"
        print("\(report.rows) rows: \(verb) \(report.created.count), \(options.dryRun ? "would update" : "updated") \(report.updated.count), refused \(report.refused.count)")
        if options.dryRun {
            if !report.created.isEmpty { print("would create rows: \(report.created.map(String.init).joined(separator: ", "))") }
            if !report.updated.isEmpty { print("would update IDs: \(report.updated.map(String.init).joined(separator: ", "))") }
        } else {
            if !report.created.isEmpty { print("created IDs: \(report.created.map(String.init).joined(separator: ", "))") }
            if !report.updated.isEmpty { print("updated IDs: \(report.updated.map(String.init).joined(separator: ", "))") }
        }
        if !report.ignoredColumns.isEmpty { print("ignored columns: \(report.ignoredColumns.joined(separator: ", "))") }
        for problem in report.refused { print("refused \(problem)") }
        if !options.dryRun, !options.skipInvalid, !report.refused.isEmpty { print("nothing was written") }
        return report.refused.isEmpty ? 0 : 1
    }

    func export(_ type: EntityType, arguments: CommandArguments) async throws -> Int32 {
        let format = try arguments.option("format", oneOf: ExportOptions.Format.allCases.map(\.rawValue), default: "csv")
        let (store, workspace) = try await openWorkspace()
        defer { store.close() }
        var options = ExportOptions(format: ExportOptions.Format(rawValue: format) ?? .csv, byteOrderMark: arguments.options["no-bom"] == nil)
        if let fields = arguments.options["fields"] { options.fields = fields.split(separator: ",").map { FieldCode(String($0)) } }
        if let filter = arguments.options["filter"] { options.filter = try RESTFilter.parse(filter, for: type) }
        if let locale = arguments.options["locale"] {
            guard let language = Language(rawValue: locale) else { throw UsageError("--locale must be en or it") }
            options.language = language
        }
        let output = FileHandle.standardOutput
        try await workspace.session(for: user).export(type, options: options) { bytes in output.write(Data(bytes)) }
        return 0
    }

    func compact() throws -> Int32 {
        let store = try FileStore.open(at: directory)
        defer { store.close() }
        try store.compact()
        let sizes = store.fileSizes
        print("snapshot \(sizes.snapshot) bytes, journal \(sizes.journal) bytes")
        return 0
    }

    func verify() throws -> Int32 {
        let report = try FileStore.verify(at: directory)
        print(report.summary)
        return 0
    }
}
