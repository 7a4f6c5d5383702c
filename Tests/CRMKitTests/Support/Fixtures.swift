import CRMKit
import Foundation
import Testing

/// Loads the files under `Tests/CRMKitTests/Fixtures/`, copied into the test bundle.
enum Fixtures {
    /// One field of a `Fixtures/Fields/<entity>.json` file, as Bitrix24's docs list it.
    struct Field: Decodable, Sendable {
        var code: String
        var itemKey: String?
        var type: String
        var isRequired: Bool
        var isReadOnly: Bool
        var isImmutable: Bool
        var isMultiple: Bool
        var statusType: String?
        var title: String
    }

    /// A `Fixtures/Fields/<entity>.json` file.
    struct FieldList: Decodable, Sendable {
        var entity: String
        var source: String
        var fields: [Field]
    }

    /// The URL of a file under `Fixtures/`, such as `Fields/deal.json`.
    static func url(_ path: String) throws -> URL {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = root.appendingPathComponent(path)
        try #require(FileManager.default.fileExists(atPath: url.path), "missing fixture \(path)")
        return url
    }

    /// The bytes of a file under `Fixtures/`.
    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: url(path))
    }

    /// A file under `Fixtures/`, parsed with CRMKit's own JSON parser.
    static func json(_ path: String) throws -> JSONValue {
        try JSONValue(parsing: [UInt8](data(path)))
    }

    /// The field list of an entity type (`Fields/<entity>.json`).
    static func fields(of entityType: EntityType) throws -> FieldList {
        try JSONDecoder().decode(FieldList.self, from: data("Fields/\(entityType.rawValue).json"))
    }
}

/// `Decimal` from its exact decimal text (never through `Double`).
func decimal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Decimal {
    try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), sourceLocation: sourceLocation)
}

/// The members of a JSON object, in order (empty for anything else).
func members(_ value: JSONValue?) -> [JSONValue.Member] {
    guard case .object(let members)? = value else { return [] }
    return members
}
