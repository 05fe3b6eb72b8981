import SluiceCore

/// Hashes whole key columns at a time into one `UInt64` per row: a typed loop per storage
/// kind, nulls hashed to their own constant. Equal keys (under SQL grouping, where `-0.0`
/// equals `0.0` and every NaN is one value) always hash alike; several columns combine in order.
enum KeyHashing {
    /// The hash of a null, whatever the column's type.
    static let nullHash: UInt64 = 0x6A09_E667_F3BC_C909

    /// One hash per row of `columns` (all `rowCount` long); `rowCount` zeros when there are no columns.
    static func hash(columns: [Column], rowCount: Int) -> [UInt64] {
        var hashes = [UInt64](repeating: 0, count: rowCount)
        for (position, column) in columns.enumerated() {
            combine(column, into: &hashes, isFirst: position == 0)
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

    /// A hash of `count` bytes at `start`, eight bytes per step.
    @inline(__always)
    static func hashBytes(_ start: UnsafeRawPointer?, count: Int) -> UInt64 {
        var state: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(count) &* 0x9E37_79B9_7F4A_7C15)
        guard let start, count > 0 else { return mix(state) }
        var offset = 0
        while offset + 8 <= count {
            let word = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state ^= word &* 0x87C3_7B91_1142_53D5
            state = (state &<< 31 | state &>> 33) &* 0x4CF5_AD43_2745_937F
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(start.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                offset += 1
            }
            state ^= tail &* 0x87C3_7B91_1142_53D5
            state = (state &<< 27 | state &>> 37) &* 0x4CF5_AD43_2745_937F
        }
        return mix(state)
    }

    /// Folds one column's hashes into `hashes` (or sets them, for the first column).
    static func combine(_ column: Column, into hashes: inout [UInt64], isFirst: Bool) {
        let count = column.count
        hashes.withUnsafeMutableBufferPointer { output in
            let validity = column.validity
            @inline(__always)
            func store(_ row: Int, _ value: UInt64) {
                var hash = value
                if let validity, !validity[row] { hash = nullHash }
                output[row] = isFirst ? hash : mix(output[row] &* 0x9E37_79B9_7F4A_7C15 ^ hash)
            }
            switch column.storage {
            case .boolean(let bits):
                for row in 0..<count { store(row, mix(bits[row] ? 1 : 2)) }
            case .int8(let values):
                values.withUnsafeBufferPointer { values in
                    for row in 0..<count { store(row, hashInteger(Int64(values[row]))) }
                }
            case .int16(let values):
                values.withUnsafeBufferPointer { values in
                    for row in 0..<count { store(row, hashInteger(Int64(values[row]))) }
                }
            case .int32(let values):
                values.withUnsafeBufferPointer { values in
                    for row in 0..<count { store(row, hashInteger(Int64(values[row]))) }
                }
            case .int64(let values):
                values.withUnsafeBufferPointer { values in
                    for row in 0..<count { store(row, hashInteger(values[row])) }
                }
            case .float32(let values):
                values.withUnsafeBufferPointer { values in
                    for row in 0..<count { store(row, hashDouble(Double(values[row]))) }
                }
            case .float64(let values):
                values.withUnsafeBufferPointer { values in
                    for row in 0..<count { store(row, hashDouble(values[row])) }
                }
            case .decimal(let values):
                values.withUnsafeBufferPointer { values in
                    for row in 0..<count { store(row, hashDecimal(values[row])) }
                }
            case .bytes(let offsets, let data):
                offsets.withUnsafeBufferPointer { offsets in
                    data.withUnsafeBytes { data in
                        for row in 0..<count {
                            let start = Int(offsets[row])
                            let length = Int(offsets[row + 1]) - start
                            store(row, hashBytes(data.baseAddress.map { $0 + start }, count: length))
                        }
                    }
                }
            case .structure, .list:
                // Nested keys are refused when a key table is made (see `KeyLayout`).
                for row in 0..<count { store(row, 0) }
            }
        }
    }
}
