/// All reference books, pipelines and currencies of a CRM: what stage, source, type and currency values
/// are valid, in which order stages come, and what new items start with.
///
/// Start from Bitrix24's defaults and edit; every edit keeps the invariants or throws a
/// ``CatalogError`` and changes nothing:
///
/// ```swift
/// var catalogs = Catalogs.bitrix24Defaults()
/// let rentals = try catalogs.addPipeline(for: .deal, name: "Rentals")
/// catalogs.stageBook(for: .deal, pipeline: rentals.id)?.initialEntry?.id   // "C1:NEW"
/// try catalogs.removeEntry("C1:WON", from: rentals.stageBookID, force: true) // throws .successStageCount
/// ```
public struct Catalogs: Hashable, Sendable, Codable {
    /// The reference books by `ENTITY_ID`.
    public private(set) var books: [String: ReferenceBook]
    /// The pipelines of deals and invoices, ordered by sort.
    public private(set) var pipelines: [Pipeline]
    /// The currencies.
    public var currencies: CurrencyCatalog

    /// Makes catalogs from parts; throws when a pipeline's stage book is missing, or an entity type with
    /// pipelines has no single default one.
    public init(books: [ReferenceBook], pipelines: [Pipeline], currencies: CurrencyCatalog) throws(CatalogError) {
        var byID: [String: ReferenceBook] = [:]
        for book in books {
            guard byID[book.id] == nil else { throw CatalogError(.duplicateID, "reference book \(book.id) repeats") }
            byID[book.id] = book
        }
        for pipeline in pipelines where byID[pipeline.stageBookID] == nil {
            throw CatalogError(.notFound, "pipeline \(pipeline.id) has no stage book \(pipeline.stageBookID)")
        }
        for type in [EntityType.deal, .invoice] where pipelines.filter({ $0.entityType == type && $0.isDefault }).count != 1 {
            throw CatalogError(.defaultPipeline, "\(type) needs exactly one default pipeline")
        }
        self.books = byID
        self.pipelines = pipelines.sorted { ($0.sort, $0.id) < ($1.sort, $1.id) }
        self.currencies = currencies
    }

    init(trustedBooks books: [ReferenceBook], pipelines: [Pipeline], currencies: CurrencyCatalog) {
        self.books = Dictionary(uniqueKeysWithValues: books.map { ($0.id, $0) })
        self.pipelines = pipelines
        self.currencies = currencies
    }

    // MARK: Lookups

    /// The reference book with an `ENTITY_ID`.
    public func book(_ id: String) -> ReferenceBook? { books[id] }

    /// The pipelines of an entity type, ordered by sort.
    public func pipelines(for entityType: EntityType) -> [Pipeline] {
        pipelines.filter { $0.entityType == entityType }
    }

    /// A pipeline by ID.
    public func pipeline(_ id: CategoryID, for entityType: EntityType) -> Pipeline? {
        pipelines.first { $0.entityType == entityType && $0.id == id }
    }

    /// Where new deals or invoices go when no pipeline is given.
    public func defaultPipeline(for entityType: EntityType) -> Pipeline? {
        pipelines.first { $0.entityType == entityType && $0.isDefault }
    }

    /// The `ENTITY_ID` of the stages of an entity type in a pipeline: `STATUS` for leads, `QUOTE_STATUS` for
    /// quotes, the pipeline's book for deals and invoices; nil for types without stages or unknown pipelines.
    public func stageBookID(for entityType: EntityType, pipeline: CategoryID? = nil) -> String? {
        switch entityType {
        case .lead: "STATUS"
        case .quote: "QUOTE_STATUS"
        case .deal, .invoice:
            (pipeline.flatMap { self.pipeline($0, for: entityType) } ?? (pipeline == nil ? defaultPipeline(for: entityType) : nil))?
                .stageBookID
        case .contact, .company, .product: nil
        }
    }

    /// The stages of an entity type in a pipeline (the default pipeline when nil).
    public func stageBook(for entityType: EntityType, pipeline: CategoryID? = nil) -> ReferenceBook? {
        stageBookID(for: entityType, pipeline: pipeline).flatMap { books[$0] }
    }

    /// The pipeline a stage ID belongs to, found by its prefix and checked against the pipeline's book.
    public func pipeline(ofStage stage: StatusID, for entityType: EntityType) -> Pipeline? {
        pipelines(for: entityType).first { books[$0.stageBookID]?.contains(stage) == true }
    }

    // MARK: Editing

    /// Adds an entry to a reference book.
    public mutating func addEntry(_ entry: StatusEntry, to bookID: String) throws(CatalogError) {
        var book = try existingBook(bookID)
        try book.add(entry)
        books[bookID] = book
    }

    /// Replaces the entry with the same ID in a reference book.
    public mutating func updateEntry(_ entry: StatusEntry, in bookID: String) throws(CatalogError) {
        var book = try existingBook(bookID)
        try book.update(entry)
        books[bookID] = book
    }

    /// Removes an entry from a reference book; a system entry only with `force`.
    public mutating func removeEntry(_ entryID: StatusID, from bookID: String, force: Bool = false) throws(CatalogError) {
        var book = try existingBook(bookID)
        try book.remove(entryID, force: force)
        books[bookID] = book
    }

    /// Replaces all entries of a reference book at once (to reorder stages, say).
    public mutating func replaceEntries(_ entries: [StatusEntry], in bookID: String) throws(CatalogError) {
        var book = try existingBook(bookID)
        try book.replaceEntries(entries)
        books[bookID] = book
    }

    /// Adds a pipeline of deals or invoices with Bitrix24's default stages, prefixed for it; the ID is the
    /// next free one unless given. Returns the new pipeline.
    @discardableResult
    public mutating func addPipeline(
        for entityType: EntityType, id: CategoryID? = nil, name: LocalizedText, sort: Int = 100
    ) throws(CatalogError) -> Pipeline {
        guard entityType.hasPipelines else { throw CatalogError(.notFound, "\(entityType) has no pipelines") }
        let newID = id ?? CategoryID((pipelines(for: entityType).map(\.id.rawValue).max() ?? 0) + 1)
        guard pipeline(newID, for: entityType) == nil, newID.rawValue >= 0 else {
            throw CatalogError(.duplicateID, "\(entityType) pipeline \(newID) already exists")
        }
        let pipeline = Pipeline(id: newID, entityType: entityType, name: name, sort: sort)
        let stages = Catalogs.defaultStages(for: entityType, prefix: pipeline.stagePrefix ?? "")
        books[pipeline.stageBookID] = try ReferenceBook(
            id: pipeline.stageBookID, name: LocalizedText("\(name.english) stages", italian: name.italian.map { "Fasi \($0)" }),
            entries: stages, isStageBook: true, idPrefix: pipeline.stagePrefix)
        pipelines.append(pipeline)
        pipelines.sort { ($0.sort, $0.id) < ($1.sort, $1.id) }
        return pipeline
    }

    /// Renames or re-sorts a pipeline.
    public mutating func updatePipeline(_ pipeline: Pipeline) throws(CatalogError) {
        guard let index = pipelines.firstIndex(where: { $0.entityType == pipeline.entityType && $0.id == pipeline.id })
        else { throw CatalogError(.notFound, "no \(pipeline.entityType) pipeline \(pipeline.id)") }
        guard pipeline.isDefault == pipelines[index].isDefault else {
            throw CatalogError(.defaultPipeline, "the default pipeline cannot be changed this way")
        }
        pipelines[index] = pipeline
        pipelines.sort { ($0.sort, $0.id) < ($1.sort, $1.id) }
    }

    /// Removes a pipeline and its stages; the default pipeline cannot be removed.
    public mutating func removePipeline(_ id: CategoryID, for entityType: EntityType) throws(CatalogError) {
        guard let pipeline = pipeline(id, for: entityType) else {
            throw CatalogError(.notFound, "no \(entityType) pipeline \(id)")
        }
        guard !pipeline.isDefault else { throw CatalogError(.defaultPipeline, "the default pipeline cannot be removed") }
        pipelines.removeAll { $0 == pipeline }
        books[pipeline.stageBookID] = nil
    }

    private func existingBook(_ id: String) throws(CatalogError) -> ReferenceBook {
        guard let book = books[id] else { throw CatalogError(.notFound, "no reference book \(id)") }
        return book
    }
}

extension Catalogs {
    private enum CodingKeys: String, CodingKey {
        case books, pipelines, currencies
    }

    /// Decodes catalogs and checks them as ``init(books:pipelines:currencies:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            books: container.decode([ReferenceBook].self, forKey: .books),
            pipelines: container.decode([Pipeline].self, forKey: .pipelines),
            currencies: container.decode(CurrencyCatalog.self, forKey: .currencies))
    }

    /// Encodes the books ordered by ID, so equal catalogs encode to equal bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(books.values.sorted { $0.id < $1.id }, forKey: .books)
        try container.encode(pipelines, forKey: .pipelines)
        try container.encode(currencies, forKey: .currencies)
    }
}
