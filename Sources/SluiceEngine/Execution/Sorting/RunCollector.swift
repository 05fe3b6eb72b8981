import SluiceCore

/// One lane's rows for a full sort: batches pile up until they reach ``runByteLimit``, then
/// the lane sorts them into a ``SortedRun`` on its own thread, so lanes sort in parallel while
/// they read.
///
/// Every batch reserves its bytes (and room to sort them) from the query's memory budget. When
/// the budget refuses, the lane spills: it sorts what it holds into a run, writes that run and
/// any run it kept in memory to disk (``SortSpill``), gives the memory back and goes on.
final class RunCollector {
    /// Bytes of rows per run: bounded so that a run's text stays within 32-bit offsets.
    static let runByteLimit = 256 << 20

    private let schema: Schema
    private let keys: [SortKey]
    private let memory: MemoryCounter
    /// The memory of the rows and runs this lane holds; kept until the merge is done.
    let reservation: MemoryReservation
    private let spill: SortSpill
    /// Copy runs into sorted order (see ``SortedRun``): worth it when runs will be merged.
    private let materializesRuns: Bool
    private var pending: [RecordBatch] = []
    private var pendingBytes = 0
    /// Bytes of the runs kept in memory, as ``memory`` counts them.
    private var runBytes = 0
    private(set) var runs: [SortRun] = []

    /// Bytes a lane holds at least before it spills: half its share of the memory limit.
    private let minimumSpillBytes: Int

    /// `laneCount`: the lanes that share the memory limit.
    init(schema: Schema, keys: [SortKey], memory: MemoryCounter, spill: SortSpill, laneCount: Int, materializesRuns: Bool) {
        self.schema = schema
        minimumSpillBytes = spill.context.memory.limitBytes / max(1, 2 * laneCount)
        self.keys = keys
        self.memory = memory
        self.spill = spill
        reservation = MemoryReservation(spill.context.memory)
        self.materializesRuns = materializesRuns
    }

    /// True once a run of this lane went to disk.
    var hasSpilled: Bool { runs.contains(where: \.isOnDisk) }

    func add(_ batch: RecordBatch) throws(SluiceError) {
        guard batch.count > 0 else { return }
        let bytes = batch.estimatedByteCount
        // The rows, their concatenated copy, and the sort's order and scratch space.
        let needed = 2 * bytes + batch.count * SortedRun.sortBytesPerRow
        if !reservation.tryGrow(by: needed) {
            // A lane below half its share keeps its rows: another lane holds the memory, and
            // spilling a few batches at a time would only make tiny runs.
            if reservation.bytes >= minimumSpillBytes { try spillToDisk() }
            reservation.grow(by: needed)
        }
        pending.append(batch)
        pendingBytes += bytes
        memory.add(bytes)
        if pendingBytes >= Self.runByteLimit { try flush(threads: 1, materialize: true) }
    }

    /// Sorts the rows still pending into a run: in memory, or on disk with `toDisk`, which also
    /// writes the runs kept in memory so far.
    func flush(threads: Int, materialize: Bool? = nil, toDisk: Bool = false) throws(SluiceError) {
        if toDisk {
            try spillToDisk(threads: threads)
            return
        }
        guard let run = try sortPending(threads: threads, materialize: materialize ?? (materializesRuns || !runs.isEmpty)) else {
            return
        }
        memory.add(run.estimatedByteCount)
        runBytes += run.estimatedByteCount
        runs.append(.memory(run))
    }

    /// The pending rows as one sorted run (nil when none are pending); their bytes leave ``memory``.
    private func sortPending(threads: Int, materialize: Bool) throws(SluiceError) -> SortedRun? {
        guard !pending.isEmpty else { return nil }
        let batch = try ColumnConcatenation.concatenate(pending, schema: schema)
        pending = []
        let run = try SortedRun(batch: batch, keys: keys, threads: threads, materialize: materialize)
        memory.remove(pendingBytes)
        pendingBytes = 0
        return run
    }

    /// Writes the pending rows (sorted) and every run in memory to disk, and frees their memory.
    private func spillToDisk(threads: Int = 1) throws(SluiceError) {
        if let run = try sortPending(threads: threads, materialize: false) {
            runs.append(.disk(try spill.write(run, schema: schema)))
        }
        for (index, run) in runs.enumerated() {
            if case .memory(let sorted) = run { runs[index] = .disk(try spill.write(sorted, schema: schema)) }
        }
        memory.remove(runBytes)
        runBytes = 0
        reservation.release()
    }
}
