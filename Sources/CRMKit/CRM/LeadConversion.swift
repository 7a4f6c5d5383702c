/// What converting a lead created: a contact, a company and a deal (each when asked for), and the lead as
/// it is now, in its success stage and linked to them.
public struct LeadConversion: Hashable, Sendable {
    /// The contact made from the lead's person, if one was created.
    public var contact: Versioned<Contact>?
    /// The company made from the lead's company name, if one was created.
    public var company: Versioned<Company>?
    /// The deal made from the lead's title, amount and products, if one was created.
    public var deal: Versioned<Deal>?
    /// The lead, converted.
    public var lead: Versioned<Lead>
}

extension Session {
    /// Converts a lead the way Bitrix24 does: creates a contact from its person, a company from its company
    /// name (when it has one), and a deal from its title, amount and products, all linked to each other and
    /// to the lead; then moves the lead to its success stage, linked to the new contact and company.
    ///
    /// Every right the conversion needs (WRITE and TRANSITION on the lead, ADD for each new item) is checked
    /// before anything is created; then each item goes through the save pipeline. The steps are separate
    /// commits, so a failure part-way (a validation error, a conflict) leaves the items already created and the
    /// lead unconverted.
    ///
    /// ```swift
    /// let result = try await session.convertLead(leadID)
    /// result.deal?.item.contactIDs    // [the new contact's ID]
    /// result.lead.item.stageID        // "CONVERTED"
    /// ```
    public func convertLead(
        _ id: ItemID<Lead>, createContact: Bool = true, createCompany: Bool = true, createDeal: Bool = true,
        dealPipeline: CategoryID? = nil
    ) async throws -> LeadConversion {
        let stored = try await get(id)
        let lead = stored.item
        let book = workspace.catalogs.stageBook(for: .lead)
        if let stage = lead.stageID, book?.entry(stage)?.semantics?.isFinal == true {
            throw ValidationError(.immutable, field: "STATUS_ID", "lead \(id) is already in the final stage \(stage)")
        }
        guard let success = book?.successEntry?.id else {
            throw ValidationError(.notInCatalog, field: "STATUS_ID", "the lead stages have no success stage")
        }
        // Every right the conversion needs is checked before anything is created.
        let pipeline = SavePipeline(workspace: workspace, user: user, source: source)
        let leadSubject = AccessSubject(lead)
        let willCreateContact = createContact && (lead.name != nil || lead.lastName != nil)
        let willCreateCompany = createCompany && lead.companyTitle != nil
        let dealPipelineID = dealPipeline ?? workspace.catalogs.defaultPipeline(for: .deal)?.id ?? 0
        var planned: [AccessSubject] = []
        if willCreateContact { planned.append(AccessSubject(entityType: .contact, responsible: lead.assignedByID)) }
        if willCreateCompany { planned.append(AccessSubject(entityType: .company, responsible: lead.assignedByID)) }
        if createDeal {
            planned.append(
                AccessSubject(
                    entityType: .deal, pipeline: dealPipelineID,
                    stage: workspace.catalogs.stageBook(for: .deal, pipeline: dealPipelineID)?.initialEntry?.id,
                    responsible: lead.assignedByID))
        }
        for subject in planned { _ = try pipeline.authorize(.add, subject) }
        _ = try pipeline.authorize(.write, leadSubject)
        _ = try pipeline.authorize(.transition, leadSubject, targetStage: success)

        var contact: Versioned<Contact>?
        if willCreateContact {
            var input = Contact()
            input.honorific = lead.honorific
            input.name = lead.name
            input.secondName = lead.secondName
            input.lastName = lead.lastName
            input.birthDate = lead.birthDate
            input.position = lead.position
            input.address = lead.address
            input.phones = lead.phones.map { Multifield(value: $0.value, valueType: $0.valueType) }
            input.emails = lead.emails.map { Multifield(value: $0.value, valueType: $0.valueType) }
            input.websites = lead.websites.map { Multifield(value: $0.value, valueType: $0.valueType) }
            input.messengers = lead.messengers.map { Multifield(value: $0.value, valueType: $0.valueType) }
            input.sourceID = lead.sourceID
            input.sourceDescription = lead.sourceDescription
            input.assignedByID = lead.assignedByID
            input.utm = lead.utm
            input.leadID = lead.id
            contact = try await create(input, allowing: ["LEAD_ID"])
        }
        var company: Versioned<Company>?
        if willCreateCompany, let title = lead.companyTitle {
            var input = Company()
            input.title = title
            input.assignedByID = lead.assignedByID
            input.contactIDs = contact.map { [$0.item.id] } ?? []
            input.utm = lead.utm
            input.leadID = lead.id
            company = try await create(input, allowing: ["LEAD_ID"])
        }
        var deal: Versioned<Deal>?
        if createDeal {
            var input = Deal()
            input.title = lead.title
            input.categoryID = dealPipelineID
            input.opportunity = lead.opportunity
            input.currencyID = lead.currencyID
            input.isManualOpportunity = lead.isManualOpportunity
            input.productRows = lead.productRows.map { row in
                var copy = row
                copy.id = nil
                return copy
            }
            input.sourceID = lead.sourceID
            input.sourceDescription = lead.sourceDescription
            input.assignedByID = lead.assignedByID
            input.comments = lead.comments
            input.contactIDs = contact.map { [$0.item.id] } ?? []
            input.contactID = contact?.item.id
            input.companyID = company?.item.id
            input.observerIDs = lead.observerIDs
            input.utm = lead.utm
            input.leadID = lead.id
            deal = try await create(input, allowing: ["LEAD_ID"])
        }
        var converted = stored
        converted.item.stageID = success
        if let contact {
            converted.item.contactIDs = [contact.item.id]
            converted.item.contactID = contact.item.id
        }
        if let company { converted.item.companyID = company.item.id }
        let updated = try await update(converted)
        return LeadConversion(contact: contact, company: company, deal: deal, lead: updated)
    }
}
