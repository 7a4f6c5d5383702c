/// An event a trigger waits for, and the event that arrives: incoming and outgoing communication, forms,
/// payments, webhooks, field changes.
///
/// On a trigger, the associated values narrow it (`fieldChanged(["OPPORTUNITY"])` waits for the amount; an
/// empty list waits for any field; `formSubmitted(formID: nil)` for any form). On an event that arrives they
/// say what happened.
public enum TriggerEvent: Hashable, Sendable, Codable {
    /// An e-mail from the client.
    case incomingEmail
    /// An e-mail to the client was sent.
    case emailSent
    /// The client read an e-mail.
    case emailRead
    /// The client clicked a link in an e-mail.
    case emailLinkClicked
    /// A call from the client.
    case incomingCall
    /// A call to the client.
    case outgoingCall
    /// A call that nobody answered.
    case missedCall
    /// A CRM form was submitted.
    case formSubmitted(formID: String?)
    /// The client asked to be called back.
    case callback
    /// A client's message in an open channel.
    case openChannelMessage
    /// A webhook call (with an optional code naming it).
    case webhook(code: String?)
    /// A payment arrived.
    case payment
    /// Fields changed (on a trigger: the watched fields).
    case fieldChanged([FieldCode])
    /// The responsible person changed.
    case responsibleChanged

    /// Whether an event that arrived is one this trigger waits for.
    public func isMatched(by event: TriggerEvent) -> Bool {
        switch (self, event) {
        case (.formSubmitted(let wanted), .formSubmitted(let form)): wanted == nil || wanted == form
        case (.webhook(let wanted), .webhook(let code)): wanted == nil || wanted == code
        case (.fieldChanged(let watched), .fieldChanged(let changed)): watched.isEmpty || !Set(watched).isDisjoint(with: changed)
        default: self == event
        }
    }

    /// The event a timeline event is, if any: e-mails, calls and open-channel messages.
    public init?(_ event: TimelineEvent) {
        switch event.kind {
        case .email(let direction, _, _): self = direction == .incoming ? .incomingEmail : .emailSent
        case .call(let direction, let outcome, _):
            self = outcome == .missed ? .missedCall : (direction == .incoming ? .incomingCall : .outgoingCall)
        case .openChannelMessage(let author, _) where author == .client: self = .openChannelMessage
        default: return nil
        }
    }
}
