import Foundation

/// What one journal frame holds: a committed change set with the revisions it produced, and the ID
/// high-water marks at that moment, so replay rebuilds the state exactly and no ID is handed out twice.
struct JournalEntry: Sendable {
    var changes: ChangeSet
    var revisions: [ItemReference: Int64]
    var lastIDs: [EntityType: Int64]

    private static let kind: UInt8 = 1

    func encode() -> [UInt8] {
        var writer = BinaryWriter(capacity: 512)
        writer.u8(Self.kind)
        writer.varint(changes.writes.count)
        for write in changes.writes {
            let reference = write.reference
            switch write {
            case .create(let item), .update(let item, _):
                writer.u8(write.isCreate ? 1 : 2)
                writer.u8(reference.entityType.storageCode)
                writer.varint(UInt64(revisions[reference] ?? 1))
                RecordCodec.encode(item, into: &writer)
            case .delete:
                writer.u8(3)
                writer.u8(reference.entityType.storageCode)
                writer.signed(reference.id)
            }
        }
        TimelineCodec.encode(changes.timeline, into: &writer)
        writer.varint(changes.configuration.count)
        for key in changes.configuration.keys.sorted() {
            writer.string(key.rawValue)
            writer.data(changes.configuration[key] ?? Data())
        }
        writer.varint(lastIDs.count)
        for type in EntityType.allCases {
            guard let id = lastIDs[type] else { continue }
            writer.u8(type.storageCode)
            writer.signed(id)
        }
        PendingWorkCodec.encode(changes.work, into: &writer)
        return writer.bytes
    }

    static func decode(
        _ reader: inout BinaryReader, dictionary: FieldDictionary, version: UInt32
    ) throws(FormatError) -> JournalEntry {
        guard try reader.u8() == kind else { throw reader.failure("not a commit frame") }
        var changes = ChangeSet()
        var revisions: [ItemReference: Int64] = [:]
        let writeCount = try reader.count("write count")
        for _ in 0..<writeCount {
            let operation = try reader.u8()
            let type = try EntityType.decode(from: &reader)
            switch operation {
            case 1, 2:
                guard let revision = Int64(exactly: try reader.varint()), revision > 0 else { throw reader.failure("revision out of range") }
                let item = try RecordCodec.decode(type, from: &reader, dictionary: dictionary)
                revisions[item.reference] = revision
                changes.writes.append(operation == 1 ? .create(item) : .update(item, expectedRevision: revision - 1))
            case 3:
                let id = try reader.signed()
                changes.writes.append(.delete(ItemReference(type, id), expectedRevision: 0))
            default:
                throw reader.failure("unknown write kind \(operation)")
            }
        }
        changes.timeline = try TimelineCodec.decode(&reader, version: version)
        let configurationCount = try reader.count("configuration count")
        for _ in 0..<configurationCount {
            let key = ConfigurationKey(try reader.string())
            changes.configuration[key] = Data(try reader.data())
        }
        var lastIDs: [EntityType: Int64] = [:]
        let idCount = try reader.count("ID count")
        for _ in 0..<idCount {
            let type = try EntityType.decode(from: &reader)
            lastIDs[type] = try reader.signed()
        }
        if version >= 3 { changes.work = try PendingWorkCodec.decodeWrites(&reader) }
        guard reader.isAtEnd else { throw reader.failure("unexpected bytes after the commit") }
        return JournalEntry(changes: changes, revisions: revisions, lastIDs: lastIDs)
    }
}

extension ChangeSet.Write {
    var isCreate: Bool {
        if case .create = self { return true }
        return false
    }
}
