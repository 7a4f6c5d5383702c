/// The items of an item table: those written since the store opened, decoded, over those still encoded in
/// the snapshot it opened from. A write or removal supersedes the encoded item of the same ID.
struct StoredItems: Sendable {
    private(set) var decoded: [Int64: Versioned<AnyItem>] = [:]
    private let encoded: EncodedItems?
    /// The encoded items' IDs written or removed since opening.
    private var superseded: Set<Int64> = []

    init(encoded: EncodedItems? = nil) {
        self.encoded = encoded
    }

    var count: Int { decoded.count + (encoded?.count ?? 0) - superseded.count }

    var isEmpty: Bool { count == 0 }

    /// The position of a live encoded item.
    private func encodedPosition(_ id: Int64) -> Int? {
        guard let encoded, !superseded.contains(id) else { return nil }
        return encoded.position(of: id)
    }

    func contains(_ id: Int64) -> Bool { decoded.index(forKey: id) != nil || encodedPosition(id) != nil }

    /// An item's revision, without decoding it.
    func revision(of id: Int64) -> Int64? {
        if let item = decoded[id] { return item.revision }
        return encodedPosition(id).flatMap { encoded?.revisions[$0] }
    }

    /// An item, decoded when it is still encoded.
    func item(_ id: Int64) throws(StoreError) -> Versioned<AnyItem>? {
        if let item = decoded[id] { return item }
        guard let encoded, let position = encodedPosition(id) else { return nil }
        return try encoded.item(at: position)
    }

    /// Every item's ID, in no particular order.
    var ids: [Int64] {
        var ids = Array(decoded.keys)
        if let encoded {
            ids.reserveCapacity(count)
            ids += superseded.isEmpty ? encoded.ids : encoded.ids.filter { !superseded.contains($0) }
        }
        return ids
    }

    /// Every item, decoding the encoded ones.
    func all() throws(StoreError) -> [Versioned<AnyItem>] {
        var items = Array(decoded.values)
        guard let encoded else { return items }
        items.reserveCapacity(count)
        for position in 0..<encoded.count where !superseded.contains(encoded.ids[position]) {
            items.append(try encoded.item(at: position))
        }
        return items
    }

    mutating func put(_ versioned: Versioned<AnyItem>) {
        let id = versioned.item.id
        if decoded.updateValue(versioned, forKey: id) == nil, encodedPosition(id) != nil { superseded.insert(id) }
    }

    mutating func remove(_ id: Int64) {
        if decoded.removeValue(forKey: id) == nil, encodedPosition(id) != nil { superseded.insert(id) }
    }
}
