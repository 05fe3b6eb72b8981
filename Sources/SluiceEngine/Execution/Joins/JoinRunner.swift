import SluiceCore

/// Runs a join's probe side once the build side is ready: in rounds, up to `threads` lanes
/// each make one output batch in parallel; the batches are handed out one by one. When every
/// lane is done, right and full joins add the build rows no lane matched, with nulls on the left.
final class JoinRunner {
    private let join: JoinSpecification
    private let lanes: [JoinProbeLane]
    private let threads: Int
    private let leftSchema: Schema
    private var pending: [RecordBatch] = []
    private var nextLane = 0
    private var unmatchedRight: [Int32]?
    private var unmatchedOffset = 0

    init(join: JoinSpecification, lanes: [any PhysicalOperator], leftSchema: Schema, threads: Int) {
        self.join = join
        self.lanes = lanes.map(JoinProbeLane.init)
        self.leftSchema = leftSchema
        self.threads = max(1, threads)
    }

    func next() throws(SluiceError) -> RecordBatch? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            let active = lanes.indices.filter { !lanes[$0].isExhausted }
            if active.isEmpty { return try nextUnmatchedRight() }
            let width = min(threads, active.count)
            let start = nextLane % active.count
            let chosen = (0..<width).map { lanes[active[(start + $0) % active.count]] }
            nextLane += width
            let results = TaskResults<RecordBatch>(count: width)
            let join = self.join
            try ParallelTasks.run(count: width, threads: width) { index throws(SluiceError) in
                if let output = try chosen[index].step(join) { results.store(output, at: index) }
            }
            pending = results.collect()
        }
    }

    private func nextUnmatchedRight() throws(SluiceError) -> RecordBatch? {
        guard join.tracksMatchedRight else { return nil }
        if unmatchedRight == nil {
            var matched = [Bool](repeating: false, count: join.build.rowCount)
            for lane in lanes where lane.matchedRight.count == matched.count {
                for row in 0..<matched.count where lane.matchedRight[row] { matched[row] = true }
            }
            unmatchedRight = matched.indices.filter { !matched[$0] }.map { Int32(truncatingIfNeeded: $0) }
        }
        guard let unmatched = unmatchedRight, unmatchedOffset < unmatched.count else { return nil }
        let end = min(unmatched.count, unmatchedOffset + JoinSpecification.maximumBatchRows)
        let rows = Array(unmatched[unmatchedOffset..<end])
        unmatchedOffset = end
        let leftColumns = leftSchema.fields.map { Column.nulls($0.type, count: rows.count) }
        return try RecordBatch(schema: join.outputSchema, columns: leftColumns + join.build.batch.columns.map { $0.take(rows) })
    }
}
