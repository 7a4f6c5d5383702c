/// What a user wants to do, in Bitrix24's permission terms.
public enum AccessOperation: String, Hashable, Sendable, Codable, CaseIterable {
    /// See an item (`READ`).
    case read = "READ"
    /// Create an item (`ADD`).
    case add = "ADD"
    /// Edit an item (`WRITE`).
    case write = "WRITE"
    /// Delete an item (`DELETE`).
    case delete = "DELETE"
    /// Export items (`EXPORT`).
    case export = "EXPORT"
    /// Import items (`IMPORT`).
    case `import` = "IMPORT"
    /// Edit automation rules (`AUTOMATION`).
    case automation = "AUTOMATION"
    /// Move an item to another stage (`TRANSITION`, with WRITE).
    case transition = "TRANSITION"
    /// Edit CRM settings, reference books and pipelines (`CONFIG` WRITE).
    case configure = "CONFIG"
}
