import SluiceCore

/// Hashes whole key columns at a time into one `UInt64` per row: a typed loop per storage
/// kind, nulls hashed to their own constant. Equal keys (under SQL grouping, where `-0.0`
/// equals `0.0` and every NaN is one value) always hash alike; several columns combine in order.
enum KeyHashing {
    /// The hash of a null, whatever the column's type.
    static let nullHash: UInt64 = 0x6A09_E667_F3BC_C909

    /// One hash per row of `columns` (all `rowCount` long); `rowCount` zeros when there are no columns.
    static func hash(columns: [Column], rowCount: Int) -> [UInt64] {
        guard let first = columns.first else { return [UInt64](repeating: 0, count: rowCount) }
        var hashes = valueHashes(first)
        for column in columns.dropFirst() {
            let own = valueHashes(column)
            hashes.withUnsafeMutableBufferPointer { output in
                own.withUnsafeBufferPointer { own in
                    for row in 0..<output.count { output[row] = combined(output[row], own[row]) }
                }
            }
        }
        return hashes
    }

    /// Each row's hash of `column` alone, nulls as ``nullHash``.
    static func valueHashes(_ column: Column) -> [UInt64] {
        var hashes = [UInt64](unsafeUninitializedCapacity: column.count) { buffer, initialized in
            hashValues(column, into: buffer)
            initialized = column.count
        }
        if let validity = column.validity, column.nullCount > 0 {
            for row in 0..<column.count where !validity[row] { hashes[row] = nullHash }
        }
        return hashes
    }

    /// The murmur3 64-bit finalizer: every input bit reaches every output bit.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// The hash of a key row whose leading columns hash to `leading` and next column to `next`.
    @inline(__always)
    static func combined(_ leading: UInt64, _ next: UInt64) -> UInt64 { mix(leading &* 0x9E37_79B9_7F4A_7C15 ^ next) }

    @inline(__always)
    static func hashInteger(_ value: Int64) -> UInt64 { mix(UInt64(bitPattern: value)) }

    @inline(__always)
    static func hashDecimal(_ value: Int128) -> UInt64 {
        let bits = UInt128(bitPattern: value)
        return mix(UInt64(truncatingIfNeeded: bits) ^ mix(UInt64(truncatingIfNeeded: bits >> 64) &+ 0x9E37_79B9_7F4A_7C15))
    }

    /// Doubles by value: `-0.0` as `0.0`, every NaN as one NaN.
    @inline(__always)
    static func hashDouble(_ value: Double) -> UInt64 { mix(canonicalBits(value)) }

    /// The bit pattern grouping compares doubles by.
    @inline(__always)
    static func canonicalBits(_ value: Double) -> UInt64 {
        if value == 0 { return 0 }
        if value.isNaN { return Double.nan.bitPattern }
        return value.bitPattern
    }

    /// A hash of `count` bytes at `start`: keys of up to 16 bytes (most strings) in two
    /// overlapping loads, longer ones eight bytes per step.
    @inline(__always)
    static func hashBytes(_ start: UnsafeRawPointer?, count: Int) -> UInt64 {
        let seed: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        guard let start, count > 0 else { return mix(seed) }
        var first: UInt64
        var last: UInt64
        if count >= 8 {
            first = start.loadUnaligned(as: UInt64.self)
            last = start.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            first = UInt64(start.loadUnaligned(as: UInt32.self))
            last = UInt64(start.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else {
            first = UInt64(start.load(as: UInt8.self)) << 16 | UInt64(start.load(fromByteOffset: count / 2, as: UInt8.self)) << 8
                | UInt64(start.load(fromByteOffset: count - 1, as: UInt8.self))
            last = 0
        }
        var state = seed
        if count > 16 {
            var offset = 8
            while offset + 8 < count {
                let word = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                state ^= word &* 0x87C3_7B91_1142_53D5
                state = (state &<< 31 | state &>> 33) &* 0x4CF5_AD43_2745_937F
                offset += 8
            }
        }
        return mix(mix(state ^ first &* 0x87C3_7B91_1142_53D5) ^ last &* 0x4CF5_AD43_2745_937F)
    }

    /// Each value's hash, whatever its validity.
    private static func hashValues(_ column: Column, into output: UnsafeMutableBufferPointer<UInt64>) {
        let count = column.count
        switch column.storage {
        case .boolean(let bits):
            for row in 0..<count { output[row] = mix(bits[row] ? 1 : 2) }
        case .int8(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<count { output[row] = hashInteger(Int64(values[row])) } }
        case .int16(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<count { output[row] = hashInteger(Int64(values[row])) } }
        case .int32(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<count { output[row] = hashInteger(Int64(values[row])) } }
        case .int64(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<count { output[row] = hashInteger(values[row]) } }
        case .float32(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<count { output[row] = hashDouble(Double(values[row])) } }
        case .float64(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<count { output[row] = hashDouble(values[row]) } }
        case .decimal(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<count { output[row] = hashDecimal(values[row]) } }
        case .bytes(let offsets, let data):
            offsets.withUnsafeBufferPointer { offsets in
                data.withUnsafeBytes { data in
                    for row in 0..<count {
                        let start = Int(offsets[row])
                        output[row] = hashBytes(data.baseAddress.map { $0 + start }, count: Int(offsets[row + 1]) - start)
                    }
                }
            }
        case .structure, .list:
            // Nested keys are refused when a key table is made (see `KeyLayout`).
            for row in 0..<count { output[row] = 0 }
        }
    }
}
