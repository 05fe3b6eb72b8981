import SluiceCore

/// Turns key values into 64-bit unsigned "normalized keys" whose order is the SQL order of the
/// values, so sorting and merging compare plain integers instead of typed values:
///
/// - integers: the sign bit flipped; floats: the IEEE bits flipped so negatives come first, -0.0
///   made 0.0, every NaN the largest key; booleans: 0 and 1;
/// - decimals: two parts, the high 64 bits (sign flipped) and the low 64 bits;
/// - text and binaries: parts of 7 bytes (big-endian, zero padded) and a marker byte — the bytes
///   left from the part's offset, at most 8 — so a shorter string sorts first and a marker of 8
///   means that more parts follow;
/// - descending keys: every bit inverted.
///
/// Null rows get an arbitrary key: callers place nulls apart.
enum KeyNormalizer {
    static let signBit: UInt64 = 1 << 63

    @inline(__always)
    static func integer(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) ^ signBit }

    @inline(__always)
    static func floatingPoint(_ value: Double) -> UInt64 {
        if value.isNaN { return UInt64.max }
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & signBit != 0 ? ~bits : bits | signBit
    }

    @inline(__always)
    static func decimalHigh(_ value: Int128) -> UInt64 { integer(Int64(truncatingIfNeeded: value >> 64)) }

    @inline(__always)
    static func decimalLow(_ value: Int128) -> UInt64 { UInt64(truncatingIfNeeded: value) }

    /// Bytes `offset..<offset+7` of the value at `start..<start+length`, then the marker byte.
    @inline(__always)
    static func bytesChunk(_ data: UnsafePointer<UInt8>, start: Int, length: Int, offset: Int) -> UInt64 {
        let remaining = max(0, length - offset)
        let taken = min(remaining, 7)
        var key: UInt64 = 0
        var index = 0
        let base = data + start + offset
        while index < taken {
            key |= UInt64(base[index]) << UInt64(56 - 8 * index)
            index &+= 1
        }
        return key | UInt64(min(remaining, 8))
    }

    /// True when a (direction-corrected) text key's marker says more parts follow.
    @inline(__always)
    static func bytesContinue(_ key: UInt64, descending: Bool) -> Bool {
        ((descending ? ~key : key) & 0xFF) == 8
    }

    /// Writes the normalized key of part `part` for each row of `rows` into `keys`, one every
    /// `stride` bytes (a plain `UInt64` array, or the `key` field of ``SortEntry``s).
    static func fill(
        _ column: Column, part: KeyPart, descending: Bool,
        rows: UnsafeBufferPointer<Int32>, keys: UnsafeMutableRawPointer, stride: Int
    ) {
        let flip: UInt64 = descending ? ~0 : 0
        @inline(__always) func store(_ index: Int, _ key: UInt64) {
            keys.storeBytes(of: key ^ flip, toByteOffset: index &* stride, as: UInt64.self)
        }
        switch (column.storage, part) {
        case (.boolean(let bits), _):
            bits.words.withUnsafeBufferPointer { words in
                for index in 0..<rows.count {
                    let row = Int(rows[index])
                    store(index, (words[row >> 6] >> UInt64(row & 63)) & 1)
                }
            }
        case (.int8(let values), _): fillIntegers(values, rows, store)
        case (.int16(let values), _): fillIntegers(values, rows, store)
        case (.int32(let values), _): fillIntegers(values, rows, store)
        case (.int64(let values), _): fillIntegers(values, rows, store)
        case (.float32(let values), _):
            values.withUnsafeBufferPointer { values in
                for index in 0..<rows.count { store(index, floatingPoint(Double(values[Int(rows[index])]))) }
            }
        case (.float64(let values), _):
            values.withUnsafeBufferPointer { values in
                for index in 0..<rows.count { store(index, floatingPoint(values[Int(rows[index])])) }
            }
        case (.decimal(let values), .decimalLow):
            values.withUnsafeBufferPointer { values in
                for index in 0..<rows.count { store(index, decimalLow(values[Int(rows[index])])) }
            }
        case (.decimal(let values), _):
            values.withUnsafeBufferPointer { values in
                for index in 0..<rows.count { store(index, decimalHigh(values[Int(rows[index])])) }
            }
        case (.bytes(let offsets, let data), _):
            let partOffset: Int
            if case .bytes(let offset) = part { partOffset = offset } else { partOffset = 0 }
            offsets.withUnsafeBufferPointer { offsets in
                data.withUnsafeBufferPointer { data in
                    // An empty buffer may have no address; every value is then empty.
                    let empty: [UInt8] = [0]
                    empty.withUnsafeBufferPointer { fallback in
                        guard let base = data.baseAddress ?? fallback.baseAddress else { return }
                        for index in 0..<rows.count {
                            let row = Int(rows[index])
                            let start = Int(offsets[row])
                            let length = Int(offsets[row + 1]) - start
                            store(index, bytesChunk(base, start: start, length: length, offset: partOffset))
                        }
                    }
                }
            }
        case (.structure, _), (.list, _):
            for index in 0..<rows.count { store(index, 0) }
        }
    }

    @inline(__always)
    private static func fillIntegers<T: FixedWidthInteger & SignedInteger>(
        _ values: [T], _ rows: UnsafeBufferPointer<Int32>, _ store: (Int, UInt64) -> Void
    ) {
        values.withUnsafeBufferPointer { values in
            for index in 0..<rows.count { store(index, integer(Int64(values[Int(rows[index])]))) }
        }
    }
}
