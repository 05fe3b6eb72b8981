public import SluiceCore

/// BYTE_STREAM_SPLIT: byte 0 of every value, then byte 1 of every value, and so on, for values
/// of a fixed width (4 for FLOAT and INT32, 8 for DOUBLE and INT64, 2 for FLOAT16, any width
/// for FIXED_LEN_BYTE_ARRAY).
public enum ByteStreamSplit {
    /// Writes values `first ..< first + count` of the `width`-byte values split across `buffer`
    /// (all of a page's streams) to `output`, contiguous, as little-endian bytes.
    public static func decode(
        _ buffer: UnsafeRawBufferPointer, width: Int, from first: Int = 0, count: Int, into output: UnsafeMutableRawPointer
    ) throws(SluiceError) {
        guard width > 0 else { throw ParquetEncodingError.corrupt("BYTE_STREAM_SPLIT", "value width \(width) is not positive") }
        guard buffer.count % width == 0 else {
            throw ParquetEncodingError.corrupt(
                "BYTE_STREAM_SPLIT", "\(buffer.count) bytes are not a whole number of \(width)-byte values")
        }
        let streamLength = buffer.count / width
        guard first >= 0, count >= 0, first <= streamLength, count <= streamLength - first else {
            throw ParquetEncodingError.truncated(
                "BYTE_STREAM_SPLIT", "values \(first) to \(first + count) wanted but the page holds \(streamLength)")
        }
        guard count > 0, let base = buffer.baseAddress else { return }
        let source = base.assumingMemoryBound(to: UInt8.self) + first
        switch width {
        case 2: decodeWords(source, streamLength: streamLength, count: count, into: output, as: UInt16.self)
        case 4: decodeWords(source, streamLength: streamLength, count: count, into: output, as: UInt32.self)
        case 8: decodeWords(source, streamLength: streamLength, count: count, into: output, as: UInt64.self)
        default:
            let target = output.assumingMemoryBound(to: UInt8.self)
            for stream in 0..<width {
                let bytes = source + stream * streamLength
                for index in 0..<count { target[index * width + stream] = bytes[index] }
            }
        }
    }

    @inline(__always)
    private static func decodeWords<Word: FixedWidthInteger & UnsignedInteger>(
        _ source: UnsafePointer<UInt8>, streamLength: Int, count: Int, into output: UnsafeMutableRawPointer, as: Word.Type
    ) {
        let width = MemoryLayout<Word>.size
        for index in 0..<count {
            var word: Word = 0
            for stream in 0..<width {
                word |= Word(source[stream * streamLength + index]) << (stream * 8)
            }
            output.storeBytes(of: word.littleEndian, toByteOffset: index * width, as: Word.self)
        }
    }

    /// Appends the `values.count / width` values in `values` (contiguous little-endian bytes)
    /// split into `width` streams to `output`.
    public static func encode(_ values: UnsafeRawBufferPointer, width: Int, into output: inout [UInt8]) {
        precondition(width > 0 && values.count % width == 0, "\(values.count) bytes are not whole \(width)-byte values")
        let count = values.count / width
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: values.count))
        guard count > 0 else { return }
        output.withUnsafeMutableBufferPointer { target in
            let streams = target.baseAddress! + start
            let source = values.baseAddress!.assumingMemoryBound(to: UInt8.self)
            for stream in 0..<width {
                let bytes = streams + stream * count
                for index in 0..<count { bytes[index] = source[index * width + stream] }
            }
        }
    }
}
