/// A reference book (`crm.status` entity): its ID (`SOURCE`, `DEAL_STAGE_3`), name and entries, ordered by
/// sort.
///
/// Stage books (lead and quote stages, each pipeline's stages) keep Bitrix24's invariants: exactly one
/// success stage, at least one failure stage, at least one in-process stage, final stages after in-process
/// ones, and, for pipelines other than the default, IDs with the pipeline's prefix (`C3:`, `DT31_5:`).
///
/// ```swift
/// let stages = catalogs.book("DEAL_STAGE")!
/// stages.initialEntry?.id          // "NEW"
/// stages.entry("WON")?.semantics   // .success
/// ```
public struct ReferenceBook: Hashable, Sendable, Codable {
    /// The book's `ENTITY_ID`.
    public let id: String
    /// The book's name.
    public var name: LocalizedText
    /// The prefix every entry ID must start with (`C3:`), or nil.
    public let idPrefix: String?
    /// Whether the book holds stages (with semantics) rather than dropdown entries.
    public let isStageBook: Bool
    /// The entries, ordered by sort.
    public private(set) var entries: [StatusEntry]

    /// Makes a book; throws when the entries break its invariants.
    public init(
        id: String, name: LocalizedText, entries: [StatusEntry], isStageBook: Bool = false, idPrefix: String? = nil
    ) throws(CatalogError) {
        self.id = id
        self.name = name
        self.isStageBook = isStageBook
        self.idPrefix = idPrefix
        self.entries = []
        try replaceEntries(entries)
    }

    /// A book whose entries are known to be valid (the built-in defaults; tests re-check them).
    init(trusted id: String, name: LocalizedText, entries: [StatusEntry], isStageBook: Bool, idPrefix: String? = nil) {
        self.id = id
        self.name = name
        self.isStageBook = isStageBook
        self.idPrefix = idPrefix
        self.entries = entries.sorted { $0.sort < $1.sort }
    }

    /// The entry with an ID.
    public func entry(_ id: StatusID) -> StatusEntry? { entries.first { $0.id == id } }

    /// Whether an entry has this ID.
    public func contains(_ id: StatusID) -> Bool { entry(id) != nil }

    /// The first in-process stage: where new items start.
    public var initialEntry: StatusEntry? {
        isStageBook ? entries.first { $0.semantics == .process } : entries.first
    }

    /// The success stage.
    public var successEntry: StatusEntry? { entries.first { $0.semantics == .success } }

    /// Adds an entry; throws ``CatalogError/Code-swift.struct/duplicateID`` or an invariant error.
    public mutating func add(_ entry: StatusEntry) throws(CatalogError) {
        guard !contains(entry.id) else { throw CatalogError(.duplicateID, "\(id) already has an entry \(entry.id)") }
        try replaceEntries(entries + [entry])
    }

    /// Replaces the entry with the same ID.
    public mutating func update(_ entry: StatusEntry) throws(CatalogError) {
        guard let index = entries.firstIndex(where: { $0.id == entry.id }) else {
            throw CatalogError(.notFound, "\(id) has no entry \(entry.id)")
        }
        var updated = entries
        updated[index] = entry
        try replaceEntries(updated)
    }

    /// Removes an entry; a system entry only with `force`.
    public mutating func remove(_ entryID: StatusID, force: Bool = false) throws(CatalogError) {
        guard let entry = entry(entryID) else { throw CatalogError(.notFound, "\(id) has no entry \(entryID)") }
        guard !entry.isSystem || force else {
            throw CatalogError(.systemEntry, "\(entryID) is a system entry of \(id); remove it with force")
        }
        try replaceEntries(entries.filter { $0.id != entryID })
    }

    /// Replaces all entries at once (the new list is sorted by sort, then checked).
    public mutating func replaceEntries(_ newEntries: [StatusEntry]) throws(CatalogError) {
        let sorted = newEntries.enumerated().sorted { ($0.element.sort, $0.offset) < ($1.element.sort, $1.offset) }
            .map(\.element)
        try check(sorted)
        entries = sorted
    }

    private func check(_ entries: [StatusEntry]) throws(CatalogError) {
        var seen = Set<StatusID>()
        for entry in entries {
            guard !entry.id.rawValue.isEmpty, !entry.name.english.isEmpty else {
                throw CatalogError(.invalidID, "\(id) entries need an ID and a name")
            }
            guard seen.insert(entry.id).inserted else { throw CatalogError(.duplicateID, "\(id) repeats \(entry.id)") }
            if let idPrefix, !entry.id.rawValue.hasPrefix(idPrefix) {
                throw CatalogError(.invalidID, "\(entry.id) must start with \(idPrefix) in \(id)")
            }
            guard (entry.semantics != nil) == isStageBook else {
                throw CatalogError(
                    .invalidSemantics,
                    isStageBook ? "stage \(entry.id) of \(id) needs semantics" : "\(entry.id) of \(id) is not a stage")
            }
        }
        guard isStageBook else { return }
        let successCount = entries.filter { $0.semantics == .success }.count
        guard successCount == 1 else {
            throw CatalogError(.successStageCount, "\(id) must have exactly one success stage, not \(successCount)")
        }
        guard entries.contains(where: { $0.semantics == .failure }) else {
            throw CatalogError(.missingFailureStage, "\(id) must have at least one failure stage")
        }
        guard let lastInProcess = entries.lastIndex(where: { $0.semantics == .process }) else {
            throw CatalogError(.missingInitialStage, "\(id) must have at least one in-process stage")
        }
        if let firstFinal = entries.firstIndex(where: { $0.semantics?.isFinal == true }), firstFinal < lastInProcess {
            throw CatalogError(
                .finalStageOrder,
                "final stage \(entries[firstFinal].id) of \(id) sorts before in-process stage \(entries[lastInProcess].id)")
        }
    }
}

extension ReferenceBook {
    private enum CodingKeys: String, CodingKey {
        case id, name, idPrefix, isStageBook, entries
    }

    /// Decodes a book and checks its invariants: a stored book that breaks them is refused, not trusted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: container.decode(String.self, forKey: .id), name: container.decode(LocalizedText.self, forKey: .name),
            entries: container.decode([StatusEntry].self, forKey: .entries),
            isStageBook: container.decode(Bool.self, forKey: .isStageBook),
            idPrefix: container.decodeIfPresent(String.self, forKey: .idPrefix))
    }
}
