/// A company's or contact's details ("Dettagli"): legal name, tax identifiers, addresses and bank accounts
/// (`crm.requisite`).
///
/// ```swift
/// var details = Requisite(name: "Rossi S.r.l.")
/// details.vatNumber = "IT01234567897"    // Partita IVA
/// details.fiscalCode = "01234567897"     // codice fiscale
/// details.isVATNumberValid               // true
/// ```
public struct Requisite: Hashable, Sendable, Codable {
    /// The kind of an address in the details.
    public enum AddressKind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The registered (legal) address.
        case legal
        /// Where the business actually operates.
        case actual
        /// Where post goes.
        case postal
        /// A delivery address.
        case delivery
    }

    /// The details' ID, or nil for new ones.
    public var id: Int64?
    /// The legal name.
    public var name: String
    /// The VAT number (Italian Partita IVA, with or without the `IT` prefix).
    public var vatNumber: String?
    /// The tax code (Italian codice fiscale).
    public var fiscalCode: String?
    /// The company registration number (REA, Handelsregister, ...).
    public var registrationNumber: String?
    /// Addresses by kind.
    public var addresses: [AddressKind: Address]
    /// Bank accounts.
    public var bankDetails: [BankDetail]

    /// Makes details.
    public init(
        id: Int64? = nil, name: String, vatNumber: String? = nil, fiscalCode: String? = nil,
        registrationNumber: String? = nil, addresses: [AddressKind: Address] = [:], bankDetails: [BankDetail] = []
    ) {
        self.id = id
        self.name = name
        self.vatNumber = vatNumber
        self.fiscalCode = fiscalCode
        self.registrationNumber = registrationNumber
        self.addresses = addresses
        self.bankDetails = bankDetails
    }

    /// Whether an Italian Partita IVA (11 digits, optional `IT`) has a valid check digit; other countries'
    /// numbers and an absent one count as valid.
    public var isVATNumberValid: Bool {
        guard var number = vatNumber?.filter({ $0 != " " }).uppercased() else { return true }
        if number.hasPrefix("IT") { number.removeFirst(2) } else if number.first?.isLetter == true { return true }
        let digits = number.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard digits.count == 11, number.count == 11 else { return false }
        var sum = 0
        for (index, digit) in digits.prefix(10).enumerated() {
            if index % 2 == 0 {
                sum += digit
            } else {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            }
        }
        return (10 - sum % 10) % 10 == digits[10]
    }
}
