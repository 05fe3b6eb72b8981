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
        case 2: decodePairs(source, streamLength: streamLength, count: count, into: output)
        case 4: decodeQuads(source, streamLength: streamLength, count: count, into: output)
        case 8: decodeOctets(source, streamLength: streamLength, count: count, into: output)
        default:
            let target = output.assumingMemoryBound(to: UInt8.self)
            for stream in 0..<width {
                let bytes = source + stream * streamLength
                for index in 0..<count { target[index &* width &+ stream] = bytes[index] }
            }
        }
    }

    // The fixed widths gather one byte from each stream per value with constant shifts and no
    // overflow checks, so the compiler can vectorize the loops.

    private static func decodePairs(_ source: UnsafePointer<UInt8>, streamLength: Int, count: Int, into output: UnsafeMutableRawPointer) {
        let stream0 = source
        let stream1 = source + streamLength
        for index in 0..<count {
            let value = UInt16(stream0[index]) | UInt16(stream1[index]) &<< 8
            output.storeBytes(of: value.littleEndian, toByteOffset: index &* 2, as: UInt16.self)
        }
    }

    private static func decodeQuads(_ source: UnsafePointer<UInt8>, streamLength: Int, count: Int, into output: UnsafeMutableRawPointer) {
        let stream0 = source
        let stream1 = stream0 + streamLength
        let stream2 = stream1 + streamLength
        let stream3 = stream2 + streamLength
        for index in 0..<count {
            let low = UInt32(stream0[index]) | UInt32(stream1[index]) &<< 8
            let high = UInt32(stream2[index]) &<< 16 | UInt32(stream3[index]) &<< 24
            output.storeBytes(of: (low | high).littleEndian, toByteOffset: index &* 4, as: UInt32.self)
        }
    }

    private static func decodeOctets(_ source: UnsafePointer<UInt8>, streamLength: Int, count: Int, into output: UnsafeMutableRawPointer) {
        let stream0 = source
        let stream1 = stream0 + streamLength
        let stream2 = stream1 + streamLength
        let stream3 = stream2 + streamLength
        let stream4 = stream3 + streamLength
        let stream5 = stream4 + streamLength
        let stream6 = stream5 + streamLength
        let stream7 = stream6 + streamLength
        for index in 0..<count {
            let first = UInt64(stream0[index]) | UInt64(stream1[index]) &<< 8
            let second = UInt64(stream2[index]) &<< 16 | UInt64(stream3[index]) &<< 24
            let third = UInt64(stream4[index]) &<< 32 | UInt64(stream5[index]) &<< 40
            let fourth = UInt64(stream6[index]) &<< 48 | UInt64(stream7[index]) &<< 56
            output.storeBytes(of: (first | second | third | fourth).littleEndian, toByteOffset: index &* 8, as: UInt64.self)
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
            switch width {
            case 4:
                for index in 0..<count {
                    let value = UInt32(littleEndian: UnsafeRawPointer(source).loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
                    for stream in 0..<4 { streams[stream &* count &+ index] = UInt8(truncatingIfNeeded: value &>> UInt32(stream &* 8)) }
                }
            case 8:
                for index in 0..<count {
                    let value = UInt64(littleEndian: UnsafeRawPointer(source).loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self))
                    for stream in 0..<8 { streams[stream &* count &+ index] = UInt8(truncatingIfNeeded: value &>> UInt64(stream &* 8)) }
                }
            default:
                for stream in 0..<width {
                    let bytes = streams + stream &* count
                    for index in 0..<count { bytes[index] = source[index &* width &+ stream] }
                }
            }
        }
    }
}
