/// The configuration a workspace works with: catalogs, settings and user fields, as one consistent snapshot.
public struct WorkspaceConfiguration: Hashable, Sendable {
    /// Reference books, pipelines, currencies.
    public var catalogs: Catalogs
    /// Default currency, time zone, "available to everyone" defaults.
    public var settings: WorkspaceSettings
    /// User field definitions.
    public var customFields: [CustomFieldDefinition]
    /// Users and departments.
    public var orgChart: OrgChart
    /// Access roles with their members.
    public var roles: [Role]
    /// Automation rules and triggers.
    public var automation: AutomationConfiguration

    /// Makes a configuration.
    public init(
        catalogs: Catalogs, settings: WorkspaceSettings, customFields: [CustomFieldDefinition], orgChart: OrgChart,
        roles: [Role], automation: AutomationConfiguration = AutomationConfiguration()
    ) {
        self.catalogs = catalogs
        self.settings = settings
        self.customFields = customFields
        self.orgChart = orgChart
        self.roles = roles
        self.automation = automation
    }

    /// A new portal's org chart: user 1, the portal administrator, heading department 1.
    public static var defaultOrgChart: OrgChart {
        var chart = OrgChart()
        try? chart.addDepartment(Department(id: 1, name: "Company"))
        try? chart.addUser(OrgUser(id: 1, name: "Administrator", departments: [1], isPortalAdministrator: true))
        try? chart.setHead(1, of: 1)
        return chart
    }

    /// The validator for this configuration.
    var validator: EntityValidator { EntityValidator(catalogs: catalogs, customFields: customFields) }
}
