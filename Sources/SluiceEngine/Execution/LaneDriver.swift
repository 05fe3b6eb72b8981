public import SluiceCore

/// Drives several lanes of one pipeline at once, one thread per lane (at most `threads`
/// at a time), handing every batch to `consume` with its lane's index. Operators that gather
/// lanes (aggregation, join build, sort) keep per-lane state indexed by that number, so
/// `consume` never shares mutable state between lanes.
public enum LaneDriver {
    /// Pulls every lane to its end. The first error (in lane order) is thrown after all lanes stop.
    public static func drain(
        _ lanes: [any PhysicalOperator],
        threads: Int = 2,
        consume: @Sendable (_ lane: Int, _ batch: RecordBatch) throws(SluiceError) -> Void
    ) throws(SluiceError) {
        let boxes = lanes.map(LaneBox.init)
        try ParallelTasks.run(count: boxes.count, threads: threads) { index throws(SluiceError) in
            while let batch = try boxes[index].lane.next() { try consume(index, batch) }
        }
    }
}

/// Hands one lane to the thread that drives it.
/// `@unchecked Sendable`: each lane is pulled by exactly one thread (one task per lane).
private final class LaneBox: @unchecked Sendable {
    let lane: any PhysicalOperator
    init(_ lane: any PhysicalOperator) { self.lane = lane }
}
