/// One stored line of an item's timeline: an event, a stage change or a field change.
///
/// ```swift
/// for record in try await session.timeline(of: ItemReference(dealID)) {
///     if case .stageChange(let change) = record.entry { print(change.toStage) }
/// }
/// ```
public struct TimelineRecord: Hashable, Sendable, Codable {
    /// What the line holds.
    public enum Entry: Hashable, Sendable, Codable {
        /// A comment, e-mail, call, message or reminder.
        case event(TimelineEvent)
        /// A line of stage history.
        case stageChange(StageChange)
        /// A line of field history.
        case fieldChange(FieldChange)
    }

    /// The item the line belongs to.
    public var item: ItemReference
    /// What the line holds.
    public var entry: Entry

    /// Makes a line.
    public init(item: ItemReference, entry: Entry) {
        self.item = item
        self.entry = entry
    }

    /// When it happened.
    public var time: Timestamp {
        switch entry {
        case .event(let event): event.time ?? Timestamp(millisecondsSince1970: 0)
        case .stageChange(let change): change.time
        case .fieldChange(let change): change.time
        }
    }
}
