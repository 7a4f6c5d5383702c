import CRMKit
import CRMKitStoreContract
import Foundation
import Testing

/// Everything a store answers about a known set of items, timelines and configuration documents, so two
/// stores (or one store before and after reopening) can be compared as values.
struct StoreImage: Equatable, CustomStringConvertible {
    /// A full query per entity type, ordered by ID.
    var listed: [EntityType: QueryResult] = [:]
    /// `load` of every reference asked about (nil for a missing item).
    var loaded: [ItemReference: Versioned<AnyItem>?] = [:]
    /// The timeline of every reference asked about.
    var timelines: [ItemReference: [TimelineRecord]] = [:]
    /// Every configuration document asked about (nil for a missing one).
    var configuration: [ConfigurationKey: Data?] = [:]

    static let entityTypes: [EntityType] = [.deal, .lead]

    /// Captures what a store answers.
    static func capture(
        _ store: any CRMStore, references: some Sequence<ItemReference>, keys: some Sequence<ConfigurationKey>,
        types: [EntityType] = entityTypes
    ) async throws -> StoreImage {
        var image = StoreImage()
        for type in types { image.listed[type] = try await store.query(Query(type, order: [.ascending("ID")])) }
        for reference in references {
            image.loaded[reference] = .some(try await store.load(reference))
            image.timelines[reference] = try await store.timeline(of: reference)
        }
        for key in keys { image.configuration[key] = .some(try await store.configuration(key)) }
        return image
    }

    /// The number of items listed.
    var itemCount: Int { listed.values.reduce(0) { $0 + $1.items.count } }

    var description: String {
        let counts = listed.keys.sorted { $0.rawValue < $1.rawValue }.map { "\($0): \(listed[$0]?.items.count ?? 0)" }
        return "StoreImage(\(counts.joined(separator: ", ")), \(timelines.values.reduce(0) { $0 + $1.count }) lines, "
            + "\(configuration.values.compactMap { $0 }.count) documents)"
    }

    /// The first difference from another image, for failure messages.
    func difference(from other: StoreImage) -> String {
        for type in Set(listed.keys).union(other.listed.keys).sorted(by: { $0.rawValue < $1.rawValue }) {
            let mine = listed[type], theirs = other.listed[type]
            guard mine != theirs else { continue }
            if mine?.total != theirs?.total { return "\(type) total \(mine?.total ?? -1) vs \(theirs?.total ?? -1)" }
            for (left, right) in zip(mine?.items ?? [], theirs?.items ?? []) where left != right {
                return "\(type) \(left.item.id): \(left) vs \(right)"
            }
            return "\(type) listing differs"
        }
        for reference in Set(loaded.keys).union(other.loaded.keys).sorted() where loaded[reference] != other.loaded[reference] {
            return "load \(reference): \(String(describing: loaded[reference])) vs \(String(describing: other.loaded[reference]))"
        }
        for reference in Set(timelines.keys).union(other.timelines.keys).sorted()
        where timelines[reference] != other.timelines[reference] {
            return "timeline \(reference): \(timelines[reference]?.count ?? -1) vs \(other.timelines[reference]?.count ?? -1) lines"
        }
        for key in Set(configuration.keys).union(other.configuration.keys).sorted(by: { $0.rawValue < $1.rawValue })
        where configuration[key] != other.configuration[key] {
            return "configuration \(key.rawValue) differs"
        }
        return "no difference"
    }
}

/// Byte-level access to a file store's directory, for tests that damage, cut or copy its files.
enum StoreFiles {
    static func journal(_ directory: String) -> String { directory + "/journal" }
    static func snapshot(_ directory: String) -> String { directory + "/snapshot" }

    static func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func size(_ path: String) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? -1
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The permission bits of a file.
    static func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }

    /// Copies a (closed) store directory to a path that does not exist yet.
    static func copyStore(from source: String, to destination: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: destination)
    }

    /// Cuts a file to `length` bytes.
    static func truncate(_ path: String, to length: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(length))
    }

    /// The size of a journal or snapshot header: magic, version, sequence, length-prefixed dictionary, CRC.
    static func headerSize(_ bytes: [UInt8]) -> Int {
        var position = 8 + 4 + 8
        var length = 0
        var shift = 0
        while true {
            let byte = bytes[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return position + length + 4
    }

    static func u32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << UInt32($1 * 8) }
    }

    static func putU32(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt32(index * 8)) }
    }

    /// The start offsets of the frames after the header, then the end of the last one.
    static func frameBoundaries(_ bytes: [UInt8]) -> [Int] {
        var offset = headerSize(bytes)
        var boundaries = [offset]
        while offset + 16 <= bytes.count {
            offset += 16 + Int(u32(bytes, at: offset))
            boundaries.append(offset)
        }
        return boundaries
    }

    /// CRC-32C (Castagnoli), bit by bit: the format's checksum, so a test can write a well-formed header.
    static func crc32c(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}

/// The StoreError a throwing body threw, or nil when it did not throw; any other error is recorded as an issue.
func storeError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> StoreError? {
    do {
        try body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Opens a store, returning the error it throws (nil when it opened; the store is then closed).
func openFailure(_ directory: String, sourceLocation: SourceLocation = #_sourceLocation) -> StoreError? {
    storeError(sourceLocation: sourceLocation) {
        let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none))
        store.close()
    }
}

extension SeededGenerator {
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &self)] }
}

/// Random but deterministic CRM content for store tests.
enum RandomContent {
    static let words = ["acme", "Rossi & Figli", "Ünïcødé", "東京", "line\nbreak", "tab\there", "quote \"q\"", "", "x", "🙂 emoji"]

    static func text(_ random: inout SeededGenerator) -> String {
        (0..<random.int(1...3)).map { _ in random.pick(words) }.joined(separator: " ")
    }

    static func decimal(_ random: inout SeededGenerator) -> Decimal {
        let cents = random.int(-100_000...10_000_000)
        let text = "\(cents / 100).\(String(format: "%02d", abs(cents % 100)))"
        return Decimal(string: cents < 0 && cents > -100 ? "-" + text : text) ?? 0
    }

    static func timestamp(_ random: inout SeededGenerator) -> Timestamp {
        Timestamp(millisecondsSince1970: Int64(random.int(1_600_000_000_000...1_800_000_000_000)))
    }

    static func date(_ random: inout SeededGenerator) -> CalendarDate {
        CalendarDate(daysSince1970: Int64(random.int(18_000...22_000)))
    }

    static func fieldValue(_ random: inout SeededGenerator, depth: Int = 0) -> FieldValue {
        switch random.int(0...(depth == 0 ? 9 : 8)) {
        case 0: .string(text(&random))
        case 1: .integer(Int64(random.int(-1_000_000...1_000_000)))
        case 2: .decimal(decimal(&random))
        case 3: .bool(random.chance(0.5))
        case 4: .date(date(&random))
        case 5: .dateTime(timestamp(&random))
        case 6: .money(Money(minorUnits: Int64(random.int(0...99_999_999)), currency: random.pick(["EUR", "USD", "RUB"])))
        case 7: .multifield(Multifield(id: random.chance(0.5) ? Int64(random.int(1...999)) : nil, value: "+39 02 \(random.int(1000...9999))", valueType: "WORK"))
        case 8: .file(FileReference(id: Int64(random.int(1...500)), name: "doc\(random.int(1...9)).pdf", url: "https://files.example/\(random.int(1...99))"))
        default: .list((0..<random.int(1...3)).map { _ in fieldValue(&random, depth: depth + 1) })
        }
    }

    static func customFields(_ random: inout SeededGenerator) -> [FieldCode: FieldValue] {
        var fields: [FieldCode: FieldValue] = [:]
        for _ in 0..<random.int(0...3) { fields[FieldCode("UF_CRM_\(random.pick(["REGION", "SCORE", "NOTE", "TAGS", "DUE"]))")] = fieldValue(&random) }
        return fields
    }

    static func productRows(_ random: inout SeededGenerator) -> [ProductRow] {
        (0..<random.int(0...2)).map { index in
            ProductRow(
                id: random.chance(0.5) ? Int64(random.int(1...999)) : nil,
                productID: random.chance(0.5) ? ItemID(Int64(random.int(1...50))) : nil, name: text(&random),
                price: decimal(&random), quantity: Decimal(random.int(1...20)),
                discount: random.pick([.none, .rate(Decimal(random.int(1...50))), .amount(Decimal(random.int(1...9)))]),
                taxRate: random.chance(0.5) ? Decimal(random.int(0...22)) : nil, isTaxIncluded: random.chance(0.5),
                sort: 10 * (index + 1))
        }
    }

    static let dealStages: [StatusID] = ["NEW", "PREPARATION", "EXECUTING", "WON", "LOSE"]
    static let leadStages: [StatusID] = ["NEW", "IN_PROCESS", "CONVERTED", "JUNK"]

    /// Changes one random field of a deal (sometimes clearing it).
    static func mutate(_ deal: inout Deal, _ random: inout SeededGenerator) {
        let clear = random.chance(0.2)
        switch random.int(0...13) {
        case 0: deal.title = clear ? nil : text(&random)
        case 1: deal.stageID = clear ? nil : random.pick(dealStages)
        case 2: deal.opportunity = clear ? nil : decimal(&random)
        case 3: deal.currencyID = clear ? nil : random.pick(["EUR", "USD", "RUB"])
        case 4: deal.assignedByID = clear ? nil : UserID(Int64(random.int(1...6)))
        case 5: deal.companyID = clear ? nil : ItemID(Int64(random.int(1...30)))
        case 6: deal.contactIDs = clear ? [] : (0..<random.int(1...3)).map { _ in ItemID(Int64(random.int(1...40))) }
        case 7: deal.closeDate = clear ? nil : date(&random)
        case 8: deal.createdTime = clear ? nil : timestamp(&random)
        case 9: deal.probability = clear ? nil : random.int(0...100)
        case 10: deal.comments = clear ? nil : text(&random)
        case 11: deal.isClosed = random.chance(0.5)
        case 12: deal.customFields = clear ? [:] : customFields(&random)
        default: deal.productRows = clear ? [] : productRows(&random)
        }
    }

    /// Changes one random field of a lead (sometimes clearing it).
    static func mutate(_ lead: inout Lead, _ random: inout SeededGenerator) {
        let clear = random.chance(0.2)
        switch random.int(0...11) {
        case 0: lead.title = clear ? nil : text(&random)
        case 1: lead.name = clear ? nil : text(&random)
        case 2: lead.lastName = clear ? nil : text(&random)
        case 3: lead.stageID = clear ? nil : random.pick(leadStages)
        case 4: lead.opportunity = clear ? nil : decimal(&random)
        case 5: lead.assignedByID = clear ? nil : UserID(Int64(random.int(1...6)))
        case 6: lead.phones = clear ? [] : [Multifield(value: "+1 555 \(random.int(1000...9999))", valueType: random.pick(["WORK", "MOBILE"]))]
        case 7: lead.emails = clear ? [] : [Multifield(id: Int64(random.int(1...99)), value: "lead\(random.int(1...99))@example.com")]
        case 8: lead.birthDate = clear ? nil : date(&random)
        case 9: lead.address.city = clear ? nil : random.pick(["Milano", "Berlin", "Zürich"])
        case 10: lead.customFields = clear ? [:] : customFields(&random)
        default: lead.comments = clear ? nil : text(&random)
        }
    }

    static func deal(_ id: Int64, _ random: inout SeededGenerator) -> Deal {
        var deal = Deal()
        deal.id = ItemID(id)
        deal.title = "Deal \(id)"
        for _ in 0..<random.int(0...6) { mutate(&deal, &random) }
        return deal
    }

    static func lead(_ id: Int64, _ random: inout SeededGenerator) -> Lead {
        var lead = Lead()
        lead.id = ItemID(id)
        lead.title = "Lead \(id)"
        for _ in 0..<random.int(0...6) { mutate(&lead, &random) }
        return lead
    }

    static func item(_ type: EntityType, _ id: Int64, _ random: inout SeededGenerator) -> AnyItem {
        type == .deal ? .deal(deal(id, &random)) : .lead(lead(id, &random))
    }

    /// The item with one to three fields changed.
    static func mutated(_ item: AnyItem, _ random: inout SeededGenerator) -> AnyItem {
        switch item {
        case .deal(var deal):
            for _ in 0..<random.int(1...3) { mutate(&deal, &random) }
            return .deal(deal)
        case .lead(var lead):
            for _ in 0..<random.int(1...3) { mutate(&lead, &random) }
            return .lead(lead)
        default:
            return item
        }
    }

    static func timelineRecord(_ item: ItemReference, _ random: inout SeededGenerator) -> TimelineRecord {
        let time = timestamp(&random)
        let actor = UserID(Int64(random.int(1...6)))
        switch random.int(0...5) {
        case 0:
            return TimelineRecord(item: item, entry: .event(TimelineEvent(kind: .comment(text: text(&random)), time: time, author: actor)))
        case 1:
            return TimelineRecord(
                item: item, entry: .event(TimelineEvent(kind: .call(direction: .incoming, outcome: .missed, durationSeconds: random.int(0...600)))))
        case 2:
            return TimelineRecord(
                item: item,
                entry: .event(TimelineEvent(kind: .email(direction: .outgoing, subject: text(&random), address: "a@example.com"), time: time)))
        case 3:
            return TimelineRecord(
                item: item,
                entry: .stageChange(
                    StageChange(
                        kind: .moved, time: time, actor: actor, fromStage: "NEW", toStage: random.pick(dealStages), fromPipeline: 0,
                        toPipeline: 0, semantics: .process, source: .user)))
        case 4:
            return TimelineRecord(
                item: item,
                entry: .fieldChange(
                    FieldChange(field: "TITLE", oldValue: .string(text(&random)), newValue: fieldValue(&random), actor: actor, time: time, source: .user)))
        default:
            return TimelineRecord(item: item, entry: .event(TimelineEvent(kind: .openChannelMessage(author: .client, text: text(&random)), time: time)))
        }
    }

    static func document(_ random: inout SeededGenerator) -> Data {
        if random.chance(0.1) { return Data() }
        return Data((0..<random.int(1...200)).map { _ in UInt8.random(in: 0...255, using: &random) })
    }
}

/// A scripted history for damage tests: every commit is deterministic, and the store image after each
/// commit is kept, so a damaged store can be compared with "the state after commit N".
struct ScriptedHistory {
    /// The references and configuration keys the script touches.
    var references: Set<ItemReference> = []
    var keys: Set<ConfigurationKey> = []
    /// The image after each commit; `images[0]` is the empty store.
    var images: [StoreImage] = []
    /// The journal size after each commit (reset by compaction); `journalEnds[s]` is after commit s.
    var journalEnds: [Int64] = []
    /// The sequence the last compaction saved in the snapshot.
    var snapshotSequence: UInt64 = 0

    static let changeSets: [ChangeSet] = {
        var random = SeededGenerator(seed: 0xDA3A_6E)
        var sets: [ChangeSet] = []
        var revisions: [ItemReference: (item: AnyItem, revision: Int64)] = [:]
        var nextID: [EntityType: Int64] = [.deal: 1, .lead: 1]
        for index in 0..<12 {
            var changes = ChangeSet()
            for _ in 0..<random.int(1...3) {
                let type: EntityType = random.chance(0.6) ? .deal : .lead
                let existing = revisions.keys.filter { $0.entityType == type }.sorted()
                if existing.isEmpty || random.chance(0.5) {
                    let id = nextID[type] ?? 1
                    nextID[type] = id + 1
                    let item = RandomContent.item(type, id, &random)
                    changes.writes.append(.create(item))
                    revisions[item.reference] = (item, 1)
                } else {
                    let reference = random.pick(existing)
                    guard let current = revisions[reference] else { continue }
                    if random.chance(0.2) {
                        changes.writes.append(.delete(reference, expectedRevision: current.revision))
                        revisions[reference] = nil
                    } else {
                        let item = RandomContent.mutated(current.item, &random)
                        changes.writes.append(.update(item, expectedRevision: current.revision))
                        revisions[reference] = (item, current.revision + 1)
                    }
                }
            }
            if index % 2 == 0 { changes.timeline.append(RandomContent.timelineRecord(ItemReference(.deal, 1), &random)) }
            if index % 3 == 0 { changes.configuration[ConfigurationKey("doc\(index % 4)")] = RandomContent.document(&random) }
            sets.append(changes)
        }
        return sets
    }()

    /// Builds a store at `directory` from the first `commits` change sets (with `.none` durability), compacting
    /// after commit `compactAfter` when given, and closes it.
    static func build(at directory: String, commits: Int, compactAfter: Int? = nil) async throws -> ScriptedHistory {
        var history = ScriptedHistory()
        for changes in changeSets.prefix(commits) {
            history.references.formUnion(changes.writes.map(\.reference))
            history.references.formUnion(changes.timeline.map(\.item))
            history.keys.formUnion(changes.configuration.keys)
        }
        let store = try FileStore.open(at: directory, options: FileStoreOptions(durability: .none, automaticCompaction: false))
        defer { store.close() }
        history.images.append(try await history.image(of: store))
        history.journalEnds.append(store.fileSizes.journal)
        for (index, changes) in changeSets.prefix(commits).enumerated() {
            for write in changes.writes {
                if case .create(let item) = write {
                    while try await store.allocateID(for: item.entityType) < item.id {}
                }
            }
            let receipt = try await store.commit(changes)
            #expect(receipt.sequence == UInt64(index + 1))
            history.images.append(try await history.image(of: store))
            if index + 1 == compactAfter {
                try store.compact()
                history.snapshotSequence = receipt.sequence
            }
            history.journalEnds.append(store.fileSizes.journal)
        }
        return history
    }

    func image(of store: any CRMStore) async throws -> StoreImage {
        try await StoreImage.capture(store, references: references, keys: keys)
    }
}
