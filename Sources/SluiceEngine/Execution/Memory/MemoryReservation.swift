import Synchronization

/// The part of the query's ``QueryMemoryBudget`` that one operator (or one lane of it) holds.
/// It grows and shrinks with what the operator buffers, and gives everything back when released
/// or dropped, so an operator that stops early or fails never leaves bytes reserved.
///
/// ``tryGrow(by:)``, ``grow(by:)``, ``shrink(by:)`` and ``release()`` may be called from several
/// threads at once; ``tryResize(to:)`` and ``resize(to:)`` by one thread at a time.
final class MemoryReservation: Sendable {
    let budget: QueryMemoryBudget
    private let held = Atomic<Int>(0)

    init(_ budget: QueryMemoryBudget) { self.budget = budget }

    deinit { release() }

    /// Bytes this reservation holds.
    var bytes: Int { held.load(ordering: .relaxed) }

    /// Grows by `bytes` when they fit under the limit; false (unchanged) when they do not.
    func tryGrow(by bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        guard budget.tryReserve(bytes) else { return false }
        held.add(bytes, ordering: .relaxed)
        return true
    }

    /// Grows by `bytes`, past the limit if need be.
    func grow(by bytes: Int) {
        guard bytes > 0 else { return }
        budget.reserve(bytes)
        held.add(bytes, ordering: .relaxed)
    }

    /// Shrinks by `bytes` (to zero at most).
    func shrink(by bytes: Int) {
        guard bytes > 0 else { return }
        var seen = held.load(ordering: .relaxed)
        while true {
            let target = max(0, seen - bytes)
            let (exchanged, original) = held.compareExchange(expected: seen, desired: target, ordering: .relaxed)
            if exchanged {
                budget.release(seen - target)
                return
            }
            seen = original
        }
    }

    /// Grows or shrinks to `bytes`; false (unchanged) when growing does not fit under the limit.
    func tryResize(to bytes: Int) -> Bool {
        let current = self.bytes
        if bytes <= current {
            shrink(by: current - bytes)
            return true
        }
        return tryGrow(by: bytes - current)
    }

    /// Grows or shrinks to `bytes`, past the limit if need be.
    func resize(to bytes: Int) {
        let current = self.bytes
        if bytes <= current {
            shrink(by: current - bytes)
        } else {
            grow(by: bytes - current)
        }
    }

    /// Gives every byte back.
    func release() { budget.release(held.exchange(0, ordering: .relaxed)) }
}
