public import SluiceCore

/// PLAIN-encoded booleans: one bit per value, least significant bit first, the last byte
/// padded with zeros.
public enum PlainBooleans {
    /// Reads `count` booleans from the start of `buffer` into `output`; returns the bytes consumed.
    @discardableResult
    public static func decode(
        _ buffer: UnsafeRawBufferPointer, count: Int, into output: UnsafeMutablePointer<Bool>
    ) throws(SluiceError) -> Int {
        let byteCount = try checkedByteCount(buffer, count: count)
        for index in 0..<count {
            output[index] = (buffer[index >> 3] >> UInt8(index & 7)) & 1 == 1
        }
        return byteCount
    }

    /// Reads `count` booleans from the start of `buffer` into bits `bitPosition ..< bitPosition +
    /// count` of `words` (a ``Bitmap``'s layout), growing it as needed; returns the bytes consumed.
    @discardableResult
    public static func decode(
        _ buffer: UnsafeRawBufferPointer, count: Int, into words: inout [UInt64], at bitPosition: Int
    ) throws(SluiceError) -> Int {
        let byteCount = try checkedByteCount(buffer, count: count)
        guard count > 0 else { return 0 }
        let wordsNeeded = (bitPosition + count + 63) / 64
        if words.count < wordsNeeded { words.append(contentsOf: repeatElement(0, count: wordsNeeded - words.count)) }
        words.withUnsafeMutableBufferPointer { target in
            // Clear the bits to be written, then OR in 64 source bits at a time.
            let firstWord = bitPosition >> 6
            target[firstWord] &= (1 << UInt64(bitPosition & 63)) &- 1
            for index in (firstWord + 1)..<wordsNeeded { target[index] = 0 }
            let shift = UInt64(bitPosition & 63)
            var chunkStart = 0
            while chunkStart < count {
                var chunk = sourceWord(buffer, byteOffset: chunkStart >> 3, byteCount: byteCount)
                let bits = count - chunkStart
                if bits < 64 { chunk &= (1 << UInt64(bits)) &- 1 }
                let wordIndex = (bitPosition + chunkStart) >> 6
                target[wordIndex] |= chunk &<< shift
                if shift > 0 && wordIndex + 1 < wordsNeeded { target[wordIndex + 1] |= chunk &>> (64 &- shift) }
                chunkStart += 64
            }
        }
        return byteCount
    }

    /// Appends `values` bit-packed to `output`.
    public static func encode(_ values: UnsafeBufferPointer<Bool>, into output: inout [UInt8]) {
        var byte: UInt8 = 0
        for (index, value) in values.enumerated() {
            if value { byte |= 1 << UInt8(index & 7) }
            if index & 7 == 7 {
                output.append(byte)
                byte = 0
            }
        }
        if values.count & 7 != 0 { output.append(byte) }
    }

    /// Appends the first `count` bits of `words` (a ``Bitmap``'s layout) to `output`.
    public static func encode(words: UnsafeBufferPointer<UInt64>, count: Int, into output: inout [UInt8]) {
        precondition(count <= words.count * 64, "\(count) bits asked of \(words.count) words")
        let fullBytes = count >> 3
        var index = 0
        while index < fullBytes {
            let word = words[index >> 3]
            output.append(UInt8(truncatingIfNeeded: word >> UInt64((index & 7) * 8)))
            index += 1
        }
        if count & 7 != 0 {
            let word = words[fullBytes >> 3]
            let byte = UInt8(truncatingIfNeeded: word >> UInt64((fullBytes & 7) * 8))
            output.append(byte & UInt8((1 << (count & 7)) - 1))
        }
    }

    private static func checkedByteCount(_ buffer: UnsafeRawBufferPointer, count: Int) throws(SluiceError) -> Int {
        let byteCount = (count + 7) / 8
        guard count >= 0, byteCount <= buffer.count else {
            throw ParquetEncodingError.truncated(
                "PLAIN boolean", "\(count) values need \(byteCount) bytes but \(buffer.count) are there")
        }
        return byteCount
    }

    /// Eight bytes little-endian from `byteOffset`, zeros past `byteCount`.
    @inline(__always)
    private static func sourceWord(_ buffer: UnsafeRawBufferPointer, byteOffset: Int, byteCount: Int) -> UInt64 {
        if byteOffset + 8 <= byteCount {
            return UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: byteOffset, as: UInt64.self))
        }
        var word: UInt64 = 0
        for index in byteOffset..<byteCount { word |= UInt64(buffer[index]) << UInt64((index - byteOffset) * 8) }
        return word
    }
}
