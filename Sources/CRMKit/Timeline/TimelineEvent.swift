/// Something that happened on an item's timeline: a comment, an e-mail, a call, an open-channel message,
/// an activity reminder.
///
/// Recording one through a session stores it and, for inbound communication, moves the item's last
/// activity:
///
/// ```swift
/// try await session.record(.init(kind: .call(direction: .incoming, outcome: .missed, durationSeconds: 0)), on: dealRef)
/// ```
public struct TimelineEvent: Hashable, Sendable, Codable {
    /// Which way a communication went.
    public enum Direction: String, Hashable, Sendable, Codable {
        /// From the client.
        case incoming
        /// To the client.
        case outgoing
    }

    /// How a call ended.
    public enum CallOutcome: String, Hashable, Sendable, Codable {
        /// Somebody answered.
        case answered
        /// Nobody answered.
        case missed
    }

    /// Who wrote an open-channel message.
    public enum MessageAuthor: String, Hashable, Sendable, Codable {
        /// The client.
        case client
        /// An employee, replying.
        case employee
    }

    /// What happened.
    public enum Kind: Hashable, Sendable, Codable {
        /// A comment written on the timeline.
        case comment(text: String)
        /// An e-mail.
        case email(direction: Direction, subject: String, address: String)
        /// A phone call.
        case call(direction: Direction, outcome: CallOutcome, durationSeconds: Int)
        /// A message in an open channel (live chat, messenger).
        case openChannelMessage(author: MessageAuthor, text: String)
        /// An activity's automatic reminder fired.
        case activityReminder(text: String)
        /// A to-do for an employee, due at a deadline (its reminder fires then).
        case activity(subject: String, deadline: Timestamp, responsible: UserID)
    }

    /// What happened.
    public var kind: Kind
    /// When; nil when recorded means "now" by the workspace's clock.
    public var time: Timestamp?
    /// The employee who wrote, sent, took the call or was reminded; nil means the acting user.
    public var author: UserID?

    /// Makes an event.
    public init(kind: Kind, time: Timestamp? = nil, author: UserID? = nil) {
        self.kind = kind
        self.time = time
        self.author = author
    }

    /// Whether Bitrix24 moves the item's last activity for this event, given the item's responsible person:
    /// a comment by someone else, an activity reminder, an incoming or missed call, an incoming e-mail, a
    /// client's open-channel message. Outgoing communication does not; nor does an employee's open-channel
    /// reply (the help article lists it, Bitrix24 does not move the time for it).
    public func movesLastActivity(responsible: UserID?) -> Bool {
        switch kind {
        case .comment: author != responsible
        case .activityReminder: true
        case .email(let direction, _, _): direction == .incoming
        case .call(let direction, let outcome, _): direction == .incoming || outcome == .missed
        case .openChannelMessage(let author, _): author == .client
        case .activity: false
        }
    }
}
