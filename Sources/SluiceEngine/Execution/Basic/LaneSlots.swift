import Dispatch
import SluiceCore
import Synchronization

/// Per-lane state of an operator, each slot used by one lane's thread at a time.
/// `@unchecked Sendable`: ``LaneDriver`` hands each lane index to exactly one thread, and
/// ``forEachInParallel(threads:_:)`` each slot to exactly one iteration.
final class LaneSlots<Item>: @unchecked Sendable {
    let items: [Item]

    init(_ items: [Item]) { self.items = items }

    /// Runs `body` on every slot, on up to `threads` threads; the first error (in slot order)
    /// is thrown after all finish.
    func forEachInParallel(threads: Int, _ body: (Item) throws(SluiceError) -> Void) throws(SluiceError) {
        if items.count <= 1 || threads <= 1 {
            for item in items { try body(item) }
            return
        }
        let errors = Mutex<[Int: SluiceError]>([:])
        withoutActuallyEscaping(body) { body in
            let work = SendableBody(body)
            let width = min(threads, items.count)
            DispatchQueue.concurrentPerform(iterations: width) { worker in
                var index = worker
                while index < self.items.count {
                    do throws(SluiceError) {
                        try work.body(self.items[index])
                    } catch {
                        errors.withLock { $0[index] = error }
                    }
                    index += width
                }
            }
        }
        if let first = errors.withLock({ $0.min { $0.key < $1.key }?.value }) { throw first }
    }
}

/// A closure handed to worker threads.
/// `@unchecked Sendable`: callers pass closures that touch only per-slot state.
private struct SendableBody<Item>: @unchecked Sendable {
    let body: (Item) throws(SluiceError) -> Void
    init(_ body: @escaping (Item) throws(SluiceError) -> Void) { self.body = body }
}
