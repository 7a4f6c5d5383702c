extension Catalogs {
    /// The ID of the default invoice pipeline in ``bitrix24Defaults()`` (its stages are `DT31_1:N` ...).
    public static let defaultInvoicePipelineID: CategoryID = 1

    /// A new portal's catalogs: every reference book with Bitrix24's default entries (names in English and
    /// Italian), the general deal pipeline 0, the default invoice pipeline, and the default currencies.
    ///
    /// ```swift
    /// let catalogs = Catalogs.bitrix24Defaults()
    /// catalogs.book("DEAL_STAGE")?.entries.map(\.id)
    /// // ["NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE", "APOLOGY"]
    /// ```
    public static func bitrix24Defaults() -> Catalogs {
        let invoicePrefix = Pipeline.stagePrefix(entityType: .invoice, id: defaultInvoicePipelineID) ?? ""
        let books = [
            ReferenceBook(
                trusted: "STATUS", name: LocalizedText("Lead stages", italian: "Fasi dei lead"),
                entries: stages([
                    ("NEW", "Unassigned", "Non assegnato", "#39A8EF", .process, true),
                    ("IN_PROCESS", "In progress", "In corso", "#2FC6F6", .process, false),
                    ("PROCESSED", "Processed", "Elaborato", "#55D0E0", .process, false),
                    ("CONVERTED", "Good lead", "Lead di qualità", "#7BD500", .success, true),
                    ("JUNK", "Junk lead", "Lead spazzatura", "#FF5752", .failure, true),
                ]), isStageBook: true),
            ReferenceBook(
                trusted: "DEAL_STAGE", name: LocalizedText("General deal stages", italian: "Fasi degli affari"),
                entries: defaultStages(for: .deal, prefix: ""), isStageBook: true),
            ReferenceBook(
                trusted: "QUOTE_STATUS", name: LocalizedText("Quote stages", italian: "Fasi dei preventivi"),
                entries: stages([
                    ("DRAFT", "New", "Nuovo", "#39A8EF", .process, true),
                    ("SENT", "Sent to client", "Inviato al cliente", "#2FC6F6", .process, false),
                    ("APPROVED", "Approved", "Approvato", "#7BD500", .success, true),
                    ("DECLAINED", "Declined", "Rifiutato", "#FF5752", .failure, true),
                    ("APOLOGY", "Analyze failure", "Analisi del fallimento", "#FF5752", .failure, false),
                ]), isStageBook: true),
            ReferenceBook(
                trusted: Pipeline.stageBookID(entityType: .invoice, id: defaultInvoicePipelineID),
                name: LocalizedText("Invoice stages", italian: "Fasi delle fatture"),
                entries: defaultStages(for: .invoice, prefix: invoicePrefix), isStageBook: true, idPrefix: invoicePrefix),
            dropdown(
                "SOURCE", "Sources", "Origini",
                [
                    ("CALL", "Call", "Chiamata"), ("EMAIL", "E-mail", "E-mail"), ("WEB", "Website", "Sito web"),
                    ("ADVERTISING", "Advertising", "Pubblicità"), ("PARTNER", "Existing client", "Cliente esistente"),
                    ("RECOMMENDATION", "By recommendation", "Su raccomandazione"),
                    ("TRADE_SHOW", "Show/Exhibition", "Fiera/Esposizione"), ("WEBFORM", "CRM form", "Modulo CRM"),
                    ("CALLBACK", "Callback", "Richiamata"), ("RC_GENERATOR", "Sales boost", "Sales boost"),
                    ("STORE", "Online store", "Negozio online"), ("OTHER", "Other", "Altro"),
                ]),
            dropdown(
                "CONTACT_TYPE", "Contact type", "Tipo di contatto",
                [
                    ("CLIENT", "Clients", "Clienti"), ("SUPPLIER", "Suppliers", "Fornitori"),
                    ("PARTNER", "Partners", "Partner"), ("OTHER", "Other", "Altro"),
                ]),
            dropdown(
                "COMPANY_TYPE", "Company type", "Tipo di azienda",
                [
                    ("CUSTOMER", "Client", "Cliente"), ("SUPPLIER", "Supplier", "Fornitore"),
                    ("COMPETITOR", "Competitor", "Concorrente"), ("PARTNER", "Partner", "Partner"),
                    ("OTHER", "Other", "Altro"),
                ]),
            dropdown(
                "EMPLOYEES", "Number of employees", "Numero di dipendenti",
                [
                    ("EMPLOYEES_1", "less than 50", "meno di 50"), ("EMPLOYEES_2", "50-250", "50-250"),
                    ("EMPLOYEES_3", "250-500", "250-500"), ("EMPLOYEES_4", "over 500", "oltre 500"),
                ]),
            dropdown(
                "INDUSTRY", "Industry", "Settore",
                [
                    ("IT", "Information Technology", "Informatica"), ("TELECOM", "Telecommunication", "Telecomunicazioni"),
                    ("MANUFACTURING", "Manufacturing", "Produzione"), ("BANKING", "Banking Services", "Servizi bancari"),
                    ("CONSULTING", "Consulting", "Consulenza"), ("FINANCE", "Finance", "Finanza"),
                    ("GOVERNMENT", "Government", "Pubblica amministrazione"), ("DELIVERY", "Delivery", "Consegna"),
                    ("ENTERTAINMENT", "Entertainment", "Intrattenimento"), ("NOTPROFIT", "Non-profit", "Non profit"),
                    ("OTHER", "Other", "Altro"),
                ]),
            dropdown(
                "DEAL_TYPE", "Deal type", "Tipo di affare",
                [
                    ("SALE", "Sales", "Vendita"), ("COMPLEX", "Integrated sale", "Vendita integrata"),
                    ("GOODS", "Merchandise sales", "Vendita di merci"), ("SERVICES", "Service sales", "Vendita di servizi"),
                    ("SERVICE", "After-sales service", "Assistenza post-vendita"),
                ]),
            dropdown(
                "HONORIFIC", "Salutations", "Formule di apertura",
                [
                    ("HNR_EN_1", "Mr.", "Sig."), ("HNR_EN_2", "Mrs.", "Sig.ra"), ("HNR_EN_3", "Ms.", "Sig.na"),
                    ("HNR_EN_4", "Dr.", "Dott."),
                ]),
        ]
        let pipelines = [
            Pipeline(id: 0, entityType: .deal, name: LocalizedText("General", italian: "Generale"), sort: 300, isDefault: true),
            Pipeline(
                id: defaultInvoicePipelineID, entityType: .invoice, name: LocalizedText("Invoices", italian: "Fatture"),
                sort: 500, isDefault: true),
        ]
        return Catalogs(trustedBooks: books, pipelines: pipelines, currencies: .bitrix24Defaults)
    }

    /// Bitrix24's default stages of a new deal or invoice pipeline, with a stage ID prefix (`C3:`, `DT31_1:`).
    static func defaultStages(for entityType: EntityType, prefix: String) -> [StatusEntry] {
        if entityType == .invoice {
            return stages([
                ("\(prefix)N", "New", "Nuova", "#22B9FF", .process, true),
                ("\(prefix)S", "Sent to client", "Inviata al cliente", "#8EC4F7", .process, false),
                ("\(prefix)P", "Paid", "Pagata", "#7BD500", .success, true),
                ("\(prefix)D", "Unpaid", "Non pagata", "#FF5752", .failure, true),
            ])
        }
        return stages([
            ("\(prefix)NEW", "New", "Nuovo", "#39A8EF", .process, true),
            ("\(prefix)PREPARATION", "Document preparation", "Preparazione documenti", "#2FC6F6", .process, false),
            ("\(prefix)PREPAYMENT_INVOICE", "Prepayment invoice", "Fattura di acconto", "#55D0E0", .process, false),
            ("\(prefix)EXECUTING", "In progress", "In corso", "#47E4C2", .process, false),
            ("\(prefix)FINAL_INVOICE", "Final invoice", "Fattura finale", "#FFA900", .process, false),
            ("\(prefix)WON", "Deal successful", "Affare concluso", "#7BD500", .success, true),
            ("\(prefix)LOSE", "Deal failed", "Affare perso", "#FF5752", .failure, true),
            ("\(prefix)APOLOGY", "Failure reason analysis", "Analisi dei motivi del fallimento", "#FF5752", .failure, false),
        ])
    }

    private static func stages(
        _ rows: [(String, String, String, String, StageSemantics, Bool)]
    ) -> [StatusEntry] {
        rows.enumerated().map { index, row in
            StatusEntry(
                id: StatusID(row.0), name: LocalizedText(row.1, italian: row.2), sort: (index + 1) * 10, color: row.3,
                semantics: row.4, isSystem: row.5)
        }
    }

    private static func dropdown(_ id: String, _ english: String, _ italian: String, _ rows: [(StatusID, String, String)])
        -> ReferenceBook
    {
        ReferenceBook(
            trusted: id, name: LocalizedText(english, italian: italian),
            entries: rows.enumerated().map { index, row in
                StatusEntry(id: row.0, name: LocalizedText(row.1, italian: row.2), sort: (index + 1) * 10, isSystem: true)
            }, isStageBook: false)
    }
}
