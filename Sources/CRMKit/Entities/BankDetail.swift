/// A bank account of a company or contact's details (`crm.requisite.bankdetail`).
///
/// ```swift
/// let account = BankDetail(name: "Main account", bankName: "Banca Esempio", iban: "IT60X0542811101000000123456", bic: "BEPOITM1")
/// account.isIBANValid  // true
/// ```
public struct BankDetail: Hashable, Sendable, Codable {
    /// The account's label.
    public var name: String
    /// The bank's name.
    public var bankName: String?
    /// The International Bank Account Number.
    public var iban: String?
    /// The BIC/SWIFT code.
    public var bic: String?
    /// The account number, where no IBAN is used.
    public var accountNumber: String?
    /// The account's currency.
    public var currency: CurrencyCode?

    /// Makes a bank account.
    public init(
        name: String, bankName: String? = nil, iban: String? = nil, bic: String? = nil, accountNumber: String? = nil,
        currency: CurrencyCode? = nil
    ) {
        self.name = name
        self.bankName = bankName
        self.iban = iban
        self.bic = bic
        self.accountNumber = accountNumber
        self.currency = currency
    }

    /// Whether ``iban`` passes the ISO 13616 check (country letters, check digits, mod 97 == 1); true when
    /// there is no IBAN.
    public var isIBANValid: Bool {
        guard let iban else { return true }
        let compact = iban.filter { $0 != " " }.uppercased()
        guard (15...34).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            compact.prefix(2).allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else { return false }
        var remainder = 0
        for character in compact.dropFirst(4) + compact.prefix(4) {
            guard let ascii = character.asciiValue else { return false }
            let value = character.isNumber ? Int(ascii - 48) : Int(ascii - 55)
            remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97
        }
        return remainder == 1
    }

    /// Whether ``bic`` has the BIC form: 4 letters (bank), 2 letters (country), 2 letters or digits
    /// (location), optionally 3 more (branch); true when there is none.
    public var isBICValid: Bool {
        guard let bic else { return true }
        let characters = Array(bic.uppercased())
        guard characters.count == 8 || characters.count == 11, characters.allSatisfy({ $0.isASCII }) else { return false }
        return characters[0..<6].allSatisfy(\.isLetter)
            && characters[6...].allSatisfy { $0.isLetter || $0.isNumber }
    }
}
