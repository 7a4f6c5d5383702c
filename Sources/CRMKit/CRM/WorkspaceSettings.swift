public import Foundation

/// A workspace's settings, stored as a configuration document: default currency, time zone, the
/// "available to everyone" default per entity type, and the close-date offset for new items.
///
/// ```swift
/// var settings = WorkspaceSettings()
/// settings.timeZoneIdentifier = "Europe/Rome"
/// settings.openedByDefault[.deal] = false
/// ```
public struct WorkspaceSettings: Hashable, Sendable, Codable {
    /// The currency new items get (must be in the currency catalog).
    public var defaultCurrency: CurrencyCode
    /// The time zone "today" is computed in (an IANA identifier).
    public var timeZoneIdentifier: String
    /// "Available to everyone" for new items, per entity type (missing means yes).
    public var openedByDefault: [EntityType: Bool]
    /// How many days after today a new deal's, quote's or invoice's close date is.
    public var closeDateOffsetDays: Int

    /// Bitrix24's defaults: EUR, UTC, everything available to everyone, close date in 7 days.
    public init(
        defaultCurrency: CurrencyCode = "EUR", timeZoneIdentifier: String = "UTC", openedByDefault: [EntityType: Bool] = [:],
        closeDateOffsetDays: Int = 7
    ) {
        self.defaultCurrency = defaultCurrency
        self.timeZoneIdentifier = timeZoneIdentifier
        self.openedByDefault = openedByDefault
        self.closeDateOffsetDays = closeDateOffsetDays
    }

    /// The time zone, or UTC when the identifier is unknown.
    public var timeZone: TimeZone {
        TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    /// "Available to everyone" for a new item of a type.
    public func isOpenedByDefault(_ entityType: EntityType) -> Bool { openedByDefault[entityType] ?? true }
}
