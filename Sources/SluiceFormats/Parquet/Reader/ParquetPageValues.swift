import SluiceCore

/// Decodes the values section of one data page (or a dictionary page) in any of the
/// format's encodings and appends the present values, converted, to a leaf's dense values.
enum ParquetPageValues {
    static func decode(
        _ buffer: UnsafeRawBufferPointer, encoding: ParquetEncoding, count: Int, leaf: ParquetLeafColumn,
        dictionary: ParquetDenseValues?, into values: inout ParquetDenseValues
    ) throws(SluiceError) {
        guard count > 0 else { return }
        if encoding != .plainDictionary && encoding != .rleDictionary { values.stopDictionaryCoding() }
        switch encoding {
        case .plainDictionary, .rleDictionary:
            guard let dictionary else {
                throw corrupt("a dictionary-encoded page comes without a dictionary page")
            }
            guard let bitWidth = buffer.first, bitWidth <= 32 else {
                throw corrupt("a dictionary-encoded page has no valid index bit width")
            }
            var decoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: buffer[1...]), bitWidth: Int(bitWidth))
            try inBatches(of: count, UInt32.self) { (indices, taken) throws(SluiceError) in
                try decoder.decode(count: taken, into: indices)
                try values.appendGathered(from: dictionary, indices: UnsafeBufferPointer(start: indices, count: taken))
            }
        case .plain:
            try plain(buffer, count: count, leaf: leaf, into: &values)
        case .deltaBinaryPacked:
            var decoder = try DeltaBinaryPackedDecoder(buffer)
            guard count <= decoder.remainingValueCount else {
                throw ParquetEncodingError.truncated(
                    "DELTA_BINARY_PACKED", "the page has \(count) values but the encoding holds \(decoder.totalValueCount)")
            }
            switch leaf.physicalType {
            case .int32:
                try inBatches(of: count, Int32.self) { (decoded, taken) throws(SluiceError) in
                    try decoder.decode(count: taken, into: decoded)
                    values.appendInt32s(UnsafeBufferPointer(start: decoded, count: taken), leaf.conversion)
                }
            case .int64:
                try inBatches(of: count, Int64.self) { (decoded, taken) throws(SluiceError) in
                    try decoder.decode(count: taken, into: decoded)
                    values.appendInt64s(UnsafeBufferPointer(start: decoded, count: taken), leaf.conversion)
                }
            default:
                throw unsupported(encoding, leaf)
            }
        case .deltaLengthByteArray, .deltaByteArray:
            guard leaf.physicalType == .byteArray || leaf.physicalType == .fixedLenByteArray else {
                throw unsupported(encoding, leaf)
            }
            var arrays = ParquetByteArrays()
            if encoding == .deltaLengthByteArray {
                try DeltaLengthByteArray.decode(buffer, count: count, into: &arrays)
            } else {
                try DeltaByteArray.decode(buffer, count: count, into: &arrays)
            }
            try appendByteArrays(arrays, leaf: leaf, into: &values)
        case .byteStreamSplit:
            let width = try valueWidth(leaf, encoding)
            guard count <= buffer.count / width else { throw truncated(leaf, count) }
            var joined = [UInt8](repeating: 0, count: count * width)
            try joined.withUnsafeMutableBufferPointer { (joined) throws(SluiceError) in
                try ByteStreamSplit.decode(buffer, width: width, count: count, into: UnsafeMutableRawPointer(joined.baseAddress!))
            }
            try joined.withBytes { (joined) throws(SluiceError) in
                try plain(joined, count: count, leaf: leaf, into: &values)
            }
        case .rle where leaf.physicalType == .boolean:
            // Data page v2 booleans: a 4-byte length, then the RLE/bit-packed hybrid of width 1.
            var (decoder, _) = try RLEHybridDecoder.lengthPrefixed(buffer, bitWidth: 1)
            try inBatches(of: count, UInt32.self) { (bits, taken) throws(SluiceError) in
                try decoder.decode(count: taken, into: bits)
                for index in 0..<taken { values.booleans.append(bits[index] != 0) }
            }
        default:
            throw unsupported(encoding, leaf)
        }
    }

    /// Values decoded at a time by encodings that decode through a scratch buffer (dictionary
    /// indices, deltas, RLE booleans): memory stays bounded whatever count a page announces.
    static let batchSize = 4096

    /// Calls `body` with a scratch buffer and a batch size for each batch of `count` values.
    private static func inBatches<Scratch: FixedWidthInteger>(
        of count: Int, _: Scratch.Type, _ body: (UnsafeMutablePointer<Scratch>, Int) throws(SluiceError) -> Void
    ) throws(SluiceError) {
        let capacity = min(count, batchSize)
        let scratch = UnsafeMutablePointer<Scratch>.allocate(capacity: capacity)
        scratch.initialize(repeating: 0, count: capacity)
        defer { scratch.deallocate() }
        var done = 0
        while done < count {
            let taken = min(batchSize, count - done)
            try body(scratch, taken)
            done += taken
        }
    }

    /// PLAIN values: little-endian fixed widths, bit-packed booleans, length-prefixed byte arrays.
    static func plain(
        _ buffer: UnsafeRawBufferPointer, count: Int, leaf: ParquetLeafColumn, into values: inout ParquetDenseValues
    ) throws(SluiceError) {
        switch leaf.physicalType {
        case .boolean:
            guard buffer.count * 8 >= count else { throw truncated(leaf, count) }
            values.booleans.reserveForAppending(count)
            for index in 0..<count { values.booleans.append((buffer[index >> 3] >> UInt8(index & 7)) & 1 == 1) }
        case .int32:
            let decoded: [Int32] = try littleEndian(buffer, count: count, leaf: leaf)
            decoded.withUnsafeBufferPointer { values.appendInt32s($0, leaf.conversion) }
        case .int64:
            let decoded: [Int64] = try littleEndian(buffer, count: count, leaf: leaf)
            decoded.withUnsafeBufferPointer { values.appendInt64s($0, leaf.conversion) }
        case .float:
            guard buffer.count >= count * 4 else { throw truncated(leaf, count) }
            values.float32s.append(contentsOf: (0..<count).lazy.map {
                buffer.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self)
            })
        case .double:
            guard buffer.count >= count * 8 else { throw truncated(leaf, count) }
            values.float64s.append(contentsOf: (0..<count).lazy.map {
                buffer.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self)
            })
        case .int96, .fixedLenByteArray:
            let width = leaf.physicalType == .int96 ? 12 : leaf.typeLength
            guard buffer.count >= count * width else { throw truncated(leaf, count) }
            values.appendFixed(UnsafeRawBufferPointer(rebasing: buffer[0..<count * width]), width: width, leaf.conversion)
        case .byteArray:
            var position = 0
            // Each value takes at least its 4-byte length: reserve no more than the page can hold.
            values.reserveCapacity(values.count + min(count, buffer.count / 4))
            for _ in 0..<count {
                guard position + 4 <= buffer.count else { throw truncated(leaf, count) }
                let length = Int(buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self))
                position += 4
                guard length <= buffer.count - position else { throw truncated(leaf, count) }
                values.appendByteArray(UnsafeRawBufferPointer(rebasing: buffer[position..<position + length]), leaf.conversion)
                position += length
            }
        default:
            throw unsupported(.plain, leaf)
        }
    }

    /// `count` PLAIN values of a fixed-width integer type, copied out of the page.
    private static func littleEndian<T: FixedWidthInteger>(
        _ buffer: UnsafeRawBufferPointer, count: Int, leaf: ParquetLeafColumn
    ) throws(SluiceError) -> [T] {
        let width = MemoryLayout<T>.size
        guard buffer.count >= count * width else { throw truncated(leaf, count) }
        return [T](unsafeUninitializedCapacity: count) { target, initialized in
            UnsafeMutableRawBufferPointer(target).copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count * width]))
            initialized = count
        }
    }

    private static func appendByteArrays(
        _ arrays: ParquetByteArrays, leaf: ParquetLeafColumn, into values: inout ParquetDenseValues
    ) throws(SluiceError) {
        if leaf.physicalType == .fixedLenByteArray {
            for index in 0..<arrays.count where Int(arrays.offsets[index + 1] - arrays.offsets[index]) != leaf.typeLength {
                throw corrupt(
                    "value \(index) has \(arrays.offsets[index + 1] - arrays.offsets[index]) bytes in a column of "
                        + "\(leaf.typeLength)-byte values")
            }
        }
        arrays.data.withUnsafeBytes { data in
            arrays.offsets.withUnsafeBufferPointer { offsets in
                let count = offsets.count - 1
                if leaf.physicalType == .fixedLenByteArray {
                    values.appendFixed(data, width: leaf.typeLength, leaf.conversion)
                } else {
                    for index in 0..<max(0, count) {
                        let value = UnsafeRawBufferPointer(rebasing: data[Int(offsets[index])..<Int(offsets[index + 1])])
                        values.appendByteArray(value, leaf.conversion)
                    }
                }
            }
        }
    }

    private static func valueWidth(_ leaf: ParquetLeafColumn, _ encoding: ParquetEncoding) throws(SluiceError) -> Int {
        switch leaf.physicalType {
        case .int32, .float: 4
        case .int64, .double: 8
        case .fixedLenByteArray: leaf.typeLength
        default: throw unsupported(encoding, leaf)
        }
    }

    static func corrupt(_ detail: String) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.corruptPage", message: "The page is damaged: \(detail).", hint: damagedHint)
    }

    /// A column chunk whose metadata or page sequence does not hold together.
    static func corruptChunk(_ detail: String) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.corruptChunk", message: "The column chunk is damaged: \(detail).",
            hint: damagedHint)
    }

    static let damagedHint = "The file is damaged or was cut short; copy it again or rewrite it from its source."

    private static func truncated(_ leaf: ParquetLeafColumn, _ count: Int) -> SluiceError {
        corrupt("its values end before the \(count) \(leaf.physicalType) values it announces")
    }

    private static func unsupported(_ encoding: ParquetEncoding, _ leaf: ParquetLeafColumn) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.unsupportedEncoding",
            message: "Encoding \(encoding) is not defined for \(leaf.physicalType) values.",
            hint: "The file uses an encoding its type does not allow; rewrite it with the default encodings.")
    }
}
