import CRMKit
import Foundation
import Testing

@Suite("Lead conversion")
struct LeadConversionTests {
    @Test("a lead becomes a contact, a company and a deal, linked to each other, and the lead is converted")
    func convert() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Lead()
        input.title = "Showroom"
        input.name = "Anna"
        input.lastName = "Rossi"
        input.companyTitle = "Rossi S.r.l."
        input.phones = [Multifield(value: "+390612345678", valueType: "WORK")]
        input.productRows = [ProductRow(name: "Design", price: 100, quantity: 2)]
        let lead = try await fixture.session.create(input)
        let result = try await fixture.session.convertLead(lead.item.id)
        let contact = try #require(result.contact).item
        let company = try #require(result.company).item
        let deal = try #require(result.deal).item
        #expect(contact.name == "Anna" && contact.lastName == "Rossi")
        #expect(contact.phones == input.phones)
        #expect(contact.leadID == lead.item.id)
        #expect(company.title == "Rossi S.r.l.")
        #expect(company.contactIDs == [contact.id])
        #expect(deal.title == "Showroom")
        #expect(deal.opportunity == 200)
        #expect(deal.contactIDs == [contact.id])
        #expect(deal.companyID == company.id)
        #expect(deal.leadID == lead.item.id)
        #expect(deal.stageID == "NEW")
        #expect(result.lead.item.stageID == "CONVERTED")
        #expect(result.lead.item.stageSemanticID == .success)
        #expect(result.lead.item.companyID == company.id)
        await #expect(throws: ValidationError([ValidationIssue(.immutable, field: "STATUS_ID", "lead 1 is already in the final stage CONVERTED")])) {
            try await fixture.session.convertLead(lead.item.id)
        }
    }

    @Test("without a company name no company is created")
    func noCompany() async throws {
        let fixture = try await WorkspaceFixture()
        var input = Lead()
        input.name = "Marco"
        let result = try await fixture.session.convertLead(try await fixture.session.create(input).item.id)
        #expect(result.company == nil)
        #expect(result.deal?.item.companyID == nil)
        #expect(try await fixture.store.count(.company) == 0)
    }
}
