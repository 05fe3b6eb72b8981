import Dispatch
import Synchronization
import SluiceCore

/// Runs numbered tasks on up to `threads` threads at once (merge partitions, probe lanes);
/// the first error in task order is thrown after every task has stopped.
enum ParallelTasks {
    static func run(count: Int, threads: Int, _ body: @Sendable (Int) throws(SluiceError) -> Void) throws(SluiceError) {
        if count <= 1 || threads <= 1 {
            for index in 0..<count { try body(index) }
            return
        }
        let errors = Mutex<[SluiceError?]>(Array(repeating: nil, count: count))
        let width = min(threads, count)
        DispatchQueue.concurrentPerform(iterations: width) { worker in
            var index = worker
            while index < count {
                do throws(SluiceError) {
                    try body(index)
                } catch {
                    errors.withLock { $0[index] = error }
                    return
                }
                index += width
            }
        }
        if let error = errors.withLock({ $0.compactMap { $0 }.first }) { throw error }
    }
}

/// One result slot per task, filled by the task's own thread.
final class TaskResults<Result: Sendable>: Sendable {
    private let slots: Mutex<[Result?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ result: Result, at index: Int) {
        slots.withLock { $0[index] = result }
    }

    /// The results in task order (tasks that stored nothing are skipped).
    func collect() -> [Result] {
        slots.withLock { slots in
            let taken = slots
            return taken.compactMap { $0 }
        }
    }
}
