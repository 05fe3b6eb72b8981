import SluiceCore

/// Decodes the values section of one data page (or a dictionary page) in any of the
/// format's encodings and appends the present values, converted, to a leaf's dense values.
enum ParquetPageValues {
    static func decode(
        _ buffer: UnsafeRawBufferPointer, encoding: ParquetEncoding, count: Int, leaf: ParquetLeafColumn,
        dictionary: ParquetDenseValues?, into values: inout ParquetDenseValues
    ) throws(SluiceError) {
        guard count > 0 else { return }
        switch encoding {
        case .plainDictionary, .rleDictionary:
            guard let dictionary else {
                throw corrupt("a dictionary-encoded page comes without a dictionary page")
            }
            guard let bitWidth = buffer.first, bitWidth <= 32 else {
                throw corrupt("a dictionary-encoded page has no valid index bit width")
            }
            var indices = [UInt32](repeating: 0, count: count)
            var decoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: buffer[1...]), bitWidth: Int(bitWidth))
            try indices.withUnsafeMutableBufferPointer { (indices) throws(SluiceError) in
                try decoder.decode(count: count, into: indices.baseAddress!)
                try values.appendGathered(from: dictionary, indices: UnsafeBufferPointer(indices))
            }
        case .plain:
            try plain(buffer, count: count, leaf: leaf, into: &values)
        case .deltaBinaryPacked:
            var decoder = try DeltaBinaryPackedDecoder(buffer)
            var decoded = [Int64](repeating: 0, count: count)
            try decoded.withUnsafeMutableBufferPointer { (decoded) throws(SluiceError) in
                try decoder.decode(count: count, into: decoded.baseAddress!)
            }
            switch leaf.physicalType {
            case .int32:
                let narrowed = decoded.map { Int32(truncatingIfNeeded: $0) }
                narrowed.withUnsafeBufferPointer { values.appendInt32s($0, leaf.conversion) }
            case .int64:
                decoded.withUnsafeBufferPointer { values.appendInt64s($0, leaf.conversion) }
            default:
                throw unsupported(encoding, leaf)
            }
        case .deltaLengthByteArray, .deltaByteArray:
            var arrays = ParquetByteArrays()
            if encoding == .deltaLengthByteArray {
                try DeltaLengthByteArray.decode(buffer, count: count, into: &arrays)
            } else {
                try DeltaByteArray.decode(buffer, count: count, into: &arrays)
            }
            try appendByteArrays(arrays, leaf: leaf, into: &values)
        case .byteStreamSplit:
            let width = try valueWidth(leaf, encoding)
            var joined = [UInt8](repeating: 0, count: count * width)
            try joined.withUnsafeMutableBufferPointer { (joined) throws(SluiceError) in
                try ByteStreamSplit.decode(buffer, width: width, count: count, into: UnsafeMutableRawPointer(joined.baseAddress!))
            }
            try joined.withBytes { (joined) throws(SluiceError) in
                try plain(joined, count: count, leaf: leaf, into: &values)
            }
        case .rle where leaf.physicalType == .boolean:
            // Data page v2 booleans: a 4-byte length, then the RLE/bit-packed hybrid of width 1.
            let (decoder, _) = try RLEHybridDecoder.lengthPrefixed(buffer, bitWidth: 1)
            var bits = [UInt32](repeating: 0, count: count)
            var rle = decoder
            try bits.withUnsafeMutableBufferPointer { (bits) throws(SluiceError) in
                try rle.decode(count: count, into: bits.baseAddress!)
            }
            for bit in bits { values.booleans.append(bit != 0) }
        default:
            throw unsupported(encoding, leaf)
        }
    }

    /// PLAIN values: little-endian fixed widths, bit-packed booleans, length-prefixed byte arrays.
    static func plain(
        _ buffer: UnsafeRawBufferPointer, count: Int, leaf: ParquetLeafColumn, into values: inout ParquetDenseValues
    ) throws(SluiceError) {
        switch leaf.physicalType {
        case .boolean:
            guard buffer.count * 8 >= count else { throw truncated(leaf, count) }
            values.booleans.reserveCapacity(values.booleans.count + count)
            for index in 0..<count { values.booleans.append((buffer[index >> 3] >> UInt8(index & 7)) & 1 == 1) }
        case .int32:
            guard buffer.count >= count * 4 else { throw truncated(leaf, count) }
            let decoded = [Int32](unsafeUninitializedCapacity: count) { target, initialized in
                UnsafeMutableRawBufferPointer(target).copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count * 4]))
                initialized = count
            }
            decoded.withUnsafeBufferPointer { values.appendInt32s($0, leaf.conversion) }
        case .int64:
            guard buffer.count >= count * 8 else { throw truncated(leaf, count) }
            let decoded = [Int64](unsafeUninitializedCapacity: count) { target, initialized in
                UnsafeMutableRawBufferPointer(target).copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count * 8]))
                initialized = count
            }
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
            values.reserveCapacity(values.count + count)
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

    private static func appendByteArrays(
        _ arrays: ParquetByteArrays, leaf: ParquetLeafColumn, into values: inout ParquetDenseValues
    ) throws(SluiceError) {
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
            domain: .format, code: "parquet.corruptPage", message: "The page is damaged: \(detail).",
            hint: "The file is damaged or was cut short; rewrite it from its source.")
    }

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
