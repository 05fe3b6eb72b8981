public import SluiceCore

/// DELTA_LENGTH_BYTE_ARRAY: every value's length as DELTA_BINARY_PACKED, then all the bytes
/// back to back.
public enum DeltaLengthByteArray {
    /// Appends `count` values read from `buffer` to `values`; returns the bytes consumed. On
    /// error `values` is left as it was.
    @discardableResult
    public static func decode(
        _ buffer: UnsafeRawBufferPointer, count: Int, into values: inout ParquetByteArrays
    ) throws(SluiceError) -> Int {
        let originalCount = values.count
        do throws(SluiceError) {
            return try decodeAppending(buffer, count: count, into: &values)
        } catch {
            values.truncate(to: originalCount)
            throw error
        }
    }

    private static func decodeAppending(
        _ buffer: UnsafeRawBufferPointer, count: Int, into values: inout ParquetByteArrays
    ) throws(SluiceError) -> Int {
        var lengths = try DeltaBinaryPackedDecoder(buffer)
        guard lengths.totalValueCount == count else {
            throw ParquetEncodingError.corrupt(
                "DELTA_LENGTH_BYTE_ARRAY", "it holds \(lengths.totalValueCount) lengths for \(count) values")
        }
        // Lengths decode a batch at a time into running ends, so a header that announces more
        // values than its data holds fails before it costs memory.
        var running = Int(values.offsets[values.offsets.count - 1])
        let base = running
        var batch = [Int32](repeating: 0, count: min(count, 4096))
        var done = 0
        while done < count {
            let taken = min(batch.count, count - done)
            try batch.withUnsafeMutableBufferPointer { (batch: inout UnsafeMutableBufferPointer<Int32>) throws(SluiceError) in
                try lengths.decode(count: taken, into: batch.baseAddress!)
            }
            for index in 0..<taken {
                let length = Int(batch[index])
                running += length
                guard length >= 0, running - base <= buffer.count, running <= Int(Int32.max) else {
                    throw ParquetEncodingError.corrupt(
                        "DELTA_LENGTH_BYTE_ARRAY", "value \(done + index) has length \(length), outside what the page can hold")
                }
                values.offsets.append(Int32(running))
            }
            done += taken
        }
        let end = running
        let dataStart = lengths.bytesConsumed
        let dataSize = end - base
        guard dataSize <= buffer.count - dataStart else {
            throw ParquetEncodingError.truncated(
                "DELTA_LENGTH_BYTE_ARRAY", "the lengths add up to \(dataSize) bytes but \(buffer.count - dataStart) follow")
        }
        values.data.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[dataStart..<(dataStart + dataSize)]))
        return dataStart + dataSize
    }

    /// Appends `values` encoded to `output`.
    public static func encode(_ values: ParquetByteArrays, into output: inout [UInt8]) {
        var lengths = DeltaBinaryPackedEncoder(for: .int32)
        values.offsets.withUnsafeBufferPointer { offsets in
            for index in 0..<values.count { lengths.append(Int64(offsets[index + 1] - offsets[index])) }
        }
        lengths.finish(into: &output)
        output.append(contentsOf: values.data[Int(values.offsets[0])..<Int(values.offsets[values.count])])
    }
}
