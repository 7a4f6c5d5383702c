/// The configuration a workspace works with: catalogs, settings and user fields, as one consistent snapshot.
public struct WorkspaceConfiguration: Hashable, Sendable {
    /// Reference books, pipelines, currencies.
    public var catalogs: Catalogs
    /// Default currency, time zone, "available to everyone" defaults.
    public var settings: WorkspaceSettings
    /// User field definitions.
    public var customFields: [CustomFieldDefinition]

    /// Makes a configuration.
    public init(catalogs: Catalogs, settings: WorkspaceSettings, customFields: [CustomFieldDefinition]) {
        self.catalogs = catalogs
        self.settings = settings
        self.customFields = customFields
    }

    /// The validator for this configuration.
    var validator: EntityValidator { EntityValidator(catalogs: catalogs, customFields: customFields) }
}
