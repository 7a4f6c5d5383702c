import CRMKit
import Foundation

/// A short scenario over the public API: catalogs, a validated deal, product rows, a refused edit.
struct Demo {
    func run() -> Int32 {
        var catalogs = Catalogs.bitrix24Defaults()
        let stages = catalogs.book("DEAL_STAGE")?.entries.map { "\($0.id)" }.joined(separator: " → ") ?? ""
        print("Default deal pipeline: \(stages)")
        do {
            let rentals = try catalogs.addPipeline(for: .deal, name: LocalizedText("Rentals", italian: "Noleggi"))
            print("Added pipeline \(rentals.id) '\(rentals.name.english)' with stages in \(rentals.stageBookID)")

            let validator = EntityValidator(catalogs: catalogs)
            var deal = Deal()
            deal.title = "Website redesign"
            deal.categoryID = rentals.id
            deal.stageID = "PREPARATION"
            deal.probability = 140
            deal.currencyID = "XYZ"
            print("\nA deal with a stage of another pipeline, probability 140 and currency XYZ:")
            for issue in validator.problems(in: deal) { print("  refused: \(issue)") }

            deal.stageID = "C\(rentals.id):PREPARATION"
            deal.probability = 60
            deal.currencyID = "EUR"
            deal.productRows = [
                ProductRow(name: "Design sprint", price: 4_000, quantity: 2, discount: .rate(10), taxRate: 22),
                ProductRow(name: "Hosting (year)", price: 600, taxRate: 22, isTaxIncluded: true),
            ]
            try validator.validate(deal)
            let total = deal.productRows.reduce(Decimal(0)) { $0 + $1.total }
            print("\nValid deal '\(deal.title ?? "")' in stage \(deal.stageID?.rawValue ?? "-"): products total \(total) EUR")

            var edited = deal
            edited.categoryID = 0
            edited.createdTime = Timestamp(millisecondsSince1970: 0)
            print("\nAn update that moves it to pipeline 0 and sets its creation time:")
            for issue in validator.problems(in: edited, previous: deal) { print("  refused: \(issue)") }

            try catalogs.removeEntry("C\(rentals.id):WON", from: rentals.stageBookID, force: true)
        } catch {
            print("\nRemoving the only success stage: refused: \(error)")
        }
        print("\nSalutations (Italian):", catalogs.book("HONORIFIC")?.entries.map { $0.name.text(in: .italian) } ?? [])
        return 0
    }
}
