import Foundation
import Synchronization

/// A CRM: a store, its configuration (catalogs, settings, user fields), an access policy, a clock and save
/// hooks. Users act on it through sessions.
///
/// Open one workspace per store; it caches the configuration and writes every change of it through the
/// store.
///
/// ```swift
/// let workspace = try await Workspace.open(store: InMemoryStore(), accessPolicy: .unrestricted)
/// let session = workspace.session(for: 1)
/// let deal = try await session.create(Deal())   // "Deal #1", stage NEW, close date today + 7
/// ```
public final class Workspace: Sendable {
    /// Where items, timelines and configuration are kept.
    public let store: any CRMStore
    /// A policy given at open, replacing the Bitrix24 rules over the stored org chart and roles.
    private let customPolicy: (any AccessPolicy)?
    /// Where "now" comes from.
    public let clock: any CRMClock
    /// The configuration and the Bitrix24 policy over its org chart and roles (kept with it, so its read
    /// filters are built once per configuration).
    private let cache: Mutex<(configuration: WorkspaceConfiguration, policy: Bitrix24AccessPolicy)>
    private let hookList: Mutex<[any SaveHook]>
    private let configurationLock = AsyncLock()
    /// App-defined actions and conditions and the effect deliverer.
    public let automationExtensions: AutomationExtensions
    /// The next "in turn" position per rule (kept in memory; see ``ResponsibleSelection/inTurn(_:)``).
    private let turns = TurnCounter()

    private init(
        store: any CRMStore, accessPolicy: (any AccessPolicy)?, clock: any CRMClock, configuration: WorkspaceConfiguration,
        hooks: [any SaveHook], automation: AutomationExtensions
    ) {
        self.store = store
        automationExtensions = automation
        customPolicy = accessPolicy
        self.clock = clock
        cache = Mutex((configuration, Bitrix24AccessPolicy(orgChart: configuration.orgChart, roles: configuration.roles)))
        hookList = Mutex(hooks)
    }

    /// Opens a workspace on a store: loads its configuration, or writes Bitrix24's defaults into a new store
    /// (default catalogs and settings, an org chart with user 1 as portal administrator, the five preset roles).
    ///
    /// - Parameters:
    ///   - store: where items, timelines and configuration are kept.
    ///   - accessPolicy: who may do what; by default (nil) Bitrix24's rules over the stored org chart and
    ///     roles (``Bitrix24AccessPolicy``). Name `.unrestricted` explicitly for tests and tools.
    ///   - clock: where "now" comes from.
    ///   - hooks: code to run around every write.
    ///   - automation: app-defined automation actions and conditions, and who delivers effects.
    public static func open(
        store: any CRMStore, accessPolicy: (any AccessPolicy)? = nil, clock: any CRMClock = SystemClock(),
        hooks: [any SaveHook] = [], automation: AutomationExtensions = AutomationExtensions()
    ) async throws -> Workspace {
        var seed = ChangeSet()
        func document<Document: Codable>(_ key: ConfigurationKey, default makeDefault: () -> Document) async throws -> Document {
            if let data = try await store.configuration(key) {
                do {
                    return try JSONDecoder().decode(Document.self, from: data)
                } catch {
                    throw StoreError(.corrupted, "configuration document '\(key)' cannot be read: \(error)")
                }
            }
            let value = makeDefault()
            seed.configuration[key] = try Workspace.encode(value)
            return value
        }
        let configuration = WorkspaceConfiguration(
            catalogs: try await document(.catalogs) { Catalogs.bitrix24Defaults() },
            settings: try await document(.settings) { WorkspaceSettings() },
            customFields: try await document(.customFields) { [CustomFieldDefinition]() },
            orgChart: try await document(.orgChart) { WorkspaceConfiguration.defaultOrgChart },
            roles: try await document(.roles) { Role.bitrix24Presets() },
            automation: try await document(.automation) { AutomationConfiguration() })
        if !seed.isEmpty { _ = try await store.commit(seed) }
        return Workspace(
            store: store, accessPolicy: accessPolicy, clock: clock, configuration: configuration, hooks: hooks, automation: automation)
    }

    /// A session acting for a user.
    public func session(for user: UserID, source: ChangeSource = .user) -> Session {
        Session(workspace: self, user: user, source: source)
    }

    /// The current configuration.
    public var configuration: WorkspaceConfiguration { cache.withLock { $0.configuration } }

    /// The current catalogs.
    public var catalogs: Catalogs { configuration.catalogs }

    /// The current settings.
    public var settings: WorkspaceSettings { configuration.settings }

    /// Who may do what: the policy given at open, or Bitrix24's rules over the current org chart and roles.
    public var accessPolicy: any AccessPolicy {
        if let customPolicy { return customPolicy }
        return cache.withLock { $0.policy }
    }

    /// Adds a hook that runs around every later write.
    public func addHook(_ hook: any SaveHook) {
        hookList.withLock { $0.append(hook) }
    }

    var hooks: [any SaveHook] { hookList.withLock { $0 } }

    /// The automation engine for one save, at `now`.
    func automationEngine(now: Timestamp) -> AutomationEngine {
        let configuration = configuration
        return AutomationEngine(
            configuration: configuration.automation, extensions: automationExtensions, catalogs: configuration.catalogs,
            orgChart: configuration.orgChart, timeZone: configuration.settings.timeZone, now: now,
            turns: turns)
    }

    /// Applies an edit to the configuration, checks it (`verify` sees before and after), commits the changed
    /// documents and updates the cache; edits run one at a time.
    func editConfiguration(
        _ edit: (inout WorkspaceConfiguration) throws -> Void,
        verify: (WorkspaceConfiguration, WorkspaceConfiguration) async throws -> Void = { _, _ in }
    ) async throws -> WorkspaceConfiguration {
        try await configurationLock.withLock {
            let before = configuration
            var after = before
            try edit(&after)
            try await verify(before, after)
            guard (0...3_650).contains(after.settings.closeDateOffsetDays) else {
                throw ValidationError(
                    .outOfRange, field: "CLOSEDATE",
                    "the close-date offset must be 0 to 3650 days, not \(after.settings.closeDateOffsetDays)")
            }
            guard after.catalogs.currencies[after.settings.defaultCurrency] != nil else {
                throw ValidationError(
                    .unknownCurrency, field: "CURRENCY_ID",
                    "the default currency \(after.settings.defaultCurrency) is not in the currency catalog")
            }
            var changes = ChangeSet()
            if after.catalogs != before.catalogs { changes.configuration[.catalogs] = try Workspace.encode(after.catalogs) }
            if after.settings != before.settings { changes.configuration[.settings] = try Workspace.encode(after.settings) }
            if after.customFields != before.customFields {
                changes.configuration[.customFields] = try Workspace.encode(after.customFields)
            }
            if after.orgChart != before.orgChart { changes.configuration[.orgChart] = try Workspace.encode(after.orgChart) }
            if after.roles != before.roles { changes.configuration[.roles] = try Workspace.encode(after.roles) }
            if after.automation != before.automation {
                try after.automation.validate(against: after.catalogs)
                changes.configuration[.automation] = try Workspace.encode(after.automation)
            }
            if !changes.isEmpty {
                _ = try await store.commit(changes)
                let policy = Bitrix24AccessPolicy(orgChart: after.orgChart, roles: after.roles)
                cache.withLock { $0 = (after, policy) }
            }
            return after
        }
    }

    static func encode<Document: Encodable>(_ value: Document) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }
}
