import Dispatch
import Synchronization
public import SluiceCore

/// Drives several lanes of one pipeline at once, one thread per lane (at most `threads`
/// at a time), handing every batch to `consume` with its lane's index. Operators that gather
/// lanes (aggregation, join build, sort) keep per-lane state indexed by that number, so
/// `consume` never shares mutable state between lanes.
public enum LaneDriver {
    /// Pulls every lane to its end. The first error (in lane order) is thrown after all lanes stop;
    /// a failing lane stops pulling at once, the others at their next batch.
    public static func drain(
        _ lanes: [any PhysicalOperator],
        threads: Int = 2,
        consume: @Sendable (_ lane: Int, _ batch: RecordBatch) throws(SluiceError) -> Void
    ) throws(SluiceError) {
        if lanes.isEmpty { return }
        if lanes.count == 1 || threads <= 1 {
            for (index, lane) in lanes.enumerated() {
                while let batch = try lane.next() { try consume(index, batch) }
            }
            return
        }
        let boxes = lanes.map(LaneBox.init)
        let errors = ErrorSlots(count: lanes.count)
        let width = min(threads, lanes.count)
        // Lanes are split across `width` workers; each lane is pulled by exactly one worker.
        DispatchQueue.concurrentPerform(iterations: width) { worker in
            var index = worker
            while index < boxes.count {
                if errors.anyFailed { return }
                do throws(SluiceError) {
                    while let batch = try boxes[index].lane.next() {
                        try consume(index, batch)
                        if errors.anyFailed { return }
                    }
                } catch {
                    errors.record(error, at: index)
                    return
                }
                index += width
            }
        }
        if let error = errors.first { throw error }
    }
}

/// Hands one lane to the worker thread that drives it.
/// `@unchecked Sendable`: each lane is pulled by exactly one worker (see ``LaneDriver/drain``).
private final class LaneBox: @unchecked Sendable {
    let lane: any PhysicalOperator
    init(_ lane: any PhysicalOperator) { self.lane = lane }
}

/// The errors of lanes, by lane index.
private final class ErrorSlots: Sendable {
    private let errors: Mutex<[SluiceError?]>

    init(count: Int) { errors = Mutex(Array(repeating: nil, count: count)) }

    var anyFailed: Bool { errors.withLock { $0.contains { $0 != nil } } }
    var first: SluiceError? { errors.withLock { $0.compactMap { $0 }.first } }
    func record(_ error: SluiceError, at index: Int) { errors.withLock { $0[index] = error } }
}
