/// A fixed-length sequence of bits in 64-bit words, least significant bit first (Arrow order).
/// Used for validity (bit set = value present) and for boolean values.
public struct Bitmap: Sendable, Equatable {
    public private(set) var words: [UInt64]
    public let count: Int

    public init(words: [UInt64], count: Int) {
        precondition(words.count >= (count + 63) / 64, "Bitmap needs \((count + 63) / 64) words for \(count) bits")
        self.words = words
        self.count = count
    }

    /// A bitmap of `count` bits, all set to `value`.
    public init(repeating value: Bool, count: Int) {
        let wordCount = (count + 63) / 64
        var words = [UInt64](repeating: value ? ~0 : 0, count: wordCount)
        if value, count % 64 != 0 { words[wordCount - 1] = (1 << UInt64(count % 64)) - 1 }
        self.words = words
        self.count = count
    }

    @inlinable
    public subscript(index: Int) -> Bool {
        (words[index >> 6] >> UInt64(index & 63)) & 1 == 1
    }

    /// Number of set bits.
    public var setCount: Int {
        var total = 0
        let fullWords = count >> 6
        for index in 0..<fullWords { total += words[index].nonzeroBitCount }
        if count & 63 != 0 {
            total += (words[fullWords] & ((1 << UInt64(count & 63)) - 1)).nonzeroBitCount
        }
        return total
    }

    public static func == (lhs: Bitmap, rhs: Bitmap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count where lhs[index] != rhs[index] { return false }
        return true
    }
}

/// Builds a ``Bitmap`` one bit at a time.
public struct BitmapBuilder: Sendable {
    public var words: [UInt64] = []
    public var count = 0

    public init(capacity: Int = 0) {
        words.reserveCapacity((capacity + 63) / 64)
    }

    @inlinable
    public mutating func append(_ bit: Bool) {
        let bitIndex = count & 63
        if bitIndex == 0 { words.append(0) }
        if bit { words[words.count - 1] |= 1 << UInt64(bitIndex) }
        count += 1
    }

    /// Appends `n` copies of `bit`.
    public mutating func append(_ bit: Bool, count n: Int) {
        guard n > 0 else { return }
        if !bit {
            count += n
            let needed = (count + 63) / 64
            if words.count < needed { words.append(contentsOf: repeatElement(0, count: needed - words.count)) }
            return
        }
        for _ in 0..<n { append(true) }
    }

    /// Keeps only the first `newCount` bits.
    public mutating func truncate(to newCount: Int) {
        guard newCount < count else { return }
        words.removeLast(words.count - (newCount + 63) / 64)
        if newCount & 63 != 0 { words[words.count - 1] &= (1 << UInt64(newCount & 63)) - 1 }
        count = newCount
    }

    /// Returns the bitmap built so far and starts over.
    public mutating func finish() -> Bitmap {
        let bitmap = Bitmap(words: words, count: count)
        words = []
        count = 0
        return bitmap
    }
}
