public import SluiceCore

extension RLEHybridDecoder {
    /// Reads `count` levels in the deprecated BIT_PACKED encoding (values back to back, most
    /// significant bit first, no header) of width 0…32; returns the bytes consumed.
    @discardableResult
    public static func decodeLegacyBitPacked(
        _ buffer: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>
    ) throws(SluiceError) -> Int {
        guard (0...32).contains(bitWidth) else {
            throw ParquetEncodingError.corrupt("BIT_PACKED", "bit width \(bitWidth) is outside 0…32")
        }
        guard count >= 0, bitWidth == 0 || count <= buffer.count * 8 else {
            throw ParquetEncodingError.truncated("BIT_PACKED", "\(count) values cannot fit in \(buffer.count) bytes")
        }
        let byteCount = (count * bitWidth + 7) / 8
        guard byteCount <= buffer.count else {
            throw ParquetEncodingError.truncated(
                "BIT_PACKED", "\(count) values of \(bitWidth) bits need \(byteCount) bytes but \(buffer.count) are there")
        }
        guard bitWidth > 0 else {
            output.update(repeating: 0, count: count)
            return 0
        }
        // Bits enter at the bottom of `pending` in stream order; values leave from its top.
        var pending: UInt64 = 0
        var pendingBits = 0
        var position = 0
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        for index in 0..<count {
            while pendingBits < bitWidth {
                pending = (pending << 8) | UInt64(buffer[position])
                position += 1
                pendingBits += 8
            }
            pendingBits -= bitWidth
            output[index] = UInt32(truncatingIfNeeded: (pending >> UInt64(pendingBits)) & mask)
        }
        return byteCount
    }
}
