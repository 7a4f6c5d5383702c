import CRMKit
import Foundation
import Testing

struct RequisiteTests {
    // Partita IVA check digit: digits in odd positions (1st, 3rd, …) count as they are; digits in even positions
    // are doubled, minus 9 when above 9; the 11th digit makes the sum a multiple of 10.
    // 0123456789: 0+2+4+6+8 = 20; 1,3,5,7,9 → 2+6+1+5+9 = 23; 43 → check digit 7.
    // 1234567890: 1+3+5+7+9 = 25; 2,4,6,8,0 → 4+8+3+7+0 = 22; 47 → check digit 3.
    // 0074311015: 0+7+3+1+1 = 12; 0,4,1,0,5 → 0+8+2+0+1 = 11; 23 → check digit 7.
    @Test(arguments: [
        "IT01234567897", "01234567897", "12345678903", "IT12345678903", "00743110157", "it01234567897",
        "IT 012 345 678 97", " 01234567897 ",
    ])
    func validPartitaIVA(number: String) {
        #expect(Requisite(name: "Rossi S.r.l.", vatNumber: number).isVATNumberValid)
    }

    @Test(arguments: [
        "IT01234567890", "IT01234567898", "12345678900", "IT0123456789", "IT012345678977", "IT0123456789A",
        "IT01234-67897", "", "IT", "0123456789７", "IT10234567897",
    ])
    func invalidPartitaIVA(number: String) {
        #expect(!Requisite(name: "Rossi S.r.l.", vatNumber: number).isVATNumberValid)
    }

    @Test func otherCountriesAndMissingNumbersAreNotChecked() {
        #expect(Requisite(name: "GmbH", vatNumber: "DE123456789").isVATNumberValid)
        #expect(Requisite(name: "SARL", vatNumber: "FR00000000000").isVATNumberValid)
        #expect(Requisite(name: "Nobody").isVATNumberValid)
    }

    @Test(arguments: [
        "IT60X0542811101000000123456", "IT60 X054 2811 1010 0000 0123 456", "it60x0542811101000000123456",
        "GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606",
    ])
    func validIBAN(iban: String) {
        #expect(BankDetail(name: "Main account", iban: iban).isIBANValid)
    }

    @Test(arguments: [
        "IT60X0542811101000000123457",  // last digit changed
        "IT61X0542811101000000123456",  // check digits changed
        "IT60X0542811101000000123465",  // two digits swapped
        "IT60Y0542811101000000123456",  // CIN changed
        "GB82WEST12345698765433",
        "IT60",
        "IT60X054281110100000012345600000000",  // 35 characters
        "6060X0542811101000000123456",  // no country letters
        "ITAAX0542811101000000123456",  // check digits not digits
        "IT60X05428111010000001234-6",
        "IT60X0542811101000000123456\u{00E9}",
        "",
    ])
    func invalidIBAN(iban: String) {
        #expect(!BankDetail(name: "Main account", iban: iban).isIBANValid)
    }

    @Test(arguments: ["BEPOITM1", "UNCRITMMXXX", "bepoitm1", "DEUTDEFF500", "BCITITMM", "POSOIT22"])
    func validBIC(bic: String) {
        #expect(BankDetail(name: "Main account", bic: bic).isBICValid)
    }

    @Test(arguments: ["BEPOITM", "BEPOITM1X", "BEPO1TM1", "BEPOIT-1", "ÄEPOITM1", "", "BEPOITM1XXXX", "12345678"])
    func invalidBIC(bic: String) {
        #expect(!BankDetail(name: "Main account", bic: bic).isBICValid)
    }

    @Test func missingCodesAreNotChecked() {
        let account = BankDetail(name: "Cash")
        #expect(account.isIBANValid)
        #expect(account.isBICValid)
    }

    @Test func codableRoundTrip() throws {
        let details = Requisite(
            id: 4, name: "Rossi S.r.l.", vatNumber: "IT01234567897", fiscalCode: "01234567897", registrationNumber: "RM-1234567",
            addresses: [
                .legal: Address(line1: "Via del Corso 1", city: "Roma", postalCode: "00186", country: "Italia", countryCode: "IT"),
                .delivery: Address(line1: "Via Nazionale 5", city: "Roma"),
            ],
            bankDetails: [
                BankDetail(
                    name: "Main account", bankName: "Banca Esempio", iban: "IT60X0542811101000000123456", bic: "BEPOITM1",
                    currency: "EUR")
            ])
        let decoded = try JSONDecoder().decode(Requisite.self, from: JSONEncoder().encode(details))
        #expect(decoded == details)
        #expect(decoded.isVATNumberValid)
        #expect(decoded.bankDetails.allSatisfy { $0.isIBANValid && $0.isBICValid })
        #expect(Requisite.AddressKind.allCases == [.legal, .actual, .postal, .delivery])
    }
}
