/// The items of one entity type as a snapshot holds them: IDs in ascending order with their revisions and
/// where each record starts. A record is decoded each time it is read; nothing decoded is kept.
struct EncodedItems: Sendable {
    let entityType: EntityType
    let source: SnapshotSource
    private(set) var ids: [Int64] = []
    private(set) var revisions: [Int64] = []
    /// Where each record starts in the source's bytes, and where its frame ends.
    private(set) var records: [Range<Int>] = []

    init(entityType: EntityType, source: SnapshotSource) {
        self.entityType = entityType
        self.source = source
    }

    var count: Int { ids.count }

    /// Adds the next record; false unless its ID is above every ID added before.
    mutating func append(id: Int64, revision: Int64, record: Range<Int>) -> Bool {
        guard ids.last.map({ $0 < id }) ?? true else { return false }
        ids.append(id)
        revisions.append(revision)
        records.append(record)
        return true
    }

    /// The position of an ID, by binary search.
    func position(of id: Int64) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// The item at a position, decoded from its record; `corrupted`, naming the byte offset, when it does not
    /// decode or holds another ID.
    func item(at position: Int) throws(StoreError) -> Versioned<AnyItem> {
        var reader = source.reader(records[position])
        let start = reader.offset
        do throws(FormatError) {
            let item = try RecordCodec.decode(entityType, from: &reader, dictionary: source.dictionary)
            guard item.id == ids[position] else {
                throw FormatError(offset: start, message: "the record of \(entityType) \(ids[position]) holds ID \(item.id)")
            }
            return Versioned(item: item, revision: revisions[position])
        } catch {
            throw source.corrupted(error)
        }
    }
}
