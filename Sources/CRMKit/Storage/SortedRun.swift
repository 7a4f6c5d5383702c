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
    init(ids: some Sequence<Int64>, order: [SortKey], items: [Int64: Versioned<AnyItem>]) {
        let unsorted = SortedRun(unsorted: ids.lazy.compactMap { items[$0]?.item }, order: order)
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

    /// The first `count` entries of the runs merged in order, as (run, position) pairs.
    static func merge(_ runs: [SortedRun], first count: Int) -> [(run: Int, position: Int)] {
        // A binary min-heap of run cursors, ordered by each run's current entry.
        var heap: [(run: Int, position: Int)] = runs.indices.filter { runs[$0].count > 0 }.map { ($0, 0) }
        func before(_ left: (run: Int, position: Int), _ right: (run: Int, position: Int)) -> Bool {
            runs[left.run].precedes(left.position, runs[right.run], right.position)
        }
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
        var result: [(run: Int, position: Int)] = []
        result.reserveCapacity(min(count, runs.reduce(0) { $0 + $1.count }))
        while result.count < count, let top = heap.first {
            result.append(top)
            if top.position + 1 < runs[top.run].count {
                heap[0].position += 1
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
        return result
    }
}
