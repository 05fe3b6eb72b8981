/// Packs values least significant bit first, `width` bits each, for the encoders (the order of
/// the RLE/bit-packing hybrid and of DELTA_BINARY_PACKED).
enum BitPacking {
    /// Appends `count` values (a multiple of 8, so the result ends on a byte) of `width` bits
    /// (0…64) to `output`; bits above `width` are dropped.
    static func pack(_ values: UnsafePointer<UInt64>, count: Int, width: Int, into output: inout [UInt8]) {
        guard width > 0, count > 0 else { return }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) &- 1
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: count * width / 8))
        output.withUnsafeMutableBytes { bytes in
            let base = bytes.baseAddress!
            var position = start
            var accumulator: UInt64 = 0
            var bits = 0
            for index in 0..<count {
                let value = values[index] & mask
                accumulator |= value &<< UInt64(bits)
                if bits + width >= 64 {
                    base.storeBytes(of: accumulator.littleEndian, toByteOffset: position, as: UInt64.self)
                    position += 8
                    accumulator = bits == 0 ? 0 : value &>> UInt64(64 - bits)
                    bits = bits + width - 64
                } else {
                    bits += width
                }
            }
            // `count * width` is a whole number of bytes.
            var remaining = bits
            while remaining > 0 {
                base.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), toByteOffset: position, as: UInt8.self)
                accumulator >>= 8
                position += 1
                remaining -= 8
            }
        }
    }
}
