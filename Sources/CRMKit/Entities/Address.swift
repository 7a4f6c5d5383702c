/// A postal address, as leads, contacts and companies hold it in their `ADDRESS_*` fields.
///
/// ```swift
/// var lead = Lead()
/// lead.address.city = "Roma"
/// lead[field: "ADDRESS_CITY"]  // .string("Roma")
/// ```
public struct Address: Hashable, Sendable, Codable {
    /// Street and number (`ADDRESS`).
    public var line1: String?
    /// Apartment, floor, building (`ADDRESS_2`).
    public var line2: String?
    /// City.
    public var city: String?
    /// Postal code (CAP).
    public var postalCode: String?
    /// Region.
    public var region: String?
    /// Province.
    public var province: String?
    /// Country name.
    public var country: String?
    /// ISO country code.
    public var countryCode: String?
    /// The ID of the address in the portal's location module.
    public var locationAddressID: Int64?

    /// Makes an address.
    public init(
        line1: String? = nil, line2: String? = nil, city: String? = nil, postalCode: String? = nil,
        region: String? = nil, province: String? = nil, country: String? = nil, countryCode: String? = nil,
        locationAddressID: Int64? = nil
    ) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.postalCode = postalCode
        self.region = region
        self.province = province
        self.country = country
        self.countryCode = countryCode
        self.locationAddressID = locationAddressID
    }
}
