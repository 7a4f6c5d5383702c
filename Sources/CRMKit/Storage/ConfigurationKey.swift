/// The name of a configuration document a store keeps: catalogs, settings, user fields, and later roles,
/// org chart and automation rules.
///
/// ```swift
/// let data = try await store.configuration(.catalogs)
/// ```
public struct ConfigurationKey: StringIdentifier {
    /// The document's name.
    public var rawValue: String
    /// Names a document.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Reference books, pipelines and currencies (``Catalogs``).
    public static let catalogs: ConfigurationKey = "catalogs"
    /// Workspace settings (default currency, time zone, "available to everyone" defaults).
    public static let settings: ConfigurationKey = "settings"
    /// User field definitions.
    public static let customFields: ConfigurationKey = "customFields"
    /// Access roles and their grants.
    public static let roles: ConfigurationKey = "roles"
    /// Users and departments.
    public static let orgChart: ConfigurationKey = "orgChart"
    /// Automation rules and triggers.
    public static let automation: ConfigurationKey = "automation"
}
