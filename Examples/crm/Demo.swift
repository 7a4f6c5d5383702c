import CRMKit
import Foundation

/// A readable scenario over the public API: a lead arrives, is qualified and converted into a contact, a
/// company and a deal with products; the deal moves through the pipeline to success; the timeline and the
/// history show what happened.
struct Demo {
    let clock = ManualClock(Timestamp(iso8601: "2026-03-02T09:30:00+01:00") ?? Timestamp(millisecondsSince1970: 0))

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crm-demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try FileStore.open(at: directory)
        defer { store.close() }
        print("File store in \(directory)")
        let workspace = try await Workspace.open(
            store: store, clock: clock, automation: AutomationExtensions(deliverer: PrintingDeliverer()))
        let admin = workspace.session(for: 1)  // the portal administrator of a new workspace
        try await admin.editSettings { $0.timeZoneIdentifier = "Europe/Rome" }
        try await admin.editOrgChart { chart in
            try chart.addDepartment(Department(id: 2, name: "Sales", parent: 1))
            try chart.addUser(OrgUser(id: 7, name: "Giulia (sales)", departments: [2]))
            try chart.addUser(OrgUser(id: 8, name: "Marco (sales)", departments: [2]))
            try chart.addUser(OrgUser(id: 9, name: "Sara (support)", departments: [1]))
        }
        try await admin.editRoles { roles in
            for index in roles.indices where roles[index].name == "Deputy supervisor" { roles[index].members = [.department(2)] }
            for index in roles.indices where roles[index].name == "Observer" { roles[index].members = [.user(9)] }
        }
        let warnings = try await admin.editAutomation { automation in
            automation.rules = [
                AutomationRule(
                    id: "prep-begin", title: "Preparation starts the work", entityType: .deal, stage: "PREPARATION",
                    actions: [
                        .setField("BEGINDATE", .today(offsetDays: 0)), .addComment("Preparation started: begin date set"),
                        .createActivity(subject: "Send the offer", deadlineAfterSeconds: 86_400, responsible: nil),
                    ]),
                AutomationRule(
                    id: "won-webhook", title: "Tell the ERP", entityType: .deal, stage: "WON",
                    actions: [.emit(.webhook(url: "https://erp.example.com/hooks/won", payload: ["source": "crm"]))]),
            ]
            automation.triggers = [
                AutomationTrigger(id: "mail-moves", title: "A client's e-mail means work", entityType: .deal, stage: "EXECUTING", event: .incomingEmail)
            ]
        }
        print("Automation: 2 rules, 1 trigger, \(warnings.count) cycle warnings")
        let stages = workspace.catalogs.book("DEAL_STAGE")?.entries.map(\.id.rawValue).joined(separator: " → ") ?? ""
        print("Deal pipeline: \(stages)")

        let sales = workspace.session(for: 7)
        var input = Lead()
        input.title = "Showroom refit"
        input.name = "Anna"
        input.lastName = "Rossi"
        input.companyTitle = "Rossi Arredamenti S.r.l."
        input.sourceID = "WEB"
        input.phones = [Multifield(value: "+39 06 1234 5678", valueType: "WORK")]
        input.emails = [Multifield(value: "Anna.Rossi@Rossi-Arredamenti.IT", valueType: "WORK")]
        input.productRows = [
            ProductRow(name: "Showroom design", price: 4_000, quantity: 2, discount: .rate(10), taxRate: 22),
            ProductRow(name: "Installation", price: 610, taxRate: 22, isTaxIncluded: true),
        ]
        var lead = try await sales.create(input)
        print("\nNew lead #\(lead.item.id): '\(lead.item.title ?? "")', stage \(lead.item.stageID?.rawValue ?? "-"),",
              "e-mail \(lead.item.emails.first?.value ?? "-"), phone \(lead.item.phones.first?.value ?? "-")")
        print("  amount from products: \(lead.item.opportunity ?? 0) \(lead.item.currencyID?.rawValue ?? "")")

        clock.advance(byMilliseconds: 3_600_000)
        try await sales.record(
            TimelineEvent(kind: .call(direction: .incoming, outcome: .answered, durationSeconds: 240)), on: ItemReference(lead.item.id))
        lead = try await sales.get(lead.item.id)
        print("  incoming call recorded; last activity now \(lead.item.lastActivityTime?.iso8601(in: workspace.settings.timeZone) ?? "-")")
        lead = try await sales.move(lead.item.id, to: "IN_PROCESS")

        clock.advance(byMilliseconds: 86_400_000)
        let conversion = try await sales.convertLead(lead.item.id)
        guard let deal = conversion.deal, let contact = conversion.contact, let company = conversion.company else {
            print("conversion created nothing")
            return
        }
        print("\nConverted lead #\(lead.item.id) (now \(conversion.lead.item.stageID?.rawValue ?? "-")):")
        print("  contact #\(contact.item.id) \(contact.item.name ?? "") \(contact.item.lastName ?? "")")
        print("  company #\(company.item.id) \(company.item.title ?? "")")
        print("  deal #\(deal.item.id) '\(deal.item.title ?? "")' in \(deal.item.stageID?.rawValue ?? "-"),",
              "amount \(deal.item.opportunity ?? 0) incl. tax \(deal.item.taxValue ?? 0), close date \(deal.item.closeDate?.description ?? "-")")

        var current = deal
        clock.advance(byMilliseconds: 2 * 86_400_000)
        current = try await sales.move(current.item.id, to: "PREPARATION")
        print("\nMoved to PREPARATION: rule prep-begin set the begin date to \(current.item.beginDate?.description ?? "-")",
              "and planned 'Send the offer' for tomorrow")
        clock.advance(byMilliseconds: 86_400_000)
        let due = try await workspace.runDue()
        print("A day later runDue fired \(due.reminders.count) reminder(s): last activity now",
              try await sales.get(current.item.id).item.lastActivityTime?.iso8601(in: workspace.settings.timeZone) ?? "-")
        current = try await sales.move(current.item.id, to: "PREPAYMENT_INVOICE")
        clock.advance(byMilliseconds: 86_400_000)
        try await sales.record(
            TimelineEvent(kind: .email(direction: .incoming, subject: "Re: invoice", address: "anna.rossi@rossi-arredamenti.it")),
            on: ItemReference(current.item.id))
        current = try await sales.get(current.item.id)
        print("An incoming e-mail fired trigger mail-moves: the deal is now in \(current.item.stageID?.rawValue ?? "-")")
        current = try await sales.modify(current.item.id) { $0.observerIDs = [9] }  // support follows the deal
        try await workspace.session(for: 9).record(TimelineEvent(kind: .comment(text: "Client asked for a discount")), on: ItemReference(current.item.id))
        current = try await sales.get(current.item.id)
        do {
            var tooLate = current
            tooLate.item.stageID = "C3:WON"
            _ = try await sales.update(tooLate)
        } catch let error as ValidationError {
            print("\nRefused: \(error)")
        }
        clock.advance(byMilliseconds: 3 * 86_400_000)
        current = try await sales.modify(current.item.id) { $0.probability = 90 }
        current = try await sales.move(current.item.id, to: "WON")
        print("\nDeal #\(current.item.id) won: closed \(current.item.isClosed), close date \(current.item.closeDate?.description ?? "-"),",
              "revision \(current.revision)")

        print("\nTimeline of deal #\(current.item.id):")
        for record in try await sales.timeline(of: ItemReference(current.item.id)) {
            let time = record.time.iso8601(in: workspace.settings.timeZone)
            switch record.entry {
            case .stageChange(let change):
                print("  \(time)  stage \(change.fromStage?.rawValue ?? "(created)") → \(change.toStage) by user \(change.actor)"
                      + Self.cause(change.cause))
            case .fieldChange(let change):
                print("  \(time)  \(change.field): \(Self.text(change.oldValue)) → \(Self.text(change.newValue)) (\(change.source))"
                      + Self.cause(change.cause))
            case .event(let event):
                print("  \(time)  \(event.kind) by user \(event.author?.rawValue ?? 0)")
            }
        }

        print("\nWho may see deal #\(current.item.id)?")
        for user: UserID in [8, 9] {
            let decision = try await workspace.session(for: user).explain(.read, on: ItemReference(current.item.id))
            print("  user \(user): \(decision.isAllowed ? "yes" : "no") — \(decision.explanation)")
        }

        let filter = try RESTFilter.parse(#"{"=STAGE_ID": "WON", ">OPPORTUNITY": 1000}"#, for: .deal)
        let won = try await sales.list(Deal.self, filter: filter)
        print("\nDeals won over 1000 EUR: \(won.total)")
        let sizes = store.fileSizes
        print("Store files: snapshot \(sizes.snapshot) bytes, journal \(sizes.journal) bytes")
    }

    static func cause(_ cause: ChangeCause?) -> String {
        cause.map { " [rule \($0.ruleID), chain \($0.causationID)]" } ?? ""
    }

    static func text(_ value: FieldValue) -> String {
        switch value {
        case .null: "∅"
        case .string(let text): text
        case .integer(let number): String(number)
        case .decimal(let number): "\(number)"
        case .bool(let flag): flag ? "Y" : "N"
        case .date(let date): date.description
        case .dateTime(let instant): instant.description
        case .list(let values): "[" + values.map(text).joined(separator: ", ") + "]"
        default: "\(value)"
        }
    }
}

/// Prints the effects automation emits, as a real app would call the webhook or send the notification.
struct PrintingDeliverer: EffectDeliverer {
    func deliver(_ entry: OutboxEntry) async throws {
        print("  → delivering \(entry.effect) (idempotency key \(entry.idempotencyKey))")
    }
}
