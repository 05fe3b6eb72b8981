public import SluiceCore

/// A Kinesis hash key: an unsigned 128-bit integer. A record's partition key is hashed with
/// MD5 and the digest read as a big-endian number; the shard whose hash-key range holds it
/// receives the record. `ExplicitHashKey` gives the number directly as a decimal string.
public enum HashKey {
    /// 2^128 / `count` rounded down: the width of each range when the key space is cut into
    /// `count` equal ranges (the last range absorbs the remainder), as Kinesis creates shards.
    /// For one range, 2^128 does not fit; the answer is then 2^128 - 1 (the range is the whole space).
    public static func uniformRangeWidth(count: Int) -> UInt128 {
        guard count > 1 else { return .max }
        let divisor = UInt128(count)
        let (quotient, remainder) = UInt128.max.quotientAndRemainder(dividingBy: divisor)
        // 2^128 = divisor * quotient + remainder + 1.
        return remainder + 1 == divisor ? quotient + 1 : quotient
    }

    /// The `count` equal ranges that cover the key space, in order: range k starts at
    /// floor(k · 2^128 / count), computed exactly, so a boundary that two counts share (a third
    /// of the space for 3 and 6 shards) is the same number for both, and resharding between
    /// them splits or merges at exactly the old boundaries.
    public static func uniformRanges(count: Int) -> [ClosedRange<UInt128>] {
        guard count > 1 else { return [0...UInt128.max] }
        let divisor = UInt128(count)
        let quotient = uniformRangeWidth(count: count)
        // 2^128 mod count, without computing 2^128.
        let remainder = (UInt128.max % divisor + 1) % divisor
        let starts = (0..<count).map { index in
            quotient * UInt128(index) + remainder * UInt128(index) / divisor
        }
        return (0..<count).map { index in
            starts[index]...(index == count - 1 ? UInt128.max : starts[index + 1] - 1)
        }
    }

    /// The hash key of a partition key: MD5 of its UTF-8 bytes as a big-endian number.
    public static func of(partitionKey: String) -> UInt128 {
        MD5.digest(Array(partitionKey.utf8)).reduce(UInt128(0)) { ($0 << 8) | UInt128($1) }
    }

    /// Parses an `ExplicitHashKey`: a decimal integer from 0 to 2^128 - 1.
    public static func parse(explicit text: String) throws(SluiceError) -> UInt128 {
        guard !text.isEmpty, text.utf8.count <= 39, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let value = UInt128(text)
        else {
            throw StreamError.invalidArgument(
                "Invalid ExplicitHashKey '\(text)': it must be a decimal integer from 0 to 340282366920938463463374607431768211455.")
        }
        return value
    }
}
