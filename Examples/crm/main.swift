import CRMKit
import Foundation

let usage = """
    usage: crm <command> [options]

    commands:
      fields <entity> [--dialect legacy|item] [--locale en|it]
                         print the field metadata as crm.<entity>.fields (or crm.item.fields) does
      statuses <ENTITY_ID> [--locale en|it]
                         print the entries of a reference book (STATUS, DEAL_STAGE, SOURCE, ...)
      demo               run a scenario: a lead converted into a contact, company and deal, the deal
                         moved through the pipeline, its timeline and history

    entities: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))
    """

func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func run(_ words: [String]) async throws(UsageError) -> Int32 {
    guard let command = words.first else { throw UsageError("missing command") }
    let rest = Array(words.dropFirst())
    switch command {
    case "fields":
        let arguments = try CommandArguments(rest)
        try arguments.allowOnly(["dialect", "locale"])
        guard arguments.positional.count == 1, let type = EntityType(rawValue: arguments.positional[0]) else {
            throw UsageError("fields needs one entity: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let dialect = RESTDialect(rawValue: try arguments.option("dialect", oneOf: ["legacy", "item"], default: "legacy"))
        let language = Language(rawValue: try arguments.option("locale", oneOf: ["en", "it"], default: "en"))
        print(type.restFields(dialect: dialect ?? .legacy, language: language ?? .english).serialized(pretty: true))
        return 0
    case "statuses":
        let arguments = try CommandArguments(rest)
        try arguments.allowOnly(["locale"])
        guard arguments.positional.count == 1 else { throw UsageError("statuses needs one reference book ID") }
        let language = Language(rawValue: try arguments.option("locale", oneOf: ["en", "it"], default: "en"))
        let catalogs = Catalogs.bitrix24Defaults()
        guard let book = catalogs.book(arguments.positional[0]) else {
            writeError("crm: no reference book '\(arguments.positional[0])'; known: \(catalogs.books.keys.sorted().joined(separator: ", "))")
            return 1
        }
        let pipeline = catalogs.pipelines.first { $0.stageBookID == book.id && $0.id != 0 }
        print(book.restEntries(language: language ?? .english, categoryID: pipeline?.id).serialized(pretty: true))
        return 0
    case "demo":
        try CommandArguments(rest).allowOnly([])
        do {
            try await Demo().run()
            return 0
        } catch {
            writeError("crm demo: \(error)")
            return 1
        }
    case "help", "--help", "-h":
        print(usage)
        return 0
    default:
        throw UsageError("unknown command '\(command)'")
    }
}

do {
    exit(try await run(Array(CommandLine.arguments.dropFirst())))
} catch {
    writeError("crm: \(error.message)\n\n\(usage)")
    exit(2)
}
