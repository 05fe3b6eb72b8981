import SluiceCore

/// The second half of a hash aggregation that spilled: hash partition by hash partition, the
/// lanes' groups of the partition are merged, the partition's spilled rows are folded in
/// (now creating groups), and the partition's groups are handed out before the next partition
/// takes memory — up to `threads` partitions at a time.
///
/// A partition whose groups outgrow the memory limit stops creating groups again: its rows with
/// keys it does not hold go to sub-partitions on disk (the next level's hash bits), processed
/// after every partition of its level, from empty states. Its own groups are then complete, as
/// no row of theirs went to disk. Past ``AggregationSpillPartitioner/maximumLevel`` the
/// aggregation fails with an error saying that the limit is too small.
final class SpilledAggregation {
    /// The state of one aggregation, as partitions need it.
    struct Setup: Sendable {
        let groupKeys: [Int]
        let aggregates: [AggregateCall]
        /// Columns of the spilled rows.
        let schema: Schema
        let threads: Int
        let context: ExecutionContext
        let statistics: SpillStatistics
    }

    /// One hash partition still to aggregate.
    struct Job: Sendable {
        let level: Int
        /// At level 0: which of the lanes' partitions to merge in.
        let partition: Int
        /// Its spilled rows.
        let spills: [SpillChunks]
    }

    /// A partition's finished groups and the memory they hold.
    private struct Finished: Sendable {
        let state: AggregationState
        let reservation: MemoryReservation
    }

    private let setup: Setup
    private let template: AggregationState
    /// The lanes' states and their memory, kept until every level-0 partition has merged them.
    private var lanes: [AggregationState]?
    private var laneReservations: [MemoryReservation]
    private var queue: [Job]
    private var queueHead = 0
    private var finished: [Finished] = []
    private var groupOffset = 0
    /// Partitions that had spilled rows, and the deepest level reached (for `EXPLAIN ANALYZE`).
    private(set) var spilledPartitionCount = 0
    private(set) var deepestLevel = 0

    /// `lanes` hold the groups made in memory (sealed for merging); `spills` the level-0
    /// partitions' spilled rows, one list per partition.
    init(setup: Setup, lanes: [AggregationState], laneReservations: [MemoryReservation], spills: [[SpillChunks]]) {
        self.setup = setup
        template = lanes[0].emptyCopy()
        self.lanes = lanes
        self.laneReservations = laneReservations
        queue = spills.enumerated().map { Job(level: 0, partition: $0.offset, spills: $0.element) }
        spilledPartitionCount = spills.filter { !$0.isEmpty }.count
    }

    /// The next batch of groups (at most `maximumRows`), or nil when every partition is done.
    func next(schema: Schema, maximumRows: Int) throws(SluiceError) -> RecordBatch? {
        while true {
            if let current = finished.first {
                let groupCount = current.state.table.groupCount
                if groupOffset < groupCount {
                    let end = min(groupCount, groupOffset + maximumRows)
                    defer { groupOffset = end }
                    return try current.state.output(groupOffset..<end, schema: schema)
                }
                current.reservation.release()
                finished.removeFirst()
                groupOffset = 0
                continue
            }
            guard queueHead < queue.count else { return nil }
            try runRound()
        }
    }

    /// Aggregates the next `threads` partitions in parallel.
    private func runRound() throws(SluiceError) {
        let count = min(setup.threads, queue.count - queueHead)
        let jobs = Array(queue[queueHead..<queueHead + count])
        queueHead += count
        let results = TaskResults<(index: Int, finished: Finished, children: [Job])>(count: count)
        let lanes = self.lanes
        try ParallelTasks.run(count: count, threads: setup.threads) { [setup, template] index throws(SluiceError) in
            let (finished, children) = try Self.aggregate(jobs[index], lanes: lanes, template: template, setup: setup)
            results.store((index, finished, children), at: index)
        }
        for result in results.collect() {
            finished.append(result.finished)
            queue.append(contentsOf: result.children)
            spilledPartitionCount += result.children.count
            if let level = result.children.first?.level { deepestLevel = max(deepestLevel, level) }
        }
        if queue[queueHead...].allSatisfy({ $0.level > 0 }) {
            // Every level-0 partition has merged its share of the lanes: their memory can go.
            self.lanes = nil
            for reservation in laneReservations { reservation.release() }
            laneReservations = []
        }
        queue.removeFirst(queueHead)
        queueHead = 0
    }

    /// One partition: merge the lanes' groups (level 0), fold the spilled rows in, split off
    /// what does not fit.
    private static func aggregate(
        _ job: Job, lanes: [AggregationState]?, template: AggregationState, setup: Setup
    ) throws(SluiceError) -> (Finished, [Job]) {
        let reservation = MemoryReservation(setup.context.memory)
        let state: AggregationState
        if job.level == 0, let lanes {
            state = try AggregationState.merged(lanes) {
                AggregationSpillPartitioner.partition(ofHash: $0, level: 0) == job.partition
            }
        } else {
            state = template.emptyCopy()
        }
        reservation.resize(to: state.memoryUsedBytes)
        var isFull = false
        var partitioner: AggregationSpillPartitioner?
        for spill in job.spills {
            let reader = try SpillFileReader(spill)
            while let batch = try reader.next() {
                if !isFull {
                    try state.consume(batch, groupKeys: setup.groupKeys, aggregates: setup.aggregates)
                    isFull = !reservation.tryResize(to: state.memoryUsedBytes)
                    if isFull { reservation.resize(to: state.memoryUsedBytes) }
                    continue
                }
                let (rows, hashes) = try state.consumeExisting(batch, groupKeys: setup.groupKeys, aggregates: setup.aggregates)
                reservation.resize(to: state.memoryUsedBytes)
                guard !rows.isEmpty else { continue }
                guard job.level < AggregationSpillPartitioner.maximumLevel else {
                    throw tooManyGroups(setup: setup, stateBytes: state.memoryUsedBytes)
                }
                if partitioner == nil {
                    partitioner = AggregationSpillPartitioner(
                        level: job.level + 1, schema: setup.schema, context: setup.context, statistics: setup.statistics,
                        writers: setup.threads)
                }
                try partitioner.unsafelyUnwrapped.add(batch, rows: rows, hashes: hashes)
            }
        }
        var children: [Job] = []
        if let partitioner {
            for (partition, chunks) in try partitioner.finish().enumerated() {
                if let chunks { children.append(Job(level: job.level + 1, partition: partition, spills: [chunks])) }
            }
        }
        return (Finished(state: state, reservation: reservation), children)
    }

    private static func tooManyGroups(setup: Setup, stateBytes: Int) -> SluiceError {
        let parts = 1 << (4 * (AggregationSpillPartitioner.maximumLevel + 1))
        return SluiceError(
            domain: .query, code: "query.memoryLimit",
            message: "GROUP BY could not fit the groups of one of \(parts) hash partitions in memory "
                + "(\(ByteSize.text(stateBytes)) and growing) under the query's memory limit of "
                + "\(ByteSize.text(setup.context.memory.limitBytes)).",
            hint: "Raise the limit with --memory-limit (or SLUICE_MEMORY_LIMIT); the groups of one partition must fit in memory.")
    }
}
