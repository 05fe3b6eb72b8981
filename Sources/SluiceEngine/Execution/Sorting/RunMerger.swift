import SluiceCore

/// Merges sorted runs into batches of at most ``OutputBatching/maximumRows`` rows in key order,
/// skipping the first `offset` rows and stopping after `limit`. Runs are kept in a binary heap by
/// their next row, compared by normalized first keys and, when those tie, by the rows' keys;
/// rows that tie come from the earlier run first, so the merge is stable.
///
/// Runs on disk are read a chunk at a time: when a run's chunk is used up, the batch ends there
/// (its rows still point into that chunk) and the next call loads the run's next chunk first.
final class RunMerger {
    /// Each run's current chunk (the whole run when it is in memory).
    private var runs: [SortedRun]
    private let inputs: [MergeInput]
    private let schema: Schema
    private let keys: [SortKey]
    /// True when the normalized first key orders rows completely (one single-word key).
    private let firstKeyDecides: Bool
    /// Each run's cursor, by run index.
    private let cursors: UnsafeMutableBufferPointer<RunCursor>
    /// Run indices, a binary heap by next row.
    private let heap: UnsafeMutableBufferPointer<Int>
    private var heapCount = 0
    private var toSkip: Int
    private var remaining: Int
    /// True when a run's chunk ran out and its next chunk must be loaded before the merge goes on.
    private var needsNextChunk = false
    private let nullRank: Int

    /// Merges `runs` (ties: the earlier run first); chunks read from disk are counted in `reservation`.
    init(
        runs: [SortRun], schema: Schema, keys: [SortKey], firstKeyDecides: Bool, offset: Int, limit: Int?,
        reservation: MemoryReservation
    ) throws(SluiceError) {
        var inputs: [MergeInput] = []
        for run in runs {
            let input = try MergeInput(run, keys: keys, reservation: reservation)
            if input.current.count > 0 { inputs.append(input) }
        }
        self.inputs = inputs
        self.runs = inputs.map(\.current)
        self.schema = schema
        self.keys = keys
        self.firstKeyDecides = firstKeyDecides
        toSkip = max(0, offset)
        remaining = limit.map { max(0, $0) } ?? Int.max
        nullRank = keys.first?.nullsFirst == true ? 0 : 2
        cursors = .allocate(capacity: inputs.count)
        heap = .allocate(capacity: max(1, inputs.count))
        for index in inputs.indices { cursors.initializeElement(at: index, to: cursor(of: self.runs[index])) }
        for run in inputs.indices { push(run) }
    }

    private func cursor(of run: SortedRun) -> RunCursor {
        RunCursor(
            permutation: UnsafeBufferPointer(run.permutation), keys: UnsafeBufferPointer(run.mergeKeys),
            count: run.count, nullStart: run.nullPositions.lowerBound, nullEnd: run.nullPositions.upperBound,
            nullRank: nullRank)
    }

    /// True when run `run`'s chunk is used up and more of it is on disk.
    private func waitsForChunk(_ run: Int) -> Bool {
        cursors[run].position == cursors[run].count && inputs[run].hasMore
    }

    /// Loads the next chunk of every run whose chunk is used up, then rebuilds the heap.
    private func loadNextChunks() throws(SluiceError) {
        needsNextChunk = false
        for run in inputs.indices where waitsForChunk(run) {
            guard try inputs[run].advance() else { continue }
            runs[run] = inputs[run].current
            cursors[run] = cursor(of: runs[run])
        }
        heapCount = 0
        for run in inputs.indices where cursors[run].position < cursors[run].count { push(run) }
    }

    deinit {
        cursors.deallocate()
        heap.deallocate()
    }

    func next() throws(SluiceError) -> RecordBatch? {
        while remaining > 0 {
            if needsNextChunk { try loadNextChunks() }
            if let batch = try nextFromChunks() { return batch }
            // A chunk ran out before any row was taken (rows were being skipped): load and go on.
            guard needsNextChunk else { return nil }
        }
        return nil
    }

    /// The next batch from the runs' current chunks, or nil when none has a row left or
    /// ``needsNextChunk`` stopped the batch before its first row.
    private func nextFromChunks() throws(SluiceError) -> RecordBatch? {
        let wanted = min(remaining, OutputBatching.maximumRows)
        var rows = [Int32]()
        var sources = [UInt32]()
        rows.reserveCapacity(wanted)
        let several = runs.count > 1
        if several { sources.reserveCapacity(wanted) }
        if runs.count == 2, heapCount == 2 {
            mergeTwo(wanted: wanted, rows: &rows, sources: &sources)
            needsNextChunk = waitsForChunk(0) || waitsForChunk(1)
        }
        while !needsNextChunk, rows.count < wanted, heapCount > 0 {
            let top = heap[0]
            var cursor = cursors[top]
            if toSkip > 0 {
                if !several {
                    // One run: skip in one step.
                    let skipped = min(toSkip, cursor.count - cursor.position)
                    toSkip -= skipped
                    cursor.position += skipped
                } else {
                    toSkip -= 1
                    cursor.position += 1
                }
            } else if !several {
                // One run: copy its order in one stretch.
                let taken = min(wanted - rows.count, cursor.count - cursor.position)
                rows.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.permutation[cursor.position..<cursor.position + taken]))
                cursor.position += taken
            } else {
                rows.append(cursor.permutation[cursor.position])
                sources.append(UInt32(truncatingIfNeeded: top))
                cursor.position += 1
            }
            cursors[top] = cursor
            if cursor.position == cursor.count {
                if inputs[top].hasMore {
                    // The batch's rows point into this chunk: end the batch, load the next chunk first.
                    needsNextChunk = true
                    break
                }
                heapCount -= 1
                if heapCount > 0 {
                    heap[0] = heap[heapCount]
                    siftDown()
                }
            } else if several {
                siftDown()
            }
        }
        guard !rows.isEmpty else { return nil }
        remaining -= rows.count
        var columns: [Column] = []
        for (index, field) in schema.fields.enumerated() {
            columns.append(try ColumnGather.gather(
                runs.map { $0.batch.columns[index] }, type: field.type, sourceOf: several ? sources : nil, rows: rows))
        }
        return try RecordBatch(schema: schema, columns: columns)
    }

    /// The merge of exactly two runs, without the heap, until `wanted` rows or either run ends.
    private func mergeTwo(wanted: Int, rows: inout [Int32], sources: inout [UInt32]) {
        var first = cursors[0]
        var second = cursors[1]
        while rows.count < wanted, first.position < first.count, second.position < second.count {
            let rankFirst = first.rank
            let rankSecond = second.rank
            let takesFirst: Bool
            if rankFirst != rankSecond {
                takesFirst = rankFirst < rankSecond
            } else if rankFirst == 1, first.keys[first.position] != second.keys[second.position] {
                takesFirst = first.keys[first.position] < second.keys[second.position]
            } else if rankFirst == 1, firstKeyDecides {
                takesFirst = true
            } else {
                takesFirst = RowComparator.compare(
                    runs[0].keyColumns, Int(first.permutation[first.position]),
                    runs[1].keyColumns, Int(second.permutation[second.position]), keys: keys) <= 0
            }
            if takesFirst {
                if toSkip > 0 {
                    toSkip -= 1
                } else {
                    rows.append(first.permutation[first.position])
                    sources.append(0)
                }
                first.position += 1
            } else {
                if toSkip > 0 {
                    toSkip -= 1
                } else {
                    rows.append(second.permutation[second.position])
                    sources.append(1)
                }
                second.position += 1
            }
        }
        cursors[0] = first
        cursors[1] = second
        heapCount = 0
        for run in 0..<2 where cursors[run].position < cursors[run].count { push(run) }
    }

    // MARK: Heap

    /// True when run `a`'s next row sorts before run `b`'s (ties: the earlier run).
    @inline(__always)
    private func before(_ a: Int, _ b: Int) -> Bool {
        let cursorA = cursors[a]
        let cursorB = cursors[b]
        let rankA = cursorA.rank
        let rankB = cursorB.rank
        if rankA != rankB { return rankA < rankB }
        if rankA == 1 {
            let keyA = cursorA.keys[cursorA.position]
            let keyB = cursorB.keys[cursorB.position]
            if keyA != keyB { return keyA < keyB }
            if firstKeyDecides { return a < b }
        }
        let order = RowComparator.compare(
            runs[a].keyColumns, Int(cursorA.permutation[cursorA.position]),
            runs[b].keyColumns, Int(cursorB.permutation[cursorB.position]), keys: keys)
        if order != 0 { return order < 0 }
        return a < b
    }

    private func push(_ run: Int) {
        heap[heapCount] = run
        var child = heapCount
        heapCount += 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heapCount else { return }
            var best = left
            if left + 1 < heapCount, before(heap[left + 1], heap[left]) { best = left + 1 }
            guard before(heap[best], heap[parent]) else { return }
            heap.swapAt(best, parent)
            parent = best
        }
    }
}

/// Where the merge stands in one run, with raw views of the run's order and merge keys (the
/// merger holds the runs, so the views stay valid).
private struct RunCursor {
    let permutation: UnsafeBufferPointer<Int32>
    let keys: UnsafeBufferPointer<UInt64>
    let count: Int
    let nullStart: Int
    let nullEnd: Int
    /// 0 when a null first key sorts first, 2 when last.
    let nullRank: Int
    var position = 0

    init(permutation: UnsafeBufferPointer<Int32>, keys: UnsafeBufferPointer<UInt64>, count: Int, nullStart: Int, nullEnd: Int, nullRank: Int) {
        self.permutation = permutation
        self.keys = keys
        self.count = count
        self.nullStart = nullStart
        self.nullEnd = nullEnd
        self.nullRank = nullRank
    }

    /// 0 for a null first key placed first, 1 for a value, 2 for a null placed last.
    @inline(__always)
    var rank: Int { position >= nullStart && position < nullEnd ? nullRank : 1 }
}
