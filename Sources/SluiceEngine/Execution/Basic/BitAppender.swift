import SluiceCore

/// Appends bits a word at a time: whole bitmaps (validity, booleans) one 64-bit word per step
/// instead of one bit, for concatenating columns.
struct BitAppender {
    private(set) var words: [UInt64] = []
    private(set) var count = 0

    init(capacity: Int = 0) {
        words.reserveCapacity((capacity + 63) / 64)
    }

    /// Appends the low `bits` bits of `word` (the others must be zero).
    @inline(__always)
    mutating func append(word: UInt64, bits: Int) {
        let shift = count & 63
        if shift == 0 {
            words.append(word)
        } else {
            words[words.count - 1] |= word << UInt64(shift)
            if shift + bits > 64 { words.append(word >> UInt64(64 - shift)) }
        }
        count += bits
    }

    /// Appends every bit of `bitmap`.
    mutating func append(_ bitmap: Bitmap) {
        var remaining = bitmap.count
        bitmap.words.withUnsafeBufferPointer { source in
            var index = 0
            while remaining > 0 {
                let bits = min(64, remaining)
                let word = bits == 64 ? source[index] : source[index] & ((1 << UInt64(bits)) - 1)
                append(word: word, bits: bits)
                remaining -= bits
                index += 1
            }
        }
    }

    /// Appends `n` copies of `bit`.
    mutating func append(repeating bit: Bool, count n: Int) {
        var remaining = n
        while remaining > 0 {
            let bits = min(64, remaining)
            let word: UInt64 = bit ? (bits == 64 ? ~0 : (1 << UInt64(bits)) - 1) : 0
            append(word: word, bits: bits)
            remaining -= bits
        }
    }

    /// The bits so far as a bitmap.
    func finish() -> Bitmap { Bitmap(words: words, count: count) }
}
