/// Item IDs in a query's order, each with its sort values read once: what paging sorts and the planner
/// merges to produce a page without sorting every match. Numbers also keep a `Double` approximation, so most
/// comparisons of amounts skip `Decimal`'s slow exact comparison.
struct SortedRun: Sendable {
    /// The IDs, in order.
    private(set) var ids: [Int64]
    /// The sort values, `order.count` per ID, in the same order.
    private(set) var values: [FieldValue]
    /// Each sort value's approximation (``FieldValueOrdering/approximation(of:)``), in the same order.
    private(set) var approximations: [Double]
    let order: [SortKey]

    var count: Int { ids.count }

    /// The entries of items in the order given, not sorted: for selecting positions by ``precedes(_:_:_:)``.
    init(unsorted items: some Sequence<AnyItem>, order: [SortKey]) {
        ids = []
        values = []
        approximations = []
        let fields = order.map(\.field)
        for item in items {
            ids.append(item.id)
            guard !fields.isEmpty else { continue }
            for value in item.values(of: fields) {
                values.append(value)
                approximations.append(FieldValueOrdering.approximation(of: value))
            }
        }
        self.order = order
    }

    /// Sorts IDs by the order (then ascending ID, as ``Query/page(of:)`` does); IDs without an item are left out.
    /// Throws `corrupted` when an item's record does not decode.
    init(ids: some Sequence<Int64>, order: [SortKey], items: StoredItems) throws(StoreError) {
        var found: [AnyItem] = []
        for id in ids { if let stored = try items.item(id) { found.append(stored.item) } }
        let unsorted = SortedRun(unsorted: found, order: order)
        let positions = unsorted.ids.indices.sorted { unsorted.precedes($0, unsorted, $1) }
        let width = order.count
        self.ids = positions.map { unsorted.ids[$0] }
        values = []
        approximations = []
        values.reserveCapacity(unsorted.values.count)
        approximations.reserveCapacity(unsorted.values.count)
        for position in positions {
            values.append(contentsOf: unsorted.values[position * width..<(position + 1) * width])
            approximations.append(contentsOf: unsorted.approximations[position * width..<(position + 1) * width])
        }
        self.order = order
    }

    /// Whether the entry at `index` comes before the entry at `otherIndex` of a run of the same order: by
    /// each key in its direction, then by ascending ID. The one definition of order every store's paging shares.
    func precedes(_ index: Int, _ other: SortedRun, _ otherIndex: Int) -> Bool {
        let width = order.count
        for (position, key) in order.enumerated() {
            let left = index * width + position
            let right = otherIndex * width + position
            let result = FieldValueOrdering.compare(
                values[left], other.values[right], approximately: approximations[left], other.approximations[right])
            if result != 0 { return key.isDescending ? result > 0 : result < 0 }
        }
        return ids[index] < other.ids[otherIndex]
    }

    /// The IDs of the first `count` entries of the runs merged in order.
    static func merge(_ runs: [SortedRun], first count: Int) -> [Int64] {
        runs.withUnsafeBufferPointer { merge($0, first: count) }
    }

    /// A run's current entry during a merge, with its first sort value's approximation at hand: most
    /// comparisons are decided by it without reading the run.
    private struct Cursor {
        var run: Int
        var position: Int
        var head: Double
    }

    /// ``merge(_:first:)`` over runs read in place: a binary min-heap of one cursor per run.
    private static func merge(_ runs: UnsafeBufferPointer<SortedRun>, first count: Int) -> [Int64] {
        guard let order = runs.first?.order else { return [] }
        let width = order.count
        let firstDescending = order.first?.isDescending ?? false
        func head(_ run: Int, _ position: Int) -> Double {
            width > 0 ? runs[run].approximations[position * width] : .nan
        }
        func before(_ left: Cursor, _ right: Cursor) -> Bool {
            // The first key decided by the approximations, as compare(_:_:approximately:_:) would decide it.
            let margin = 1e-9 * max(abs(left.head), abs(right.head))
            if left.head < right.head - margin { return !firstDescending }
            if left.head > right.head + margin { return firstDescending }
            return runs[left.run].precedes(left.position, runs[right.run], right.position)
        }
        var heap: [Cursor] = []
        heap.reserveCapacity(runs.count)
        for run in runs.indices where runs[run].count > 0 { heap.append(Cursor(run: run, position: 0, head: head(run, 0))) }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                var smallest = parent
                let left = 2 * parent + 1
                let right = left + 1
                if left < heap.count, before(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, before(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        var result: [Int64] = []
        result.reserveCapacity(min(count, runs.reduce(0) { $0 + $1.count }))
        while result.count < count, let top = heap.first {
            result.append(runs[top.run].ids[top.position])
            if top.position + 1 < runs[top.run].count {
                heap[0].position += 1
                heap[0].head = head(top.run, top.position + 1)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
        return result
    }
}
