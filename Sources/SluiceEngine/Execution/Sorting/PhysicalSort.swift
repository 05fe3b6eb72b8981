import Dispatch
public import SluiceCore
import Synchronization

/// `ORDER BY` (and with `limit`, `ORDER BY … LIMIT`): sorts the rows of all input lanes by `keys`.
///
/// Each lane is pulled by its own thread and collects its rows: into sorted runs for a full sort
/// (``RunCollector``), or only its best `limit + offset` rows for a top-N (``TopNCollector``).
/// The runs of all lanes are then merged (``RunMerger``) into batches of at most 64 Ki rows.
/// Rows with equal keys keep their order within a lane. ``memoryUsedBytes`` counts the rows held.
public final class PhysicalSort: PhysicalOperator {
    public let schema: Schema
    public let keys: [SortKey]
    public let limit: Int?
    public let offset: Int
    private let inputs: [any PhysicalOperator]
    private let threads: Int
    private let memory = MemoryCounter()
    /// Above this many rows (limit plus offset), a top-N sorts everything instead: keeping the
    /// best rows per lane no longer saves much, and the full sort runs in parallel.
    static let topNRowLimit = 1 << 20
    private var merger: RunMerger?
    private var done = false

    public init(inputs: [any PhysicalOperator], keys: [SortKey], limit: Int? = nil, offset: Int = 0, threads: Int) {
        self.inputs = inputs
        self.schema = inputs.first?.schema ?? Schema([])
        self.keys = keys
        self.limit = limit.map { max(0, $0) }
        self.offset = max(0, offset)
        self.threads = max(1, threads)
    }

    /// Bytes of rows the sort holds now.
    public var memoryUsedBytes: Int { memory.currentBytes }
    /// The most bytes of rows it held at once.
    public var peakMemoryUsedBytes: Int { memory.peakBytes }

    public func next() throws(SluiceError) -> RecordBatch? {
        if done { return nil }
        if merger == nil { merger = try collect() }
        guard let merger, let batch = try merger.next() else {
            done = true
            self.merger = nil
            memory.remove(memory.currentBytes)
            return nil
        }
        return batch
    }

    public var explainLine: String {
        var line = "Sort keys=[\(keys.map(\.explainText).joined(separator: ", "))]"
        if let limit { line += " limit=\(limit)" }
        if offset > 0 { line += " offset=\(offset)" }
        return line
    }

    public var children: [any PhysicalOperator] { inputs.isEmpty ? [] : [inputs[0]] }

    // MARK: Collecting

    private func collect() throws(SluiceError) -> RunMerger {
        var kinds: [SortKeyKind] = []
        for key in keys {
            guard key.column >= 0, key.column < schema.count else {
                throw SluiceError.internal("Sort key #\(key.column) is outside the input's \(schema.count) columns.", domain: .query)
            }
            kinds.append(try SortKeyKind.of(schema.fields[key.column].type, column: key.column))
        }
        let firstKeyDecides = kinds.count == 1 && kinds[0].isSingleWord
        let runs: [SortedRun]
        if keys.isEmpty {
            // No keys: arrival order (lane by lane) is as good as any.
            runs = try collectRuns(keys: [])
        } else if let limit, limit.addingReportingOverflow(offset).partialValue <= Self.topNRowLimit,
                  !limit.addingReportingOverflow(offset).overflow {
            runs = limit == 0 ? [] : try collectTopN(keep: limit + offset)
        } else {
            runs = try collectRuns(keys: keys)
        }
        return RunMerger(runs: runs, schema: schema, keys: keys, firstKeyDecides: firstKeyDecides, offset: offset, limit: limit)
    }

    private func collectRuns(keys: [SortKey]) throws(SluiceError) -> [SortedRun] {
        let several = inputs.count > 1
        let collectors = LaneSlots(inputs.map { _ in
            RunCollector(schema: schema, keys: keys, memory: memory, materializesRuns: several)
        })
        try LaneDriver.drain(inputs, threads: threads) { lane, batch throws(SluiceError) in
            try collectors.items[lane].add(batch)
        }
        let perLane = max(1, threads / max(1, inputs.count))
        try collectors.forEachInParallel(threads: threads) { collector throws(SluiceError) in
            try collector.flush(threads: perLane)
        }
        return collectors.items.flatMap(\.runs)
    }

    private func collectTopN(keep: Int) throws(SluiceError) -> [SortedRun] {
        var collectors: [TopNCollector] = []
        for _ in inputs { collectors.append(try TopNCollector(schema: schema, keys: keys, keep: keep, memory: memory)) }
        let slots = LaneSlots(collectors)
        try LaneDriver.drain(inputs, threads: threads) { lane, batch throws(SluiceError) in
            try slots.items[lane].add(batch)
        }
        let runs = Mutex<[SortedRun?]>(Array(repeating: nil, count: collectors.count))
        let indexed = LaneSlots(Array(collectors.enumerated()))
        try indexed.forEachInParallel(threads: threads) { item throws(SluiceError) in
            let run = try item.element.finish()
            runs.withLock { $0[item.offset] = run }
        }
        return runs.withLock { $0.compactMap { $0 } }
    }
}
