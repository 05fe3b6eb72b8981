import SluiceCore

/// A running aggregate over the rows of a window frame that slides forward: rows enter at the
/// frame's end and leave at its start, each once, so a partition costs O(rows) whatever the frame.
protocol WindowAccumulator {
    mutating func add(_ position: Int)
    mutating func remove(_ position: Int)
    /// Forgets every row (the frame jumped past all of them).
    mutating func reset()
    /// Stores the aggregate of the current frame as the result at `position`.
    mutating func write(_ position: Int) throws(SluiceError)
}

/// Slides a frame over a partition, feeding an accumulator.
enum WindowSlider {
    static func run<Accumulator: WindowAccumulator>(
        _ accumulator: inout Accumulator, partition: Range<Int>, frame: ResolvedFrame, peers: PeerGroups
    ) throws(SluiceError) {
        accumulator.reset()
        var low = partition.lowerBound
        var high = partition.lowerBound
        for position in partition {
            let (start, end) = frame.bounds(at: position, partition: partition, peers: peers)
            let target = max(start, end)
            if start >= high {
                accumulator.reset()
                low = start
                high = start
            }
            while high < target {
                accumulator.add(high)
                high += 1
            }
            while low < start {
                accumulator.remove(low)
                low += 1
            }
            try accumulator.write(position)
        }
    }
}

/// Bits of a bitmap (validity or boolean values) read through a pointer; no bitmap: all set.
struct BitView {
    let words: UnsafeBufferPointer<UInt64>?

    @inline(__always)
    func isSet(_ index: Int) -> Bool {
        guard let words else { return true }
        return (words[index >> 6] >> UInt64(index & 63)) & 1 == 1
    }
}

extension Bitmap {
    /// Runs `body` with a view of the bits.
    func withBitView<Result>(_ body: (BitView) throws(SluiceError) -> Result) throws(SluiceError) -> Result {
        try words.withUnsafeBufferPointer { (words) throws(SluiceError) -> Result in try body(BitView(words: words)) }
    }
}

extension Column {
    /// Runs `body` with a view of the validity (every value present when there is none).
    func withValidityView<Result>(_ body: (BitView) throws(SluiceError) -> Result) throws(SluiceError) -> Result {
        guard let validity else { return try body(BitView(words: nil)) }
        return try validity.withBitView(body)
    }
}

/// The error for a window aggregate whose result leaves its type.
func windowOverflow(_ type: String, callName: String) -> SluiceError {
    SluiceError(
        domain: .query, code: "arithmetic.overflow",
        message: "\(type) overflow in window function \(callName): a frame's total does not fit in \(type).",
        hint: "Cast the argument to a wider type first, e.g. decimal(38,0) or double.")
}
