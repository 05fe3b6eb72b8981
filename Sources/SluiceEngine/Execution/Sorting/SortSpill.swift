import SluiceCore

/// How a full sort spills: sorted runs are written to the query's spill folder in chunks sized
/// from the memory limit, and the merge reads one chunk per run at a time. A merge of more runs
/// than fit in half the limit merges groups of them into longer runs first.
final class SortSpill: Sendable {
    let context: ExecutionContext
    let statistics: SpillStatistics
    /// Bytes of one chunk: a 64th of the limit (64 KiB to 8 MiB), so a merge of dozens of runs
    /// holds a fraction of the limit.
    let chunkTargetBytes: Int

    init(context: ExecutionContext, statistics: SpillStatistics) {
        self.context = context
        self.statistics = statistics
        chunkTargetBytes = min(8 << 20, max(64 << 10, context.memory.limitBytes / 64))
    }

    /// Runs one merge reads at once at most: their chunks take half the limit (4 to 128 runs).
    var maximumMergeWidth: Int {
        max(4, min(128, context.memory.limitBytes / 2 / chunkTargetBytes))
    }

    /// Rows per chunk for rows of `averageRowBytes` (256 to 64 Ki rows).
    func chunkRows(averageRowBytes: Int) -> Int {
        min(OutputBatching.maximumRows, max(256, chunkTargetBytes / max(1, averageRowBytes)))
    }

    /// Writes `run` to disk in sorted order, chunk by chunk.
    func write(_ run: SortedRun, schema: Schema) throws(SluiceError) -> SpillFile {
        let writer = try SpillFileWriter(directory: context.spillDirectory, stem: "sort-run", schema: schema, statistics: statistics)
        let rowsPerChunk = chunkRows(averageRowBytes: run.batch.estimatedByteCount / max(1, run.count))
        var start = 0
        while start < run.count {
            let end = min(run.count, start + rowsPerChunk)
            try writer.write(ColumnGather.gather(run.batch, rows: Array(run.permutation[start..<end])))
            start = end
        }
        return try writer.finish()
    }

    /// Merges `runs` (in order; ties keep it) into one run on disk.
    func merge(_ runs: [SortRun], schema: Schema, keys: [SortKey], firstKeyDecides: Bool) throws(SluiceError) -> SpillFile {
        let merger = try RunMerger(runs: runs, schema: schema, keys: keys, firstKeyDecides: firstKeyDecides, offset: 0, limit: nil,
                                   reservation: MemoryReservation(context.memory))
        let writer = try SpillFileWriter(directory: context.spillDirectory, stem: "sort-run", schema: schema, statistics: statistics)
        var pending: [RecordBatch] = []
        var pendingRows = 0
        var rowsPerChunk = OutputBatching.maximumRows
        func flush() throws(SluiceError) {
            guard !pending.isEmpty else { return }
            try writer.write(ColumnConcatenation.concatenate(pending, schema: schema))
            pending = []
            pendingRows = 0
        }
        while let batch = try merger.next() {
            if pending.isEmpty { rowsPerChunk = chunkRows(averageRowBytes: batch.estimatedByteCount / max(1, batch.count)) }
            pending.append(batch)
            pendingRows += batch.count
            if pendingRows >= rowsPerChunk { try flush() }
        }
        try flush()
        return try writer.finish()
    }
}

/// A sorted run as the merge sees it: in memory, or on disk in sorted chunks.
enum SortRun {
    case memory(SortedRun)
    case disk(SpillFile)

    var isOnDisk: Bool {
        if case .disk = self { return true }
        return false
    }
}

/// One run's rows as the merge reads them: a run in memory is one chunk; a run on disk is
/// read chunk by chunk, each chunk's memory reserved while it is the current one.
final class MergeInput {
    private(set) var current: SortedRun
    private let keys: [SortKey]
    private let reader: SpillFileReader?
    private var chunksLeft: Int
    private let reservation: MemoryReservation
    /// Bytes of ``current`` this input reserved (chunks read from disk only).
    private var heldBytes = 0

    init(_ run: SortRun, keys: [SortKey], reservation: MemoryReservation) throws(SluiceError) {
        self.keys = keys
        self.reservation = reservation
        switch run {
        case .memory(let sorted):
            current = sorted
            reader = nil
            chunksLeft = 0
        case .disk(let file):
            let reader = try SpillFileReader(SpillChunks(file: file, chunks: Array(0..<file.chunkCount)))
            self.reader = reader
            chunksLeft = file.chunkCount
            current = try SortedRun(sortedBatch: RecordBatch.empty(file.schema), keys: keys)
            _ = try advance()
        }
    }

    /// True when chunks remain after ``current``.
    var hasMore: Bool { chunksLeft > 0 }

    /// Makes the next chunk current; false when there is none.
    func advance() throws(SluiceError) -> Bool {
        guard chunksLeft > 0, let reader, let batch = try reader.next() else { return false }
        chunksLeft -= 1
        current = try SortedRun(sortedBatch: batch, keys: keys)
        reservation.shrink(by: heldBytes)
        heldBytes = current.estimatedByteCount
        reservation.grow(by: heldBytes)
        return true
    }

    deinit { reservation.shrink(by: heldBytes) }
}
