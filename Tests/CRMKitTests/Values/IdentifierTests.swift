import CRMKit
import Foundation
import Testing

struct IdentifierTests {
    private func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private func decoded<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    @Test(arguments: [Int64(0), 1, 17, -3, Int64.max, Int64.min])
    func integerIdentifiersEncodeAsBareNumbers(raw: Int64) throws {
        let text = String(raw)
        #expect(try encoded(ItemID<Deal>(raw)) == text)
        #expect(try encoded(UserID(raw)) == text)
        #expect(try encoded(CategoryID(raw)) == text)
        #expect(try encoded(DepartmentID(raw)) == text)
        #expect(try decoded(ItemID<Deal>.self, text) == ItemID<Deal>(rawValue: raw))
        #expect(try decoded(UserID.self, text) == UserID(rawValue: raw))
        #expect(try decoded(CategoryID.self, text) == CategoryID(rawValue: raw))
        #expect(try decoded(DepartmentID.self, text) == DepartmentID(rawValue: raw))
    }

    @Test(arguments: ["C3:WON", "NEW", "", "UF_CRM_17", "EUR", "é \"quoted\""])
    func stringIdentifiersEncodeAsBareStrings(raw: String) throws {
        let text = try encoded(raw)
        #expect(try encoded(StatusID(raw)) == text)
        #expect(try encoded(FieldCode(raw)) == text)
        #expect(try encoded(CurrencyCode(raw)) == text)
        #expect(try decoded(StatusID.self, text) == StatusID(rawValue: raw))
        #expect(try decoded(FieldCode.self, text) == FieldCode(rawValue: raw))
        #expect(try decoded(CurrencyCode.self, text) == CurrencyCode(rawValue: raw))
    }

    @Test func exactEncodings() throws {
        #expect(try encoded(ItemID<Deal>(17)) == "17")
        #expect(try encoded(StatusID("C3:WON")) == #""C3:WON""#)
        #expect(try encoded([UserID(3), UserID(1)]) == "[3,1]")
        #expect(try encoded(["STAGE_ID", "UF_CRM_17"] as [FieldCode]) == #"["STAGE_ID","UF_CRM_17"]"#)
        #expect(try decoded([CurrencyCode].self, #"["EUR","JPY"]"#) == ["EUR", "JPY"])
    }

    @Test func integerIdentifiersRejectStrings() {
        #expect(throws: DecodingError.self) { try decoded(UserID.self, #""7""#) }
        #expect(throws: DecodingError.self) { try decoded(ItemID<Deal>.self, "1.5") }
        #expect(throws: DecodingError.self) { try decoded(CategoryID.self, "null") }
        #expect(throws: DecodingError.self) { try decoded(CategoryID.self, "9223372036854775808") }
    }

    @Test func stringIdentifiersRejectNumbers() {
        #expect(throws: DecodingError.self) { try decoded(StatusID.self, "7") }
        #expect(throws: DecodingError.self) { try decoded(FieldCode.self, "true") }
        #expect(throws: DecodingError.self) { try decoded(CurrencyCode.self, "null") }
    }

    @Test func literals() {
        let deal: ItemID<Deal> = 17
        let user: UserID = 3
        let category: CategoryID = 0
        let department: DepartmentID = 12
        let stage: StatusID = "C3:WON"
        let field: FieldCode = "UF_CRM_17"
        let currency: CurrencyCode = "EUR"
        #expect(deal.rawValue == 17)
        #expect(deal == ItemID<Deal>(17))
        #expect(user.rawValue == 3)
        #expect(category.rawValue == 0)
        #expect(department.rawValue == 12)
        #expect(stage.rawValue == "C3:WON")
        #expect(field.rawValue == "UF_CRM_17")
        #expect(currency.rawValue == "EUR")
        #expect(deal.description == "17")
        #expect(UserID(-4).description == "-4")
        #expect(stage.description == "C3:WON")
    }

    @Test(arguments: [(Int64(0), false), (1, true), (17, true), (-1, false)])
    func assignment(raw: Int64, isAssigned: Bool) {
        #expect(ItemID<Lead>(raw).isAssigned == isAssigned)
    }

    @Test func unassignedIsZero() {
        #expect(ItemID<Quote>.unassigned.rawValue == 0)
        #expect(ItemID<Quote>.unassigned == 0)
        #expect(Deal().id == .unassigned)
    }

    @Test func integerOrdering() {
        let ids: [UserID] = [17, -2, 3, 0, 100]
        #expect(ids.sorted() == [-2, 0, 3, 17, 100])
        #expect(ItemID<Deal>(2) < ItemID<Deal>(10))
        #expect(!(CategoryID(5) < CategoryID(5)))
        #expect(ids.max() == 100)
    }

    @Test func stringOrderingIsByRawValue() {
        let stages: [StatusID] = ["C3:WON", "C10:NEW", "C2:LOSE", "NEW", "C3:NEW"]
        // Plain code-unit order: "C10" sorts before "C2", uppercase before the colon's successors.
        #expect(stages.sorted() == ["C10:NEW", "C2:LOSE", "C3:NEW", "C3:WON", "NEW"])
        #expect(CurrencyCode("EUR") < CurrencyCode("USD"))
        #expect(FieldCode("STAGE_ID") > FieldCode("ID"))
    }

    @Test func identifiersWorkAsDictionaryKeys() {
        var owners: [ItemID<Deal>: UserID] = [:]
        owners[17] = 3
        owners[ItemID<Deal>(17)] = 4
        #expect(owners == [17: 4])
        let byCode: [FieldCode: Int] = ["STAGE_ID": 1, "UF_CRM_17": 2]
        #expect(byCode[FieldCode("UF_CRM_17")] == 2)
    }
}
