import CRMKit
import Foundation

/// The deterministic data every workload uses: 3 pipelines, 200 users in a 20-department tree, N deals.
struct DataSet: Sendable {
    static let userCount: Int64 = 200
    static let departmentCount: Int64 = 20
    static let companyCount: Int64 = 500
    static let contactCount: Int64 = 2_000
    static let stageNames = ["NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE", "APOLOGY"]
    static let currencies = ["EUR", "USD", "RUB", "EUR", "USD"]
    static let words = ["Supply", "Licence", "Support", "Upgrade", "Pilot", "Renewal", "Hardware", "Training", "Audit", "Rollout"]

    let deals: [DealRow]
    /// The W3 stage and the 10 responsible users.
    let queryStage = "PREPARATION"
    let queryUsers: [Int64] = [3, 17, 29, 44, 58, 71, 90, 123, 150, 187]

    init(count: Int, seed: UInt64 = 0x00C0_FFEE) {
        var random = SplitMix64(seed: seed)
        let start: Int64 = 19_700  // days since 1970, early 2023; three years of dates
        var rows: [DealRow] = []
        rows.reserveCapacity(count)
        for index in 0..<count {
            let category = Int64(random.below(3))
            let stageName = Self.stageNames[random.below(Self.stageNames.count)]
            let stage = category == 0 ? stageName : "C\(category):\(stageName)"
            let begin = start + Int64(random.below(3 * 365))
            // Drawn in the order the rows have always been drawn in, so the data set stays the same.
            let title = "\(Self.words[random.below(Self.words.count)]) #\(index + 1) for client \(random.below(10_000))"
            let user = Int64(random.below(Int(Self.userCount))) + 1
            let company = Int64(random.below(Int(Self.companyCount))) + 1
            let contact = Int64(random.below(Int(Self.contactCount))) + 1
            let cents = Int64(random.below(5_000_000)) * 10 + 100
            rows.append(
                DealRow(
                    id: Int64(index + 1), title: title, category: category, stage: stage, user: user, company: company,
                    contact: contact, cents: cents, opportunity: Decimal(cents) / 100,
                    currency: Self.currencies[random.below(Self.currencies.count)],
                    beginDay: begin, closeDay: begin + Int64(random.below(120)),
                    createdMilliseconds: (begin * 86_400 + Int64(random.below(86_400))) * 1_000))
        }
        deals = rows
    }

    /// Department d's parent is d / 2 (a binary tree rooted at 1); user u is in department (u - 1) % 20 + 1.
    static func department(of user: Int64) -> Int64 { (user - 1) % departmentCount + 1 }

    static func subtree(of department: Int64) -> Set<Int64> {
        var result: Set<Int64> = [department]
        var frontier = [department]
        while let next = frontier.popLast() {
            for child in [next * 2, next * 2 + 1] where child <= departmentCount {
                result.insert(child)
                frontier.append(child)
            }
        }
        return result
    }

    static func users(in departments: Set<Int64>) -> [Int64] {
        (1...userCount).filter { departments.contains(department(of: $0)) }
    }

    static func orgChart() throws -> OrgChart {
        let departments = (1...departmentCount).map { id in
            Department(id: DepartmentID(id), name: "Department \(id)", parent: id == 1 ? nil : DepartmentID(id / 2))
        }
        let users = (1...userCount).map { id in
            OrgUser(id: UserID(rawValue: id), name: "User \(id)", departments: [DepartmentID(department(of: id))], isPortalAdministrator: id == 1)
        }
        return try OrgChart(departments: departments, users: users)
    }

    /// Companies and contacts with phones and e-mails, which the deals refer to.
    static func clients() -> [ChangeSet.Write] {
        var writes: [ChangeSet.Write] = []
        for id in 1...companyCount {
            var company = Company()
            company.id = ItemID(rawValue: id)
            company.title = "Company \(id)"
            company.phones = [Multifield(value: "+3902\(1_000_000 + id)", valueType: "WORK")]
            company.emails = [Multifield(value: "office\(id)@example.com", valueType: "WORK")]
            writes.append(.create(.company(company)))
        }
        for id in 1...contactCount {
            var contact = Contact()
            contact.id = ItemID(rawValue: id)
            contact.name = "Contact"
            contact.lastName = "N\(id)"
            contact.phones = [Multifield(value: "+3933\(1_000_000 + id)", valueType: "MOBILE")]
            contact.emails = [Multifield(value: "c\(id)@example.com", valueType: "WORK"), Multifield(value: "c\(id)@home.example", valueType: "HOME")]
            writes.append(.create(.contact(contact)))
        }
        return writes
    }
}
