import SluiceCore

/// The groups of one lane (or one merged partition) of a hash aggregation: a key table and
/// one accumulator per aggregate, all indexed by group id.
///
/// `@unchecked Sendable`: a lane's state is filled by the one thread that drives the lane;
/// while partitions merge, lane states are only read, and each partition's state is written
/// by its own thread.
final class AggregationState: @unchecked Sendable {
    let table: KeyTable
    let accumulators: [any GroupAccumulator]

    init(table: KeyTable, accumulators: [any GroupAccumulator]) {
        self.table = table
        self.accumulators = accumulators
        for accumulator in accumulators { accumulator.reserveGroups(table.groupCount) }
    }

    /// An empty state for the same keys and aggregates, sized for `expectedGroups`.
    func emptyCopy(expectedGroups: Int = 0) -> AggregationState {
        AggregationState(table: table.emptyCopy(expectedGroups: expectedGroups), accumulators: accumulators.map { $0.emptyCopy() })
    }

    var memoryUsedBytes: Int { accumulators.reduce(table.memoryUsedBytes) { $0 + $1.memoryUsedBytes } }

    /// Folds one input batch in: groups of its key columns, then every aggregate.
    func consume(_ batch: RecordBatch, groupKeys: [Int], aggregates: [AggregateCall]) throws(SluiceError) {
        let keys = table.prepare(groupKeys.map { batch.columns[$0] }, rowCount: batch.count)
        let groups = table.findOrInsert(keys)
        for (accumulator, call) in zip(accumulators, aggregates) {
            accumulator.reserveGroups(table.groupCount)
            try accumulator.update(groups: groups, column: call.input.map { batch.columns[$0] }, rowCount: batch.count)
        }
    }

    /// The groups of all `lanes` whose key hash falls in `partition` (of `partitionCount`), merged.
    static func merged(_ lanes: [AggregationState], partition: Int, of partitionCount: Int) throws(SluiceError) -> AggregationState {
        try merged(lanes) { Self.partition(ofHash: $0, count: partitionCount) == partition }
    }

    /// The groups of all `lanes` whose key hash passes `belongs`, merged into a new state.
    static func merged(_ lanes: [AggregationState], where belongs: (UInt64) -> Bool) throws(SluiceError) -> AggregationState {
        let sources = lanes.map { lane in
            var groups: [Int32] = []
            for group in 0..<lane.table.groupCount where belongs(lane.table.groupHash(group)) {
                groups.append(Int32(truncatingIfNeeded: group))
            }
            return groups
        }
        let state = lanes[0].emptyCopy(expectedGroups: sources.map(\.count).max() ?? 0)
        for (lane, groups) in zip(lanes, sources) where !groups.isEmpty {
            let targets = state.table.insertGroups(groups, of: lane.table)
            for (accumulator, laneAccumulator) in zip(state.accumulators, lane.accumulators) {
                accumulator.reserveGroups(state.table.groupCount)
                try accumulator.merge(laneAccumulator, sources: groups, targets: targets)
            }
        }
        return state
    }

    /// The merge partition of a key hash: its high bits, which table slots do not use first.
    static func partition(ofHash hash: UInt64, count: Int) -> Int {
        count <= 1 ? 0 : Int(truncatingIfNeeded: (hash >> 40) % UInt64(count))
    }

    /// Folds in the rows of `batch` whose key already has a group, without adding groups; returns
    /// the other rows and their key hashes (for a spill partition), in row order.
    func consumeExisting(
        _ batch: RecordBatch, groupKeys: [Int], aggregates: [AggregateCall]
    ) throws(SluiceError) -> (rows: [Int32], hashes: [UInt64]) {
        let keys = table.prepare(groupKeys.map { batch.columns[$0] }, rowCount: batch.count)
        let groups = table.find(keys)
        var found: [Int32] = []
        var foundGroups: [Int32] = []
        var missing: [Int32] = []
        var missingHashes: [UInt64] = []
        for (row, group) in groups.enumerated() {
            if group >= 0 {
                found.append(Int32(truncatingIfNeeded: row))
                foundGroups.append(group)
            } else {
                missing.append(Int32(truncatingIfNeeded: row))
                missingHashes.append(keys.hashes[row])
            }
        }
        guard !found.isEmpty else { return (missing, missingHashes) }
        // Each aggregate's input, cut to the found rows once even when several aggregates share it.
        var inputs: [Int: Column] = [:]
        for (accumulator, call) in zip(accumulators, aggregates) {
            var column: Column?
            if let input = call.input {
                let taken = inputs[input] ?? (missing.isEmpty ? batch.columns[input] : batch.columns[input].take(found))
                inputs[input] = taken
                column = taken
            }
            try accumulator.update(groups: foundGroups, column: column, rowCount: found.count)
        }
        return (missing, missingHashes)
    }

    /// Key columns then one result column per aggregate, for groups `range`.
    func output(_ range: Range<Int>, schema: Schema) throws(SluiceError) -> RecordBatch {
        var columns = table.keyColumns(range)
        for accumulator in accumulators { columns.append(try accumulator.finish(range)) }
        return try RecordBatch(schema: schema, columns: columns)
    }
}
