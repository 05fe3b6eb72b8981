public import SluiceCore

/// DELTA_BYTE_ARRAY (front coding): for each value, the length of the prefix it shares with the
/// previous one (DELTA_BINARY_PACKED), then the rest of every value (DELTA_LENGTH_BYTE_ARRAY).
public enum DeltaByteArray {
    /// Appends `count` values read from `buffer` to `values`; returns the bytes consumed. On
    /// error `values` is left as it was.
    @discardableResult
    public static func decode(
        _ buffer: UnsafeRawBufferPointer, count: Int, into values: inout ParquetByteArrays
    ) throws(SluiceError) -> Int {
        var prefixDecoder = try DeltaBinaryPackedDecoder(buffer)
        guard prefixDecoder.totalValueCount == count else {
            throw ParquetEncodingError.corrupt(
                "DELTA_BYTE_ARRAY", "it holds \(prefixDecoder.totalValueCount) prefix lengths for \(count) values")
        }
        // Prefix lengths decode a batch at a time, so a header that announces more values than
        // its data holds fails before it costs memory.
        var prefixes: [Int32] = []
        var batch = [Int32](repeating: 0, count: min(count, 4096))
        while prefixes.count < count {
            let taken = min(batch.count, count - prefixes.count)
            try batch.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<Int32>) throws(SluiceError) in
                try prefixDecoder.decode(count: taken, into: target.baseAddress!)
            }
            prefixes.append(contentsOf: batch[0..<taken])
        }
        let suffixStart = prefixDecoder.bytesConsumed
        var suffixes = ParquetByteArrays()
        let suffixBytes = try DeltaLengthByteArray.decode(
            UnsafeRawBufferPointer(rebasing: buffer[suffixStart...]), count: count, into: &suffixes)

        try prefixes.withUnsafeBufferPointer { (prefixLengths: UnsafeBufferPointer<Int32>) throws(SluiceError) in
            try suffixes.offsets.withUnsafeBufferPointer { (suffixOffsets: UnsafeBufferPointer<Int32>) throws(SluiceError) in
                let total = try checkedSize(prefixLengths, suffixOffsets, count: count, base: Int(values.offsets[values.count]))
                let dataStart = values.data.count
                values.data.append(contentsOf: repeatElement(0, count: total))
                if total > 0 {
                    values.data.withUnsafeMutableBufferPointer { data in
                        suffixes.data.withUnsafeBufferPointer { suffixData in
                            assemble(prefixLengths, suffixOffsets, suffixData, count: count, into: data.baseAddress!, at: dataStart)
                        }
                    }
                }
                values.offsets.reserveCapacity(values.offsets.count + count)
                var end = Int(values.offsets[values.count])
                for index in 0..<count {
                    end += Int(prefixLengths[index]) + Int(suffixOffsets[index + 1] &- suffixOffsets[index])
                    values.offsets.append(Int32(end))
                }
            }
        }
        return suffixStart + suffixBytes
    }

    /// The bytes the values take once their prefixes are put back; throws when a prefix is
    /// longer than the value before it or the total does not fit a column's 32-bit offsets.
    private static func checkedSize(
        _ prefixLengths: UnsafeBufferPointer<Int32>, _ suffixOffsets: UnsafeBufferPointer<Int32>, count: Int, base: Int
    ) throws(SluiceError) -> Int {
        var total = 0
        var previousLength = 0
        for index in 0..<count {
            let prefix = Int(prefixLengths[index])
            guard prefix >= 0, prefix <= previousLength else {
                throw ParquetEncodingError.corrupt(
                    "DELTA_BYTE_ARRAY", "value \(index) shares \(prefix) bytes with a previous value of \(previousLength)")
            }
            previousLength = prefix + Int(suffixOffsets[index + 1] &- suffixOffsets[index])
            total += previousLength
            guard total <= Int(Int32.max) - base else {
                throw ParquetEncodingError.corrupt(
                    "DELTA_BYTE_ARRAY", "the \(count) values add up to more bytes than a column can hold")
            }
        }
        return total
    }

    /// Writes each value, its prefix copied from the value before it, then its suffix.
    private static func assemble(
        _ prefixLengths: UnsafeBufferPointer<Int32>, _ suffixOffsets: UnsafeBufferPointer<Int32>,
        _ suffixData: UnsafeBufferPointer<UInt8>, count: Int, into data: UnsafeMutablePointer<UInt8>, at start: Int
    ) {
        var write = start
        var previousStart = start
        for index in 0..<count {
            let valueStart = write
            let prefix = Int(prefixLengths[index])
            if prefix > 0 {
                (data + write).update(from: data + previousStart, count: prefix)
                write += prefix
            }
            let suffixFrom = Int(suffixOffsets[index])
            let suffixLength = Int(suffixOffsets[index + 1]) - suffixFrom
            if suffixLength > 0 {
                (data + write).update(from: suffixData.baseAddress! + suffixFrom, count: suffixLength)
                write += suffixLength
            }
            previousStart = valueStart
        }
    }

    /// Appends `values` encoded to `output`.
    public static func encode(_ values: ParquetByteArrays, into output: inout [UInt8]) {
        var prefixes = DeltaBinaryPackedEncoder(for: .int32)
        var suffixes = ParquetByteArrays()
        values.data.withUnsafeBufferPointer { data in
            var previousStart = 0
            var previousLength = 0
            for index in 0..<values.count {
                let start = Int(values.offsets[index])
                let length = Int(values.offsets[index + 1]) - start
                var shared = 0
                let limit = min(length, previousLength)
                while shared < limit && data[previousStart + shared] == data[start + shared] { shared += 1 }
                prefixes.append(Int64(shared))
                suffixes.append(UnsafeBufferPointer(rebasing: data[(start + shared)..<(start + length)]))
                previousStart = start
                previousLength = length
            }
        }
        prefixes.finish(into: &output)
        DeltaLengthByteArray.encode(suffixes, into: &output)
    }
}
