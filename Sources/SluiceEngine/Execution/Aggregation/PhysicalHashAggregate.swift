public import SluiceCore

/// `GROUP BY` (and `DISTINCT`, with no aggregates) by hashing: each input lane aggregates into
/// its own key table and states on its own thread; then the lanes' groups merge, partitioned
/// by key hash so that every thread merges its own share. Output: the group key columns, then
/// one column per aggregate, in batches of at most 65,536 rows. Without group keys the result
/// is exactly one row, even for no input (`count` 0, `sum` null).
///
/// Memory: each lane reserves its tables and states from the query's budget (twice over, to
/// leave room for the merge). When a lane is refused, it stops creating groups: rows whose key
/// has a group still aggregate in memory, rows with a new key go to hash partitions on disk
/// (``AggregationSpillPartitioner``). The partitions are then aggregated one after the other,
/// each from its share of the lanes' groups plus its spilled rows (``SpilledAggregation``), so
/// only a partition's groups are in memory at a time. Accumulator states are never written to
/// disk, so every aggregate spills alike. Without group keys there is one group: nothing spills.
public final class PhysicalHashAggregate: PhysicalOperator {
    public let schema: Schema
    private let inputs: [any PhysicalOperator]
    private let groupKeys: [Int]
    private let aggregates: [AggregateCall]
    private let threads: Int
    private let keyTypes: [DataType]
    private let inputTypes: [DataType?]
    /// The input columns the aggregation reads, which is what spills.
    private let layout: AggregationLayout
    private let context: ExecutionContext
    private let spillStatistics: SpillStatistics
    private let reservation: MemoryReservation
    private var results: [AggregationState]?
    private var spilled: SpilledAggregation?
    private var resultIndex = 0
    private var groupOffset = 0

    /// Rows per output batch at most.
    static let maximumBatchRows = 65_536

    public init(
        inputs: [any PhysicalOperator], groupKeys: [Int], aggregates: [AggregateCall], threads: Int,
        context: ExecutionContext = ExecutionContext()
    ) throws(SluiceError) {
        guard let first = inputs.first else {
            throw SluiceError.internal("A hash aggregation needs at least one input lane.", domain: .query)
        }
        let inputSchema = first.schema
        for column in groupKeys + aggregates.compactMap(\.input) where column < 0 || column >= inputSchema.count {
            throw SluiceError.internal("A hash aggregation refers to column #\(column) of an input with \(inputSchema.count) columns.",
                                       domain: .query)
        }
        self.inputs = inputs
        self.groupKeys = groupKeys
        self.aggregates = aggregates
        self.threads = max(1, threads)
        self.context = context
        spillStatistics = SpillStatistics(total: context.spillStatistics)
        reservation = MemoryReservation(context.memory)
        keyTypes = groupKeys.map { inputSchema.fields[$0].type }
        inputTypes = aggregates.map { call in call.input.map { inputSchema.fields[$0].type } }
        layout = AggregationLayout(input: inputSchema, groupKeys: groupKeys, aggregates: aggregates)
        schema = Schema(groupKeys.map { inputSchema.fields[$0] } + aggregates.map { Field($0.name, $0.resultType) })
        // Refuse unusable keys and aggregates now rather than at the first batch.
        _ = try makeState()
    }

    private func makeState() throws(SluiceError) -> AggregationState {
        let table = try KeyTable(keyTypes: keyTypes, nullsAreKeys: true, operatorName: "GROUP BY")
        var accumulators: [any GroupAccumulator] = []
        for (call, inputType) in zip(aggregates, inputTypes) {
            accumulators.append(try GroupAccumulatorFactory.make(call, inputType: inputType))
        }
        return AggregationState(table: table, accumulators: accumulators)
    }

    /// Bytes held by the key tables and aggregate states (lanes and merged partitions).
    public private(set) var memoryUsedBytes = 0
    /// Bytes of spill files written (0 when the groups fit in memory).
    public var spilledBytes: Int { spillStatistics.bytesWritten }

    public func next() throws(SluiceError) -> RecordBatch? {
        if results == nil && spilled == nil { results = try aggregate() }
        if let spilled {
            if let batch = try spilled.next(schema: schema, maximumRows: Self.maximumBatchRows) { return batch }
            reservation.release()
            return nil
        }
        guard let results else { return nil }
        while resultIndex < results.count {
            let state = results[resultIndex]
            let groupCount = state.table.groupCount
            if groupOffset < groupCount {
                let end = min(groupCount, groupOffset + Self.maximumBatchRows)
                defer { groupOffset = end }
                return try state.output(groupOffset..<end, schema: schema)
            }
            resultIndex += 1
            groupOffset = 0
        }
        self.results = []
        reservation.release()
        return nil
    }

    /// Drains every lane into its own state, then merges them into hash partitions; or, when
    /// some lane spilled, sets up ``spilled`` and returns nil.
    private func aggregate() throws(SluiceError) -> [AggregationState]? {
        var lanes: [AggregationState] = []
        for _ in inputs { lanes.append(try makeState()) }
        let laneStates = lanes
        let layout = self.layout
        let canSpill = !keyTypes.isEmpty
        let context = self.context
        let spills = LaneSlots(inputs.map { _ in LaneSpill(reservation: MemoryReservation(context.memory)) })
        let statistics = spillStatistics
        let writers = threads
        let minimumSpillBytes = context.memory.limitBytes / max(1, 2 * inputs.count)
        try LaneDriver.drain(inputs, threads: threads) { lane, input throws(SluiceError) in
            let state = laneStates[lane]
            let spill = spills.items[lane]
            for batch in try layout.pieces(of: input, budget: context.memory) {
                if let partitioner = spill.partitioner {
                    let (rows, hashes) = try state.consumeExisting(batch, groupKeys: layout.groupKeys, aggregates: layout.aggregates)
                    if !rows.isEmpty { try partitioner.add(batch, rows: rows, hashes: hashes) }
                    spill.reservation.resize(to: 2 * state.memoryUsedBytes)
                    continue
                }
                try state.consume(batch, groupKeys: layout.groupKeys, aggregates: layout.aggregates)
                // Twice the states: the merge builds a copy of them.
                let wanted = 2 * state.memoryUsedBytes
                guard !spill.reservation.tryResize(to: wanted) else { continue }
                // A lane below half its share goes on making groups: another lane holds the memory.
                let keepsGrowing = spill.reservation.bytes < minimumSpillBytes
                spill.reservation.resize(to: wanted)
                if canSpill && !keepsGrowing {
                    spill.partitioner = AggregationSpillPartitioner(
                        level: 0, schema: layout.schema, context: context, statistics: statistics, writers: writers)
                }
            }
        }
        let laneBytes = lanes.reduce(0) { $0 + $1.memoryUsedBytes }
        memoryUsedBytes = laneBytes
        let laneReservations = spills.items.map(\.reservation)
        if spills.items.contains(where: { $0.partitioner != nil }) {
            try startSpilledAggregation(lanes, reservations: laneReservations, partitioners: spills.items.compactMap(\.partitioner))
            return nil
        }
        if lanes.count == 1 {
            // The lane's state is the result: it stays reserved until handed out.
            reservation.resize(to: laneBytes)
            return lanes
        }
        for lane in lanes {
            for accumulator in lane.accumulators { accumulator.sealForMerge() }
        }
        let partitionCount = keyTypes.isEmpty ? 1 : threads
        let merged = TaskResults<AggregationState>(count: partitionCount)
        try ParallelTasks.run(count: partitionCount, threads: threads) { partition throws(SluiceError) in
            merged.store(try AggregationState.merged(laneStates, partition: partition, of: partitionCount), at: partition)
        }
        let partitions = merged.collect()
        let partitionBytes = partitions.reduce(0) { $0 + $1.memoryUsedBytes }
        memoryUsedBytes = laneBytes + partitionBytes
        // The lanes' states go when this returns; the merged partitions stay until handed out.
        reservation.resize(to: partitionBytes)
        for laneReservation in laneReservations { laneReservation.release() }
        return partitions
    }

    private func startSpilledAggregation(
        _ lanes: [AggregationState], reservations: [MemoryReservation], partitioners: [AggregationSpillPartitioner]
    ) throws(SluiceError) {
        for lane in lanes {
            for accumulator in lane.accumulators { accumulator.sealForMerge() }
        }
        var partitionSpills = [[SpillChunks]](repeating: [], count: AggregationSpillPartitioner.fanout)
        for partitioner in partitioners {
            for (partition, chunks) in try partitioner.finish().enumerated() {
                if let chunks { partitionSpills[partition].append(chunks) }
            }
        }
        // The merge happens one partition at a time now: the lanes need no room for a copy.
        for (lane, laneReservation) in zip(lanes, reservations) { laneReservation.resize(to: lane.memoryUsedBytes) }
        let setup = SpilledAggregation.Setup(
            groupKeys: layout.groupKeys, aggregates: layout.aggregates, schema: layout.schema, threads: threads, context: context,
            statistics: spillStatistics)
        spilled = SpilledAggregation(setup: setup, lanes: lanes, laneReservations: reservations, spills: partitionSpills)
    }

    public var explainLine: String {
        let keys = groupKeys.map { "#\($0)" }.joined(separator: ", ")
        let calls = aggregates.map { call in
            guard let input = call.input else { return "count(*)" }
            return "\(call.kind.functionName)(\(call.isDistinct ? "DISTINCT " : "")#\(input))"
        }.joined(separator: ", ")
        var line = "HashAggregate keys=[\(keys)] aggregates=[\(calls)]"
        if spillStatistics.filesWritten > 0, let spilled {
            line += " spilled=\(ByteSize.text(spillStatistics.bytesWritten)) rows=\(spillStatistics.rowsWritten)"
                + " partitions=\(spilled.spilledPartitionCount) levels=\(spilled.deepestLevel + 1)"
        }
        return line
    }

    public var children: [any PhysicalOperator] { [inputs[0]] }
}

/// A lane's spilling: its memory, and once refused, where its new keys' rows go.
private final class LaneSpill {
    let reservation: MemoryReservation
    var partitioner: AggregationSpillPartitioner?

    init(reservation: MemoryReservation) { self.reservation = reservation }
}

/// The columns a hash aggregation reads — its keys and aggregate inputs, each once — and the
/// keys and aggregates renumbered to them. Lanes aggregate these columns only, so spilled rows
/// carry nothing else.
struct AggregationLayout: Sendable {
    /// Input column of each of the layout's columns.
    let columns: [Int]
    let schema: Schema
    let groupKeys: [Int]
    let aggregates: [AggregateCall]

    init(input: Schema, groupKeys: [Int], aggregates: [AggregateCall]) {
        var columns: [Int] = []
        var position: [Int: Int] = [:]
        func place(_ column: Int) -> Int {
            if let known = position[column] { return known }
            columns.append(column)
            position[column] = columns.count - 1
            return columns.count - 1
        }
        self.groupKeys = groupKeys.map(place)
        self.aggregates = aggregates.map { call in
            var renumbered = call
            renumbered.input = call.input.map(place)
            return renumbered
        }
        self.columns = columns
        schema = Schema(columns.map { input.fields[$0] })
    }

    /// Rows per piece when a large batch is aggregated piece by piece (see ``pieces(of:budget:)``).
    static let pieceRows = 16_384

    /// The layout's columns of `batch`, in pieces of ``pieceRows`` rows when the batch is large
    /// next to the memory left, so that a lane notices the limit before it makes a batch's worth
    /// of groups past it.
    func pieces(of batch: RecordBatch, budget: QueryMemoryBudget) throws(SluiceError) -> [RecordBatch] {
        let projected = try project(batch)
        guard projected.count > Self.pieceRows, budget.availableBytes < 8 * projected.estimatedByteCount else { return [projected] }
        return stride(from: 0, to: projected.count, by: Self.pieceRows).map { start in
            projected.take((Int32(start)..<Int32(min(projected.count, start + Self.pieceRows))).map { $0 })
        }
    }

    /// The layout's columns of an input batch; the batch itself when the aggregation reads no
    /// column (`count(*)` alone), as a batch without columns would have no rows.
    func project(_ batch: RecordBatch) throws(SluiceError) -> RecordBatch {
        guard !columns.isEmpty else { return batch }
        return try RecordBatch(schema: schema, columns: columns.map { batch.columns[$0] })
    }
}
