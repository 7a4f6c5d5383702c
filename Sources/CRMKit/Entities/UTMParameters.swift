/// The UTM parameters of the campaign that brought an item (`UTM_SOURCE`, `UTM_MEDIUM`, ...), used by
/// Sales Intelligence.
///
/// ```swift
/// deal.utm.source = "google"
/// deal[field: "UTM_SOURCE"]  // .string("google")
/// ```
public struct UTMParameters: Hashable, Sendable, Codable {
    /// The advertising system (`UTM_SOURCE`).
    public var source: String?
    /// The type of traffic, e.g. `cpc` (`UTM_MEDIUM`).
    public var medium: String?
    /// The campaign identifier (`UTM_CAMPAIGN`).
    public var campaign: String?
    /// The campaign content (`UTM_CONTENT`).
    public var content: String?
    /// The search term (`UTM_TERM`).
    public var term: String?

    /// Makes a set of parameters.
    public init(
        source: String? = nil, medium: String? = nil, campaign: String? = nil, content: String? = nil,
        term: String? = nil
    ) {
        self.source = source
        self.medium = medium
        self.campaign = campaign
        self.content = content
        self.term = term
    }
}
