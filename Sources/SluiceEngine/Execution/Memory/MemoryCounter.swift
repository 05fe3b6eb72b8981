import Synchronization

/// Bytes an operator holds now and at most, counted by its lanes as they buffer and release rows.
final class MemoryCounter: Sendable {
    private let current = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)

    func add(_ bytes: Int) {
        let now = current.add(bytes, ordering: .relaxed).newValue
        var seen = peak.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = peak.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
    }

    func remove(_ bytes: Int) { current.subtract(bytes, ordering: .relaxed) }

    var currentBytes: Int { current.load(ordering: .relaxed) }
    var peakBytes: Int { peak.load(ordering: .relaxed) }
}
