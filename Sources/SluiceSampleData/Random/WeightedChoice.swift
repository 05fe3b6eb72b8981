/// Picks an index with fixed integer weights, such as category shares in percent or a Zipf
/// curve over cities. Integer weights (no floating point) keep the draws identical on every
/// machine; a pick is one ``SeededRandom/below(_:)`` and a binary search.
struct WeightedChoice: Sendable {
    /// Running totals: `cumulative[i]` is the sum of weights `0...i`.
    private let cumulative: [UInt64]
    private let total: UInt64

    /// `weights` must not be empty and must add up to more than zero.
    init(weights: [UInt64]) {
        precondition(!weights.isEmpty, "WeightedChoice needs at least one weight")
        var running: UInt64 = 0
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(weights.count)
        for weight in weights {
            running += weight
            cumulative.append(running)
        }
        precondition(running > 0, "WeightedChoice needs a positive total weight")
        self.cumulative = cumulative
        self.total = running
    }

    /// A Zipf curve with exponent 1 over `count` ranks: rank `k` (0-based) has weight
    /// proportional to `1 / (k + 1)`, in integers.
    static func zipf(count: Int) -> WeightedChoice {
        WeightedChoice(weights: (1...count).map { UInt64(1 << 32) / UInt64($0) })
    }

    var count: Int { cumulative.count }

    /// The share of index `index` in parts per million, for documentation and tests.
    func shareInPartsPerMillion(_ index: Int) -> Int {
        let previous = index == 0 ? 0 : cumulative[index - 1]
        return Int((cumulative[index] - previous) * 1_000_000 / total)
    }

    /// An index in `0..<count`, drawn with the weights' probabilities.
    @inline(__always)
    func pick(_ random: inout SeededRandom) -> Int {
        let target = random.below(total)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) >> 1
            if cumulative[middle] > target {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
