/// One entry of a phone, e-mail, website or messenger list: a value and its kind (`WORK`, `MOBILE`, ...).
///
/// Bitrix24 calls these "multifields": `PHONE`, `EMAIL`, `WEB`, `IM` hold lists of them.
///
/// ```swift
/// var lead = Lead()
/// lead.phones = [Multifield(value: "+39 06 1234 5678", valueType: "WORK")]
/// lead.emails = [Multifield(value: "anna@example.it", valueType: "HOME")]
/// ```
public struct Multifield: Hashable, Sendable, Codable {
    /// The ID Bitrix24 gave the entry, or nil for a new one.
    public var id: Int64?
    /// The phone number, e-mail address, URL or messenger handle.
    public var value: String
    /// The kind of entry: `WORK`, `MOBILE`, `FAX`, `HOME`, `PAGER`, `MAILING`, `OTHER` for phones; `WORK`,
    /// `HOME`, `MAILING`, `OTHER` for e-mail; `WORK`, `HOME`, `FACEBOOK`, ... for websites; `TELEGRAM`,
    /// `WHATSAPP`, `SKYPE`, `VIBER`, ... for messengers.
    public var valueType: String

    /// Makes an entry.
    public init(id: Int64? = nil, value: String, valueType: String = "WORK") {
        self.id = id
        self.value = value
        self.valueType = valueType
    }
}
