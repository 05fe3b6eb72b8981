import Dispatch
public import SluiceCore
import Synchronization

/// `ORDER BY` (and with `limit`, `ORDER BY … LIMIT`): sorts the rows of all input lanes by `keys`.
///
/// Each lane is pulled by its own thread and collects its rows: into sorted runs for a full sort
/// (``RunCollector``), or only its best `limit + offset` rows for a top-N (``TopNCollector``).
/// The runs of all lanes are then merged (``RunMerger``) into batches of at most 64 Ki rows.
/// Rows with equal keys keep their order within a lane. ``memoryUsedBytes`` counts the rows held.
///
/// A full sort whose rows pass the query's memory limit spills: lanes write sorted runs to disk
/// (``RunCollector``, ``SortSpill``) and the merge streams them back a chunk at a time. A top-N
/// keeps only its best rows and never spills.
public final class PhysicalSort: PhysicalOperator {
    public let schema: Schema
    public let keys: [SortKey]
    public let limit: Int?
    public let offset: Int
    private let inputs: [any PhysicalOperator]
    private let threads: Int
    private let memory = MemoryCounter()
    private let spill: SortSpill
    /// The memory of the runs the merge reads, held until it is done.
    private var reservations: [MemoryReservation] = []
    /// Runs written to disk (for `EXPLAIN ANALYZE`).
    private var spilledRunCount = 0
    /// Above this many rows (limit plus offset), a top-N sorts everything instead: keeping the
    /// best rows per lane no longer saves much, and the full sort runs in parallel.
    static let topNRowLimit = 1 << 20
    private var merger: RunMerger?
    private var done = false

    public init(
        inputs: [any PhysicalOperator], keys: [SortKey], limit: Int? = nil, offset: Int = 0, threads: Int,
        context: ExecutionContext = ExecutionContext()
    ) {
        self.inputs = inputs
        self.schema = inputs.first?.schema ?? Schema([])
        self.keys = keys
        self.limit = limit.map { max(0, $0) }
        self.offset = max(0, offset)
        self.threads = max(1, threads)
        spill = SortSpill(context: context, statistics: SpillStatistics(total: context.spillStatistics))
    }

    /// Bytes of sorted runs written to disk (0 when the rows fit in memory).
    public var spilledBytes: Int { spill.statistics.bytesWritten }

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
            for reservation in reservations { reservation.release() }
            reservations = []
            return nil
        }
        return batch
    }

    public var explainLine: String {
        var line = "Sort keys=[\(keys.map(\.explainText).joined(separator: ", "))]"
        if let limit { line += " limit=\(limit)" }
        if offset > 0 { line += " offset=\(offset)" }
        if spilledRunCount > 0 {
            line += " spilled=\(ByteSize.text(spill.statistics.bytesWritten)) runs=\(spilledRunCount)"
        }
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
        let runs: [SortRun]
        if keys.isEmpty {
            // No keys: arrival order (lane by lane) is as good as any.
            runs = try collectRuns(keys: [])
        } else if let limit, limit.addingReportingOverflow(offset).partialValue <= Self.topNRowLimit,
                  !limit.addingReportingOverflow(offset).overflow {
            runs = limit == 0 ? [] : try collectTopN(keep: limit + offset).map { .memory($0) }
        } else {
            runs = try collectRuns(keys: keys)
        }
        let reservation = MemoryReservation(spill.context.memory)
        reservations.append(reservation)
        return try RunMerger(
            runs: try narrowed(runs, firstKeyDecides: firstKeyDecides), schema: schema, keys: keys, firstKeyDecides: firstKeyDecides,
            offset: offset, limit: limit, reservation: reservation)
    }

    private func collectRuns(keys: [SortKey]) throws(SluiceError) -> [SortRun] {
        let several = inputs.count > 1
        let collectors = LaneSlots(inputs.map { _ in
            RunCollector(schema: schema, keys: keys, memory: memory, spill: spill, laneCount: inputs.count, materializesRuns: several)
        })
        reservations += collectors.items.map(\.reservation)
        try LaneDriver.drain(inputs, threads: threads) { lane, batch throws(SluiceError) in
            try collectors.items[lane].add(batch)
        }
        // Once any lane spilled, every lane's runs go to disk: the merge then reads all of them a
        // chunk at a time and holds no whole run.
        let toDisk = collectors.items.contains(where: \.hasSpilled)
        let perLane = max(1, threads / max(1, inputs.count))
        try collectors.forEachInParallel(threads: threads) { collector throws(SluiceError) in
            try collector.flush(threads: perLane, toDisk: toDisk)
        }
        let runs = collectors.items.flatMap(\.runs)
        spilledRunCount = runs.filter(\.isOnDisk).count
        return runs
    }

    /// `runs`, with groups of runs on disk merged into longer runs until one merge can read a
    /// chunk of each within the memory limit. Groups are consecutive, so ties keep their order.
    private func narrowed(_ runs: [SortRun], firstKeyDecides: Bool) throws(SluiceError) -> [SortRun] {
        var runs = runs
        let width = spill.maximumMergeWidth
        var start = 0
        while runs.count > width {
            if start + width > runs.count { start = 0 }
            let group = Array(runs[start..<start + width])
            let merged = try spill.merge(group, schema: schema, keys: keys, firstKeyDecides: firstKeyDecides)
            runs.replaceSubrange(start..<start + width, with: [.disk(merged)])
            spilledRunCount += 1
            start += 1
        }
        return runs
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
