import Synchronization

/// Bytes held now and at most, counted by several threads as they take and give back memory.
/// The query's ``QueryMemoryBudget`` uses one to enforce its limit; operators use one to
/// report their own peak.
final class MemoryCounter: Sendable {
    private let current = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)

    func add(_ bytes: Int) {
        notePeak(current.add(bytes, ordering: .relaxed).newValue)
    }

    /// Adds `bytes` only when the total stays at or below `limit`; false (nothing added) otherwise.
    func tryAdd(_ bytes: Int, limit: Int) -> Bool {
        var seen = current.load(ordering: .relaxed)
        while true {
            let (total, overflow) = seen.addingReportingOverflow(bytes)
            guard !overflow, total <= limit else { return false }
            let (exchanged, original) = current.compareExchange(expected: seen, desired: total, ordering: .relaxed)
            if exchanged {
                notePeak(total)
                return true
            }
            seen = original
        }
    }

    func remove(_ bytes: Int) { current.subtract(bytes, ordering: .relaxed) }

    private func notePeak(_ now: Int) {
        var seen = peak.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = peak.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
    }

    var currentBytes: Int { current.load(ordering: .relaxed) }
    var peakBytes: Int { peak.load(ordering: .relaxed) }
}
