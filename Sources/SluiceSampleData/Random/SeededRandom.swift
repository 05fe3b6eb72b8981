/// A small, fast pseudo-random generator with a fixed algorithm, so a seed gives the same
/// sequence on every machine and every Swift version: xoshiro256** (Blackman and Vigna),
/// its state filled from the seed by SplitMix64.
///
/// Deliberately not a `RandomNumberGenerator`: the standard library's `random(in:)` and
/// `shuffled()` may change their algorithms between releases, which would change the data.
/// Everything here draws through ``next()`` and ``below(_:)`` only.
struct SeededRandom {
    private var state0: UInt64
    private var state1: UInt64
    private var state2: UInt64
    private var state3: UInt64

    init(seed: UInt64) {
        var splitMix = seed
        state0 = SeededRandom.splitMix64(&splitMix)
        state1 = SeededRandom.splitMix64(&splitMix)
        state2 = SeededRandom.splitMix64(&splitMix)
        state3 = SeededRandom.splitMix64(&splitMix)
    }

    /// A generator for one independent stream of the main seed, such as one chunk of one
    /// table: `SeededRandom(seed: 2026, stream: [tableTag, fileIndex, chunkIndex])`.
    init(seed: UInt64, stream: [UInt64]) {
        var mixed = SeededRandom.finalize(seed)
        for part in stream {
            mixed = SeededRandom.finalize(mixed ^ SeededRandom.finalize(part &+ 0x9E37_79B9_7F4A_7C15))
        }
        self.init(seed: mixed)
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = rotateLeft(state1 &* 5, 7) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = rotateLeft(state3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's multiply-shift with
    /// rejection). `bound` must be positive.
    @inline(__always)
    mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "SeededRandom.below needs a positive bound")
        var product = bound.multipliedFullWidth(by: next())
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = bound.multipliedFullWidth(by: next())
            }
        }
        return product.high
    }

    /// A uniform integer in `0..<bound`; `bound` must be positive.
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: below(UInt64(bound)))
    }

    /// True once in `count` draws on average.
    @inline(__always)
    mutating func oneIn(_ count: Int) -> Bool {
        below(count) == 0
    }

    @inline(__always)
    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return finalize(state)
    }

    /// SplitMix64's output function: a bijective mix in which every input bit affects every
    /// output bit.
    private static func finalize(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
