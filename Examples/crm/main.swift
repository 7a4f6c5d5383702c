import CRMKit
import Foundation

let usage = """
    usage: crm [--store DIR] [--user ID] <command> [options]

    commands:
      fields <entity> [--dialect legacy|item] [--locale en|it]
                         print the field metadata as crm.<entity>.fields (or crm.item.fields) does
      statuses <ENTITY_ID> [--locale en|it]
                         print the entries of a reference book (STATUS, DEAL_STAGE, SOURCE, ...)
      demo               run a scenario on a file store in a temporary directory: a lead converted into
                         a contact, company and deal, the deal moved through the pipeline, its history
      add <entity> [--title T] [--stage S] [--amount 100.00 [--currency EUR]]
                         create an item and print its ID
      get <entity> ID    print an item as REST JSON
      count <entity>     print the number of items
      stress --deals N [--durability full|grouped|none] [--concurrency C]
                         commit N deals, one transaction each (C at a time), printing each ID once committed
      verify             check every frame and record of the store and print a summary
      compact            write a new snapshot and start an empty journal
      import <entity> FILE [--format rest|jsonl|csv] [--match ID|XML_ID|ORIGIN_ID|<field>] [--dry-run]
                         [--skip-invalid] [--separator ,|;]
                         import items, each through the save pipeline; prints what was created, updated, refused
      export <entity> [--format csv|jsonl|rest] [--fields A,B] [--filter JSON] [--locale en|it] [--no-bom]
                         print the items the user may read and export
      rest roundtrip FILE --method M [--entity E] [--time-zone TZ]
                         decode a saved REST response (crm.deal.list, crm.item.get, crm.deal.productrows.get,
                         ...) and print it re-encoded; exits 1 naming the record and field it cannot decode
      access check --scenario FILE
                         print one JSON line per check of an access scenario (org chart, roles, items)
      access list --scenario FILE --user U --entity E
                         print the IDs of the scenario's items the user may read, through the list filter

    The store commands need --store DIR (created on first use) and act as user 1, the portal
    administrator, unless --user ID is given.
    entities: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))
    """

func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func entityType(_ name: String?) throws(UsageError) -> EntityType {
    guard let name, let type = EntityType(rawValue: name) else {
        throw UsageError("expected an entity: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return type
}

func run(_ words: [String]) async throws(UsageError) -> Int32 {
    let arguments = try CommandArguments(words, flags: ["dry-run", "skip-invalid", "no-bom"])
    guard let command = arguments.positional.first else { throw UsageError("missing command") }
    let rest = Array(arguments.positional.dropFirst())
    var user: UserID = 1
    if let text = arguments.options["user"] {
        guard let id = Int64(text), id > 0 else { throw UsageError("--user needs a positive user ID") }
        user = UserID(id)
    }
    func storeCommands() throws(UsageError) -> StoreCommands {
        guard let directory = arguments.options["store"] else { throw UsageError("\(command) needs --store DIR") }
        return StoreCommands(directory: directory, user: user)
    }
    do {
        switch command {
        case "fields":
            try arguments.allowOnly(["dialect", "locale"])
            guard rest.count == 1 else { throw UsageError("fields needs one entity") }
            let type = try entityType(rest.first)
            let dialect = RESTDialect(rawValue: try arguments.option("dialect", oneOf: ["legacy", "item"], default: "legacy"))
            let language = Language(rawValue: try arguments.option("locale", oneOf: ["en", "it"], default: "en"))
            print(type.restFields(dialect: dialect ?? .legacy, language: language ?? .english).serialized(pretty: true))
            return 0
        case "statuses":
            try arguments.allowOnly(["locale"])
            guard rest.count == 1 else { throw UsageError("statuses needs one reference book ID") }
            let language = Language(rawValue: try arguments.option("locale", oneOf: ["en", "it"], default: "en"))
            let catalogs = Catalogs.bitrix24Defaults()
            guard let book = catalogs.book(rest[0]) else {
                writeError("crm: no reference book '\(rest[0])'; known: \(catalogs.books.keys.sorted().joined(separator: ", "))")
                return 1
            }
            let pipeline = catalogs.pipelines.first { $0.stageBookID == book.id && $0.id != 0 }
            print(book.restEntries(language: language ?? .english, categoryID: pipeline?.id).serialized(pretty: true))
            return 0
        case "demo":
            try arguments.allowOnly([])
            guard rest.isEmpty else { throw UsageError("demo takes no arguments") }
            try await Demo().run()
            return 0
        case "add":
            guard rest.count == 1 else { throw UsageError("add needs one entity") }
            return try await storeCommands().add(try entityType(rest.first), arguments: arguments)
        case "get":
            try arguments.allowOnly(["store", "user"])
            guard rest.count == 2, let id = Int64(rest[1]) else { throw UsageError("get needs an entity and an ID") }
            return try await storeCommands().get(try entityType(rest.first), id: id)
        case "count":
            try arguments.allowOnly(["store", "user"])
            guard rest.count == 1 else { throw UsageError("count needs one entity") }
            return try await storeCommands().count(try entityType(rest.first))
        case "stress":
            try arguments.allowOnly(["store", "user", "deals", "durability", "concurrency"])
            guard rest.isEmpty, let text = arguments.options["deals"], let deals = Int(text), deals >= 0 else {
                throw UsageError("stress needs --deals N")
            }
            let mode = try arguments.option("durability", oneOf: FileStoreOptions.Durability.allCases.map(\.rawValue), default: "full")
            let concurrency = Int(arguments.options["concurrency"] ?? "1") ?? 0
            guard concurrency >= 1 else { throw UsageError("--concurrency needs a positive number") }
            return try await storeCommands().stress(
                deals: deals, durability: FileStoreOptions.Durability(rawValue: mode) ?? .full, concurrency: concurrency)
        case "verify":
            try arguments.allowOnly(["store", "user"])
            guard rest.isEmpty else { throw UsageError("verify takes no arguments") }
            return try storeCommands().verify()
        case "compact":
            try arguments.allowOnly(["store", "user"])
            guard rest.isEmpty else { throw UsageError("compact takes no arguments") }
            return try storeCommands().compact()
        case "import":
            try arguments.allowOnly(["format", "match", "separator"])
            guard rest.count == 2 else { throw UsageError("import needs an entity and a file") }
            return try await storeCommands().importItems(try entityType(rest.first), path: rest[1], arguments: arguments)
        case "export":
            try arguments.allowOnly(["format", "fields", "filter", "locale"])
            guard rest.count == 1 else { throw UsageError("export needs one entity") }
            return try await storeCommands().export(try entityType(rest.first), arguments: arguments)
        case "rest":
            try arguments.allowOnly(["method", "entity", "time-zone"])
            guard rest.count == 2, rest[0] == "roundtrip", let method = arguments.options["method"] else {
                throw UsageError("rest roundtrip FILE --method M")
            }
            guard let data = FileManager.default.contents(atPath: rest[1]) else { throw UsageError("cannot read \(rest[1])") }
            var zone = TimeZone(secondsFromGMT: 0) ?? .current
            if let name = arguments.options["time-zone"] {
                guard let named = TimeZone(identifier: name) else { throw UsageError("unknown time zone \(name)") }
                zone = named
            }
            let type = try arguments.options["entity"].map { (name: String) throws(UsageError) -> EntityType in try entityType(name) }
            let json = try JSONValue(parsing: Array(data))
            print(try RESTRoundTrip.roundTrip(json, method: method, entityType: type, timeZone: zone).serialized(pretty: true))
            return 0
        case "access":
            try arguments.allowOnly(["scenario", "user", "entity"])
            guard let path = arguments.options["scenario"] else { throw UsageError("access needs --scenario FILE") }
            let commands = try AccessCommands(path: path)
            switch rest.first {
            case "check":
                return commands.check()
            case "list":
                guard arguments.options["user"] != nil else { throw UsageError("access list needs --user U") }
                return try await commands.list(user: user, entityType: try entityType(arguments.options["entity"]))
            default:
                throw UsageError("access needs check or list")
            }
        case "help":
            print(usage)
            return 0
        default:
            throw UsageError("unknown command '\(command)'")
        }
    } catch let error as UsageError {
        throw error
    } catch let error as RESTDecodingError {
        writeError("crm \(command): \(error)")
        return 1
    } catch let error as ScenarioError {
        writeError("crm \(command): scenario \(error)")
        return 1
    } catch {
        writeError("crm \(command): \(error)")
        return 1
    }
}

let words = Array(CommandLine.arguments.dropFirst())
if words.contains("--help") || words.contains("-h") {
    print(usage)
    exit(0)
}
do {
    exit(try await run(words))
} catch {
    writeError("crm: \(error.message)\n\n\(usage)")
    exit(2)
}
