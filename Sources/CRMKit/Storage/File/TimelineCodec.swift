import Foundation

/// Timeline lines in files: a count, then each line. Format version 2 writes them in binary; version 1 wrote
/// each as length-prefixed JSON, which is still read; version 3 adds the automation cause of history lines.
enum TimelineCodec {
    private static let event: UInt8 = 1, stageChange: UInt8 = 2, fieldChange: UInt8 = 3
    private static let sources: [ChangeSource] = [.user, .automation, .import, .system]

    static func encode(_ records: [TimelineRecord], into writer: inout BinaryWriter) {
        writer.varint(records.count)
        for record in records {
            writer.u8(record.item.entityType.storageCode)
            writer.signed(record.item.id)
            switch record.entry {
            case .event(let line):
                writer.u8(event)
                encode(line, into: &writer)
            case .stageChange(let change):
                writer.u8(stageChange)
                writer.varint(UInt64(change.kind.rawValue))
                writer.signed(change.time.millisecondsSince1970)
                writer.signed(change.actor.rawValue)
                writer.string(change.fromStage?.rawValue ?? "")
                writer.string(change.toStage.rawValue)
                writer.signed(change.fromPipeline?.rawValue ?? -1)
                writer.signed(change.toPipeline?.rawValue ?? -1)
                writer.string(change.semantics.rawValue)
                writer.u8(source(change.source))
                encode(change.cause, into: &writer)
            case .fieldChange(let change):
                writer.u8(fieldChange)
                writer.string(change.field.rawValue)
                RecordCodec.encode(change.oldValue, into: &writer)
                RecordCodec.encode(change.newValue, into: &writer)
                writer.signed(change.actor.rawValue)
                writer.signed(change.time.millisecondsSince1970)
                writer.u8(source(change.source))
                encode(change.cause, into: &writer)
            }
        }
    }

    static func decode(_ reader: inout BinaryReader, version: UInt32) throws(FormatError) -> [TimelineRecord] {
        let count = try reader.count("timeline count")
        var records: [TimelineRecord] = []
        records.reserveCapacity(count)
        if version < 2 {
            let decoder = JSONDecoder()
            for _ in 0..<count {
                let start = reader.offset
                let bytes = try reader.data()
                guard let record = try? decoder.decode(TimelineRecord.self, from: Data(bytes)) else {
                    throw FormatError(offset: start, message: "a timeline line does not decode")
                }
                records.append(record)
            }
            return records
        }
        for _ in 0..<count { records.append(try decodeRecord(&reader, version: version)) }
        return records
    }

    private static func decodeRecord(_ reader: inout BinaryReader, version: UInt32) throws(FormatError) -> TimelineRecord {
        let item = ItemReference(try EntityType.decode(from: &reader), try reader.signed())
        let start = reader.offset
        switch try reader.u8() {
        case event:
            return TimelineRecord(item: item, entry: .event(try decodeEvent(&reader)))
        case stageChange:
            let kindStart = reader.offset
            guard let raw = Int(exactly: try reader.varint()), let kind = StageChange.Kind(rawValue: raw) else {
                throw FormatError(offset: kindStart, message: "unknown stage change kind")
            }
            let time = Timestamp(millisecondsSince1970: try reader.signed())
            let actor = UserID(try reader.signed())
            let from = try reader.string()
            let to = StatusID(try reader.string())
            let fromPipeline = try reader.signed()
            let toPipeline = try reader.signed()
            let semanticsStart = reader.offset
            guard let semantics = StageSemantics(rawValue: try reader.string()) else {
                throw FormatError(offset: semanticsStart, message: "unknown stage semantics")
            }
            let change = StageChange(
                kind: kind, time: time, actor: actor, fromStage: from.isEmpty ? nil : StatusID(from), toStage: to,
                fromPipeline: fromPipeline < 0 ? nil : CategoryID(fromPipeline), toPipeline: toPipeline < 0 ? nil : CategoryID(toPipeline),
                semantics: semantics, source: try source(&reader), cause: version >= 3 ? try cause(&reader) : nil)
            return TimelineRecord(item: item, entry: .stageChange(change))
        case fieldChange:
            let field = FieldCode(try reader.string())
            let old = try RecordCodec.decodeValue(from: &reader)
            let new = try RecordCodec.decodeValue(from: &reader)
            let actor = UserID(try reader.signed())
            let time = Timestamp(millisecondsSince1970: try reader.signed())
            let change = FieldChange(
                field: field, oldValue: old, newValue: new, actor: actor, time: time, source: try source(&reader),
                cause: version >= 3 ? try cause(&reader) : nil)
            return TimelineRecord(item: item, entry: .fieldChange(change))
        case let kind:
            throw FormatError(offset: start, message: "unknown timeline line kind \(kind)")
        }
    }

    // MARK: Events

    private static let comment: UInt8 = 1, email: UInt8 = 2, call: UInt8 = 3, message: UInt8 = 4, reminder: UInt8 = 5, activity: UInt8 = 6

    private static func encode(_ line: TimelineEvent, into writer: inout BinaryWriter) {
        switch line.kind {
        case .comment(let text):
            writer.u8(comment)
            writer.string(text)
        case .email(let direction, let subject, let address):
            writer.u8(email)
            writer.u8(direction == .incoming ? 0 : 1)
            writer.string(subject)
            writer.string(address)
        case .call(let direction, let outcome, let duration):
            writer.u8(call)
            writer.u8(direction == .incoming ? 0 : 1)
            writer.u8(outcome == .answered ? 0 : 1)
            writer.signed(Int64(duration))
        case .openChannelMessage(let author, let text):
            writer.u8(message)
            writer.u8(author == .client ? 0 : 1)
            writer.string(text)
        case .activityReminder(let text):
            writer.u8(reminder)
            writer.string(text)
        case .activity(let subject, let deadline, let responsible):
            writer.u8(activity)
            writer.string(subject)
            writer.signed(deadline.millisecondsSince1970)
            writer.signed(responsible.rawValue)
        }
        writer.signed(line.time?.millisecondsSince1970 ?? Int64.min)
        writer.signed(line.author?.rawValue ?? -1)
    }

    private static func decodeEvent(_ reader: inout BinaryReader) throws(FormatError) -> TimelineEvent {
        let start = reader.offset
        let kind: TimelineEvent.Kind
        switch try reader.u8() {
        case comment: kind = .comment(text: try reader.string())
        case email:
            kind = .email(direction: try reader.u8() == 0 ? .incoming : .outgoing, subject: try reader.string(), address: try reader.string())
        case call:
            kind = .call(
                direction: try reader.u8() == 0 ? .incoming : .outgoing, outcome: try reader.u8() == 0 ? .answered : .missed,
                durationSeconds: Int(clamping: try reader.signed()))
        case message: kind = .openChannelMessage(author: try reader.u8() == 0 ? .client : .employee, text: try reader.string())
        case reminder: kind = .activityReminder(text: try reader.string())
        case activity:
            kind = .activity(
                subject: try reader.string(), deadline: Timestamp(millisecondsSince1970: try reader.signed()),
                responsible: UserID(try reader.signed()))
        case let other: throw FormatError(offset: start, message: "unknown timeline event kind \(other)")
        }
        let time = try reader.signed()
        let author = try reader.signed()
        return TimelineEvent(
            kind: kind, time: time == Int64.min ? nil : Timestamp(millisecondsSince1970: time), author: author < 0 ? nil : UserID(author))
    }

    private static func encode(_ cause: ChangeCause?, into writer: inout BinaryWriter) {
        writer.u8(cause == nil ? 0 : 1)
        if let cause {
            writer.string(cause.ruleID)
            writer.string(cause.causationID)
        }
    }

    private static func cause(_ reader: inout BinaryReader) throws(FormatError) -> ChangeCause? {
        guard try reader.u8() != 0 else { return nil }
        return ChangeCause(ruleID: try reader.string(), causationID: try reader.string())
    }

    private static func source(_ source: ChangeSource) -> UInt8 { UInt8(sources.firstIndex(of: source) ?? 0) }

    private static func source(_ reader: inout BinaryReader) throws(FormatError) -> ChangeSource {
        let start = reader.offset
        let index = Int(try reader.u8())
        guard index < sources.count else { throw FormatError(offset: start, message: "unknown change source \(index)") }
        return sources[index]
    }
}
