import CRMKit
import Foundation

/// One generated deal as plain values, turned into a CRMKit `Deal`, SQL arguments or REST JSON.
struct DealRow: Sendable {
    var id: Int64
    var title: String
    var category: Int64
    var stage: String
    var user: Int64
    var company: Int64
    var contact: Int64
    var cents: Int64
    /// The amount as the `Deal` holds it, made once with the row: building a `Decimal` by division costs
    /// more than a microsecond, harness work no store should be timed for (SQLite gets `amount`).
    var opportunity: Decimal
    var currency: String
    var beginDay: Int64
    var closeDay: Int64
    var createdMilliseconds: Int64
    /// The dates as a REST file spells them, which the W6 baseline stores as they are.
    var dateTexts: (begin: String, close: String)? = nil

    var amount: Double { Double(cents) / 100 }
    var amountText: String { String(format: "%lld.%02lld", cents / 100, cents % 100) }

    func deal(id newID: Int64) -> Deal {
        var deal = Deal()
        deal.id = ItemID(rawValue: newID)
        deal.title = title
        deal.categoryID = CategoryID(category)
        deal.stageID = StatusID(stage)
        deal.assignedByID = UserID(rawValue: user)
        deal.companyID = ItemID(rawValue: company)
        deal.contactID = ItemID(rawValue: contact)
        deal.opportunity = opportunity
        deal.currencyID = CurrencyCode(currency)
        deal.isOpened = false
        deal.beginDate = CalendarDate(daysSince1970: beginDay)
        deal.closeDate = CalendarDate(daysSince1970: closeDay)
        deal.createdTime = Timestamp(millisecondsSince1970: createdMilliseconds)
        return deal
    }

    /// The `crm.deal.list` shape of the deal, without an ID so an import creates it; `day` spells a day
    /// (days since 1970) as `YYYY-MM-DD`.
    func restJSON(day: (Int64) -> String) -> String {
        let escapedTitle = title.replacingOccurrences(of: "\"", with: "\\\"")
        return """
            {"TITLE":"\(escapedTitle)","CATEGORY_ID":"\(category)","STAGE_ID":"\(stage)","ASSIGNED_BY_ID":"\(user)",\
            "COMPANY_ID":"\(company)","CONTACT_ID":"\(contact)","OPPORTUNITY":"\(amountText)","CURRENCY_ID":"\(currency)",\
            "OPENED":"N","BEGINDATE":"\(day(beginDay))T00:00:00+00:00","CLOSEDATE":"\(day(closeDay))T00:00:00+00:00"}
            """
    }
}
