/// The binary form of an item table's indexes in a snapshot, so that opening a store reads them instead of
/// every item: a hash index's postings as `key count | (value, ID count, IDs)…`, the composite index's
/// buckets as `bucket count | (key values, ID count, IDs)…`, values as ``RecordCodec`` writes them.
enum IndexCodec {
    static func encode(_ postings: [FieldValue: Set<Int64>], into writer: inout BinaryWriter) {
        writer.varint(postings.count)
        for (key, ids) in postings {
            RecordCodec.encode(key, into: &writer)
            encode(ids, into: &writer)
        }
    }

    static func decodePostings(from reader: inout BinaryReader) throws(FormatError) -> [FieldValue: Set<Int64>] {
        let count = try reader.count("index key count")
        var postings: [FieldValue: Set<Int64>] = [:]
        postings.reserveCapacity(count)
        for _ in 0..<count {
            let start = reader.offset
            let key = try RecordCodec.decodeValue(from: &reader)
            guard postings.updateValue(try decodeIDs(from: &reader), forKey: key) == nil else {
                throw FormatError(offset: start, message: "an index key appears twice")
            }
        }
        return postings
    }

    static func encode(_ index: CompositeIndex, into writer: inout BinaryWriter) {
        let buckets = index.keyedBuckets
        writer.varint(buckets.count)
        for (key, ids) in buckets {
            for value in key { RecordCodec.encode(value, into: &writer) }
            encode(ids, into: &writer)
        }
    }

    /// Reads buckets into an empty composite index of the same entity type.
    static func decodeBuckets(into index: inout CompositeIndex, from reader: inout BinaryReader) throws(FormatError) {
        let count = try reader.count("bucket count")
        for _ in 0..<count {
            var key: [FieldValue] = []
            for _ in index.fields { key.append(try RecordCodec.decodeValue(from: &reader)) }
            index.insert(ids: try decodeIDs(from: &reader), key: key)
        }
    }

    private static func encode(_ ids: Set<Int64>, into writer: inout BinaryWriter) {
        writer.varint(ids.count)
        for id in ids { writer.signed(id) }
    }

    private static func decodeIDs(from reader: inout BinaryReader) throws(FormatError) -> Set<Int64> {
        let count = try reader.count("index entry count")
        var ids = Set<Int64>(minimumCapacity: count)
        for _ in 0..<count { ids.insert(try reader.signed()) }
        return ids
    }
}
