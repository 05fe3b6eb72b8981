import SluiceCore

/// Word-at-a-time operations on validity and boolean bitmaps. A nil validity means "all present".
enum Validity {
    /// Rows present in both (nil when both are nil).
    static func and(_ left: Bitmap?, _ right: Bitmap?) -> Bitmap? {
        guard let left else { return right }
        guard let right else { return left }
        return Bitmap.combine(left, right) { $0 & $1 }
    }

    /// Rows present in every column.
    static func of(_ columns: [Column]) -> Bitmap? {
        var result: Bitmap?
        for column in columns { result = and(result, column.validity) }
        return result
    }

    /// True when `validity` marks every row of `count` absent.
    static func isAllNull(_ validity: Bitmap?, count: Int) -> Bool {
        guard let validity, count > 0 else { return false }
        return validity.setCount == 0
    }
}

extension Bitmap {
    /// A bitmap of `count` bits whose word `w` is `body(w)`; bits past `count` are cleared.
    @inline(__always)
    static func build(count: Int, _ body: (Int) -> UInt64) -> Bitmap {
        let wordCount = (count + 63) >> 6
        var words: [UInt64] = makeArray(count: wordCount) { words in
            for index in 0..<wordCount { words[index] = body(index) }
        }
        if count & 63 != 0 { words[wordCount - 1] &= (1 << UInt64(count & 63)) - 1 }
        return Bitmap(words: words, count: count)
    }

    /// A bitmap whose bit `i` is `predicate(i)`, for `i` in `0..<count`.
    @inline(__always)
    static func fromPredicate(count: Int, _ predicate: (Int) -> Bool) -> Bitmap {
        build(count: count) { word in
            let start = word << 6
            let end = Swift.min(start + 64, count)
            var bits: UInt64 = 0
            var index = start
            while index < end {
                if predicate(index) { bits |= 1 << UInt64(index - start) }
                index += 1
            }
            return bits
        }
    }

    /// Word-wise combination of two bitmaps of equal length.
    @inline(__always)
    static func combine(_ left: Bitmap, _ right: Bitmap, _ operation: (UInt64, UInt64) -> UInt64) -> Bitmap {
        left.words.withUnsafeBufferPointer { leftWords in
            right.words.withUnsafeBufferPointer { rightWords in
                build(count: left.count) { operation(leftWords[$0], rightWords[$0]) }
            }
        }
    }

    /// Every bit flipped (within `count`).
    var inverted: Bitmap {
        words.withUnsafeBufferPointer { words in Bitmap.build(count: count) { ~words[$0] } }
    }

    /// Indices of the set bits, in order.
    var setIndices: [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(setCount)
        words.withUnsafeBufferPointer { words in
            for wordIndex in 0..<((count + 63) >> 6) {
                var word = words[wordIndex]
                while word != 0 {
                    let bit = word.trailingZeroBitCount
                    result.append(Int32(truncatingIfNeeded: wordIndex << 6 + bit))
                    word &= word - 1
                }
            }
        }
        return result
    }

    /// True when every bit is set.
    var isAllSet: Bool { setCount == count }
}

extension Column {
    /// The same values with `extra` nulls added (validity AND `extra`); a validity with no null
    /// left is dropped.
    func addingNulls(_ extra: Bitmap?) -> Column {
        guard let extra else { return self }
        return replacingValidity(Validity.and(validity, extra))
    }

    /// The same values with exactly `newValidity`.
    func replacingValidity(_ newValidity: Bitmap?) -> Column {
        let normalized = newValidity.flatMap { $0.isAllSet ? nil : $0 }
        return Column(type: type, count: count, validity: normalized, storage: storage)
    }

    /// Whether row `index` holds a value.
    @inline(__always)
    func isValid(_ index: Int) -> Bool { validity.map { $0[index] } ?? true }
}
