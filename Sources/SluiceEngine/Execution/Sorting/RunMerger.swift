import SluiceCore

/// Merges sorted runs into batches of at most ``OutputBatching/maximumRows`` rows in key order,
/// skipping the first `offset` rows and stopping after `limit`. Runs are kept in a binary heap by
/// their next row; rows that tie come from the earlier run first, so the merge is stable.
final class RunMerger {
    private let runs: [SortedRun]
    private let schema: Schema
    private let keys: [SortKey]
    /// True when the normalized first key orders rows completely (one single-word key).
    private let firstKeyDecides: Bool
    private var positions: [Int]
    private var heap: [Int]
    private var toSkip: Int
    private var remaining: Int

    init(runs: [SortedRun], schema: Schema, keys: [SortKey], firstKeyDecides: Bool, offset: Int, limit: Int?) {
        self.runs = runs.filter { $0.count > 0 }
        self.schema = schema
        self.keys = keys
        self.firstKeyDecides = firstKeyDecides
        positions = [Int](repeating: 0, count: self.runs.count)
        heap = []
        toSkip = max(0, offset)
        remaining = limit.map { max(0, $0) } ?? Int.max
        heap.reserveCapacity(self.runs.count)
        for run in self.runs.indices { push(run) }
    }

    func next() throws(SluiceError) -> RecordBatch? {
        var sources: [UInt32] = []
        var rows: [Int32] = []
        let wanted = min(remaining, OutputBatching.maximumRows)
        rows.reserveCapacity(min(wanted, 1 << 20))
        if runs.count > 1 { sources.reserveCapacity(rows.capacity) }
        while rows.count < wanted, let top = heap.first {
            let run = runs[top]
            let position = positions[top]
            if toSkip > 0 {
                toSkip -= 1
            } else {
                rows.append(run.permutation[position])
                if runs.count > 1 { sources.append(UInt32(top)) }
            }
            positions[top] = position + 1
            if position + 1 == run.count {
                let last = heap.removeLast()
                if !heap.isEmpty {
                    heap[0] = last
                    siftDown(0)
                }
            } else {
                siftDown(0)
            }
        }
        guard !rows.isEmpty else { return nil }
        remaining -= rows.count
        var columns: [Column] = []
        for (index, field) in schema.fields.enumerated() {
            columns.append(try ColumnGather.gather(
                runs.map { $0.batch.columns[index] }, type: field.type,
                sourceOf: runs.count > 1 ? sources : nil, rows: rows))
        }
        return try RecordBatch(schema: schema, columns: columns)
    }

    // MARK: Heap

    /// True when run `a`'s next row sorts before run `b`'s (ties: the earlier run).
    @inline(__always)
    private func before(_ a: Int, _ b: Int) -> Bool {
        let runA = runs[a]
        let runB = runs[b]
        let positionA = positions[a]
        let positionB = positions[b]
        let classA = rank(runA, positionA)
        let classB = rank(runB, positionB)
        if classA != classB { return classA < classB }
        if classA == 1 {
            let keyA = runA.mergeKeys[positionA]
            let keyB = runB.mergeKeys[positionB]
            if keyA != keyB { return keyA < keyB }
        }
        if !firstKeyDecides {
            let order = RowComparator.compare(
                runA.keyColumns, Int(runA.permutation[positionA]), runB.keyColumns, Int(runB.permutation[positionB]), keys: keys)
            if order != 0 { return order < 0 }
        }
        return a < b
    }

    /// 0 for a null first key placed first, 1 for a value, 2 for a null placed last.
    @inline(__always)
    private func rank(_ run: SortedRun, _ position: Int) -> Int {
        guard run.nullPositions.contains(position) else { return 1 }
        return keys[0].nullsFirst ? 0 : 2
    }

    private func push(_ run: Int) {
        heap.append(run)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var best = left
            if left + 1 < count, before(heap[left + 1], heap[left]) { best = left + 1 }
            guard before(heap[best], heap[parent]) else { return }
            heap.swapAt(best, parent)
            parent = best
        }
    }
}
