import SluiceCore

/// One lane's rows for a full sort: batches pile up until they reach ``runByteLimit``, then
/// the lane sorts them into a ``SortedRun`` on its own thread, so lanes sort in parallel while
/// they read. Writing such runs to disk is where spilling will hook in.
final class RunCollector {
    /// Bytes of rows per run: bounded so that a run's text stays within 32-bit offsets and a
    /// future spill writes runs of a useful size.
    static let runByteLimit = 256 << 20

    private let schema: Schema
    private let keys: [SortKey]
    private let memory: MemoryCounter
    /// Copy runs into sorted order (see ``SortedRun``): worth it when runs will be merged.
    private let materializesRuns: Bool
    private var pending: [RecordBatch] = []
    private var pendingBytes = 0
    private(set) var runs: [SortedRun] = []

    init(schema: Schema, keys: [SortKey], memory: MemoryCounter, materializesRuns: Bool) {
        self.schema = schema
        self.keys = keys
        self.memory = memory
        self.materializesRuns = materializesRuns
    }

    func add(_ batch: RecordBatch) throws(SluiceError) {
        guard batch.count > 0 else { return }
        let bytes = batch.estimatedByteCount
        pending.append(batch)
        pendingBytes += bytes
        memory.add(bytes)
        if pendingBytes >= Self.runByteLimit { try flush(threads: 1, materialize: true) }
    }

    /// Sorts the rows still pending into a run.
    func flush(threads: Int, materialize: Bool? = nil) throws(SluiceError) {
        guard !pending.isEmpty else { return }
        let batch = try ColumnConcatenation.concatenate(pending, schema: schema)
        pending = []
        let run = try SortedRun(
            batch: batch, keys: keys, threads: threads, materialize: materialize ?? (materializesRuns || !runs.isEmpty))
        memory.add(run.estimatedByteCount)
        memory.remove(pendingBytes)
        pendingBytes = 0
        runs.append(run)
    }
}
