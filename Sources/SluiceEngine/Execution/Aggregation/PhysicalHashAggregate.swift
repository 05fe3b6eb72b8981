public import SluiceCore

/// `GROUP BY` (and `DISTINCT`, with no aggregates) by hashing: each input lane aggregates into
/// its own key table and states on its own thread; then the lanes' groups merge, partitioned
/// by key hash so that every thread merges its own share. Output: the group key columns, then
/// one column per aggregate, in batches of at most 65,536 rows. Without group keys the result
/// is exactly one row, even for no input (`count` 0, `sum` null).
///
/// Memory: ``memoryUsedBytes`` counts the tables and states; spilling (not built yet) would
/// write the merge partitions to disk, since each is complete on its own.
public final class PhysicalHashAggregate: PhysicalOperator {
    public let schema: Schema
    private let inputs: [any PhysicalOperator]
    private let groupKeys: [Int]
    private let aggregates: [AggregateCall]
    private let threads: Int
    private let keyTypes: [DataType]
    private let inputTypes: [DataType?]
    private var results: [AggregationState]?
    private var resultIndex = 0
    private var groupOffset = 0

    /// Rows per output batch at most.
    static let maximumBatchRows = 65_536

    public init(inputs: [any PhysicalOperator], groupKeys: [Int], aggregates: [AggregateCall], threads: Int) throws(SluiceError) {
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
        keyTypes = groupKeys.map { inputSchema.fields[$0].type }
        inputTypes = aggregates.map { call in call.input.map { inputSchema.fields[$0].type } }
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

    public func next() throws(SluiceError) -> RecordBatch? {
        if results == nil { results = try aggregate() }
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
        return nil
    }

    /// Drains every lane into its own state, then merges them into hash partitions.
    private func aggregate() throws(SluiceError) -> [AggregationState] {
        var lanes: [AggregationState] = []
        for _ in inputs { lanes.append(try makeState()) }
        let laneStates = lanes
        let groupKeys = self.groupKeys
        let aggregates = self.aggregates
        try LaneDriver.drain(inputs, threads: threads) { lane, batch throws(SluiceError) in
            try laneStates[lane].consume(batch, groupKeys: groupKeys, aggregates: aggregates)
        }
        let laneBytes = lanes.reduce(0) { $0 + $1.memoryUsedBytes }
        memoryUsedBytes = laneBytes
        if lanes.count == 1 { return lanes }
        for lane in lanes {
            for accumulator in lane.accumulators { accumulator.sealForMerge() }
        }
        let partitionCount = keyTypes.isEmpty ? 1 : threads
        let merged = TaskResults<AggregationState>(count: partitionCount)
        try ParallelTasks.run(count: partitionCount, threads: threads) { partition throws(SluiceError) in
            merged.store(try AggregationState.merged(laneStates, partition: partition, of: partitionCount), at: partition)
        }
        let partitions = merged.collect()
        memoryUsedBytes = laneBytes + partitions.reduce(0) { $0 + $1.memoryUsedBytes }
        return partitions
    }

    public var explainLine: String {
        let keys = groupKeys.map { "#\($0)" }.joined(separator: ", ")
        let calls = aggregates.map { call in
            guard let input = call.input else { return "count(*)" }
            return "\(call.kind.functionName)(\(call.isDistinct ? "DISTINCT " : "")#\(input))"
        }.joined(separator: ", ")
        return "HashAggregate keys=[\(keys)] aggregates=[\(calls)]"
    }

    public var children: [any PhysicalOperator] { [inputs[0]] }
}
