import Foundation

/// Pending work in files (format version 3 and later): in a journal frame, the change set's work writes; in a
/// snapshot, every piece of pending work.
enum PendingWorkCodec {
    private static let schedule: UInt8 = 1, finish: UInt8 = 2

    static func encode(_ writes: [ChangeSet.WorkWrite], into writer: inout BinaryWriter) {
        writer.varint(writes.count)
        for write in writes {
            switch write {
            case .schedule(let work):
                writer.u8(schedule)
                encode(work, into: &writer)
            case .finish(let id):
                writer.u8(finish)
                writer.string(id.rawValue)
            }
        }
    }

    static func decodeWrites(_ reader: inout BinaryReader) throws(FormatError) -> [ChangeSet.WorkWrite] {
        let count = try reader.count("pending work count")
        var writes: [ChangeSet.WorkWrite] = []
        for _ in 0..<count {
            let start = reader.offset
            switch try reader.u8() {
            case schedule: writes.append(.schedule(try decode(&reader)))
            case finish: writes.append(.finish(PendingWorkID(try reader.string())))
            case let kind: throw FormatError(offset: start, message: "unknown pending work write \(kind)")
            }
        }
        return writes
    }

    static func encode(_ work: PendingWork, into writer: inout BinaryWriter) {
        writer.string(work.id.rawValue)
        writer.signed(work.due.millisecondsSince1970)
        writer.u8(work.item == nil ? 0 : 1)
        if let item = work.item {
            writer.u8(item.entityType.storageCode)
            writer.signed(item.id)
        }
        writer.varint(work.attempts)
        writer.data(work.payload)
    }

    static func decode(_ reader: inout BinaryReader) throws(FormatError) -> PendingWork {
        let id = PendingWorkID(try reader.string())
        let due = Timestamp(millisecondsSince1970: try reader.signed())
        var item: ItemReference?
        if try reader.u8() != 0 { item = ItemReference(try EntityType.decode(from: &reader), try reader.signed()) }
        guard let attempts = Int(exactly: try reader.varint()) else { throw reader.failure("attempt count out of range") }
        return PendingWork(id: id, due: due, item: item, attempts: attempts, payload: Data(try reader.data()))
    }
}
