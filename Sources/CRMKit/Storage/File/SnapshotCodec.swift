import Foundation

/// The snapshot: a header, then frames holding batches of items, timeline lines, configuration documents
/// and ID high-water marks, then an end frame with the counts. Written to a temporary file and renamed into
/// place, so any damage in it is corruption, never a torn tail.
///
/// From format version 4 each item's record is length-prefixed after its type, ID and revision, and each
/// type's items are followed by its indexes (one frame per hash index, one for the composite index). Opening
/// checks every frame's checksum but decodes neither: records are decoded when read, indexes when a query
/// first needs them. Older versions' records are decoded on open.
enum SnapshotCodec {
    private static let items: UInt8 = 2, timeline: UInt8 = 3, configuration: UInt8 = 4, lastIDs: UInt8 = 5, end: UInt8 = 6,
        pendingWork: UInt8 = 7, postings: UInt8 = 8, buckets: UInt8 = 9
    private static let batchSize = 1_000

    /// The snapshot file's bytes for a state whose indexes are all loaded (``StoreState/loadAllIndexes()``);
    /// `corrupted` when an item still encoded in the previous snapshot does not decode.
    static func encode(_ state: StoreState) throws(StoreError) -> [UInt8] {
        let sequence = state.sequence
        var output = FileFormat.header(magic: FileFormat.snapshotMagic, sequence: sequence)
        var itemCount = 0
        for type in EntityType.allCases {
            guard let table = state.tables[type] else { continue }
            let ids = table.items.ids.sorted()
            for start in stride(from: 0, to: ids.count, by: batchSize) {
                let batch = ids[start..<min(ids.count, start + batchSize)]
                var writer = BinaryWriter(capacity: batch.count * 256)
                var record = BinaryWriter(capacity: 256)
                writer.u8(items)
                writer.varint(batch.count)
                for id in batch {
                    guard let stored = try table.item(id) else { continue }
                    writer.u8(type.storageCode)
                    writer.signed(id)
                    writer.varint(UInt64(stored.revision))
                    record.bytes.removeAll(keepingCapacity: true)
                    RecordCodec.encode(stored.item, into: &record)
                    writer.data(record.bytes)
                }
                itemCount += batch.count
                output += FileFormat.frame(sequence: sequence, payload: writer.bytes)
            }
            for (field, postings) in table.loadedPostings {
                var writer = BinaryWriter()
                writer.u8(Self.postings)
                writer.u8(type.storageCode)
                writer.string(field.rawValue)
                IndexCodec.encode(postings, into: &writer)
                output += FileFormat.frame(sequence: sequence, payload: writer.bytes)
            }
            if let composite = table.composite {
                var writer = BinaryWriter()
                writer.u8(buckets)
                writer.u8(type.storageCode)
                IndexCodec.encode(composite, into: &writer)
                output += FileFormat.frame(sequence: sequence, payload: writer.bytes)
            }
        }
        var lineCount = 0
        let lines = state.timelines.keys.sorted().flatMap { state.timelines[$0] ?? [] }
        for start in stride(from: 0, to: lines.count, by: batchSize) {
            var writer = BinaryWriter()
            writer.u8(timeline)
            let batch = Array(lines[start..<min(lines.count, start + batchSize)])
            TimelineCodec.encode(batch, into: &writer)
            lineCount += batch.count
            output += FileFormat.frame(sequence: sequence, payload: writer.bytes)
        }
        var writer = BinaryWriter()
        writer.u8(configuration)
        writer.varint(state.configuration.count)
        for key in state.configuration.keys.sorted() {
            writer.string(key.rawValue)
            writer.data(state.configuration[key] ?? Data())
        }
        output += FileFormat.frame(sequence: sequence, payload: writer.bytes)
        writer = BinaryWriter()
        writer.u8(lastIDs)
        writer.varint(state.lastIDs.count)
        for type in EntityType.allCases {
            guard let id = state.lastIDs[type] else { continue }
            writer.u8(type.storageCode)
            writer.signed(id)
        }
        output += FileFormat.frame(sequence: sequence, payload: writer.bytes)
        let work = state.pendingWork(dueBy: nil)
        for start in stride(from: 0, to: work.count, by: batchSize) {
            writer = BinaryWriter()
            writer.u8(pendingWork)
            PendingWorkCodec.encode(work[start..<min(work.count, start + batchSize)].map { .schedule($0) }, into: &writer)
            output += FileFormat.frame(sequence: sequence, payload: writer.bytes)
        }
        writer = BinaryWriter()
        writer.u8(end)
        writer.varint(itemCount)
        writer.varint(lineCount)
        output += FileFormat.frame(sequence: sequence, payload: writer.bytes)
        return output
    }

    /// The state a snapshot file holds; `corrupted` naming the byte offset of the first problem.
    static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> StoreState {
        let header = try FileFormat.readHeader(bytes, magic: FileFormat.snapshotMagic, path: path)
        var state = StoreState()
        state.sequence = header.sequence
        var offset = header.size
        var items = 0
        var lines = 0
        let source = SnapshotSource(bytes: bytes, dictionary: header.dictionary, path: path)
        var encoded: [EntityType: EncodedItems] = [:]
        var postings: [EntityType: [FieldCode: Range<Int>]] = [:]
        var buckets: [EntityType: Range<Int>] = [:]
        while true {
            guard case .frame(let sequence, let payload, let next) = FileFormat.checkFrame(bytes, at: offset) else {
                throw StoreError(.corrupted, "\(path) at byte \(offset): damaged or missing snapshot frame")
            }
            guard sequence == header.sequence else {
                throw StoreError(.corrupted, "\(path) at byte \(offset): frame of sequence \(sequence) in a snapshot of \(header.sequence)")
            }
            var reader = source.reader(payload)
            do throws(FormatError) {
                switch try reader.u8() {
                case Self.items where header.version >= 4:
                    let count = try reader.count("item count")
                    // A frame holds one type's items: its table is taken out of the dictionary once, not per item.
                    var table: EncodedItems?
                    defer { if let table { encoded[table.entityType] = table } }
                    for _ in 0..<count {
                        let start = reader.offset
                        let type = try EntityType.decode(from: &reader)
                        let id = try reader.signed()
                        guard let revision = Int64(exactly: try reader.varint()), revision > 0 else {
                            throw reader.failure("revision out of range")
                        }
                        let length = try reader.count("record length")
                        if table?.entityType != type {
                            if let previous = table { encoded[previous.entityType] = previous }
                            table = encoded.removeValue(forKey: type) ?? EncodedItems(entityType: type, source: source)
                        }
                        guard table?.append(id: id, revision: revision, record: reader.position..<payload.upperBound) == true else {
                            throw FormatError(offset: start, message: "\(type) \(id) is out of ID order")
                        }
                        reader.position += length
                        items += 1
                    }
                case Self.postings:
                    let type = try EntityType.decode(from: &reader)
                    let field = FieldCode(try reader.string())
                    postings[type, default: [:]][field] = reader.position..<payload.upperBound
                    reader.position = payload.upperBound
                case Self.buckets:
                    let type = try EntityType.decode(from: &reader)
                    buckets[type] = reader.position..<payload.upperBound
                    reader.position = payload.upperBound
                case Self.items:
                    let count = try reader.count("item count")
                    for _ in 0..<count {
                        let type = try EntityType.decode(from: &reader)
                        guard let revision = Int64(exactly: try reader.varint()), revision > 0 else {
                            throw reader.failure("revision out of range")
                        }
                        let item = try RecordCodec.decode(type, from: &reader, dictionary: header.dictionary)
                        var table = state.tables.removeValue(forKey: type) ?? ItemTable(entityType: type)
                        defer { state.tables[type] = table }
                        do throws(StoreError) {
                            try table.put(Versioned(item: item, revision: revision))
                        } catch {
                            throw FormatError(offset: reader.offset, message: error.message)
                        }
                        items += 1
                    }
                case Self.timeline:
                    for record in try TimelineCodec.decode(&reader, version: header.version) {
                        state.timelines[record.item, default: []].append(record)
                        lines += 1
                    }
                case Self.configuration:
                    let count = try reader.count("configuration count")
                    for _ in 0..<count {
                        let key = ConfigurationKey(try reader.string())
                        state.configuration[key] = Data(try reader.data())
                    }
                case Self.lastIDs:
                    let count = try reader.count("ID count")
                    for _ in 0..<count {
                        let type = try EntityType.decode(from: &reader)
                        state.lastIDs[type] = try reader.signed()
                    }
                case Self.pendingWork where header.version >= 3:
                    for case .schedule(let work) in try PendingWorkCodec.decodeWrites(&reader) { state.pendingWork[work.id] = work }
                case Self.end:
                    let expectedItems = Int(clamping: try reader.varint())
                    let expectedLines = Int(clamping: try reader.varint())
                    guard expectedItems == items, expectedLines == lines else {
                        throw reader.failure("the snapshot ends with \(items) items and \(lines) lines, not \(expectedItems) and \(expectedLines)")
                    }
                    guard next == bytes.count else {
                        throw FormatError(offset: Int64(next), message: "unexpected bytes after the snapshot's end")
                    }
                    for (type, items) in encoded {
                        state.tables[type] = ItemTable(encoded: items, postings: postings[type] ?? [:], buckets: buckets[type])
                    }
                    return state
                case let kind:
                    throw reader.failure("unknown snapshot frame kind \(kind)")
                }
                guard reader.isAtEnd else { throw reader.failure("unexpected bytes in a snapshot frame") }
            } catch {
                throw StoreError(.corrupted, "\(path) at byte \(error.offset): \(error.message)")
            }
            offset = next
        }
    }
}
