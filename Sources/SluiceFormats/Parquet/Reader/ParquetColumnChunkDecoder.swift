import SluiceCore

/// The decoded content of one column chunk: a level entry per value slot (definition and
/// repetition levels, empty when the leaf's maximum is 0) and the present values.
struct ParquetLeafChunk {
    var definitionLevels: [UInt8] = []
    var repetitionLevels: [UInt8] = []
    var values: ParquetDenseValues
    /// Number of level entries (values including nulls and empty lists).
    var entryCount = 0
}

/// Decodes every page of one column chunk: dictionary page, data pages v1 and v2, in any
/// codec; levels through the RLE/bit-packed hybrid (or the legacy BIT_PACKED encoding).
enum ParquetColumnChunkDecoder {
    static func decode(
        _ chunk: UnsafeRawBufferPointer, metadata: ParquetColumnMetadata, leaf: ParquetLeafColumn
    ) throws(SluiceError) -> ParquetLeafChunk {
        guard leaf.maxDefinitionLevel <= 255, leaf.maxRepetitionLevel <= 255 else {
            throw SluiceError(
                domain: .format, code: "parquet.unsupportedType",
                message: "Column '\(leaf.dottedPath)' nests more than 255 levels deep.",
                hint: "Flatten the column where the file is written.")
        }
        let totalEntries = Int(clamping: metadata.numValues)
        var result = ParquetLeafChunk(values: ParquetDenseValues(type: leaf.type))
        result.values.reserveCapacity(min(totalEntries, 1 << 24))
        var dictionary: ParquetDenseValues?
        var pageBuffer: [UInt8] = []
        var levelScratch: [UInt32] = []
        var position = 0
        while result.entryCount < totalEntries {
            guard position < chunk.count else {
                throw ParquetPageValues.corrupt(
                    "the column chunk ends after \(result.entryCount) of its \(totalEntries) values")
            }
            let (header, headerLength) = try ParquetPageHeader.decode(UnsafeRawBufferPointer(rebasing: chunk[position...]))
            position += headerLength
            let compressedSize = Int(header.compressedPageSize)
            let uncompressedSize = Int(header.uncompressedPageSize)
            guard compressedSize >= 0, uncompressedSize >= 0, compressedSize <= chunk.count - position else {
                throw ParquetPageValues.corrupt(
                    "a page claims \(header.compressedPageSize) bytes but the chunk has \(chunk.count - position) left")
            }
            let page = UnsafeRawBufferPointer(rebasing: chunk[position..<position + compressedSize])
            position += compressedSize
            switch header.type {
            case .dictionaryPage:
                guard let dictionaryHeader = header.dictionaryPageHeader else {
                    throw ParquetPageValues.corrupt("a dictionary page has no dictionary header")
                }
                try ParquetCompression.decompress(metadata.codec, page, uncompressedSize: uncompressedSize, into: &pageBuffer)
                var values = ParquetDenseValues(type: leaf.type)
                let count = Int(dictionaryHeader.numValues)
                guard count >= 0 else { throw ParquetPageValues.corrupt("a dictionary page has \(count) values") }
                try pageBuffer.withBytes { (bytes) throws(SluiceError) in
                    try ParquetPageValues.plain(bytes, count: count, leaf: leaf, into: &values)
                }
                dictionary = values
            case .dataPage:
                guard let dataHeader = header.dataPageHeader else {
                    throw ParquetPageValues.corrupt("a data page has no data page header")
                }
                try ParquetCompression.decompress(metadata.codec, page, uncompressedSize: uncompressedSize, into: &pageBuffer)
                let entries = try entryCount(dataHeader.numValues, remaining: totalEntries - result.entryCount)
                try pageBuffer.withBytes { (bytes) throws(SluiceError) in
                    var offset = 0
                    if leaf.maxRepetitionLevel > 0 {
                        offset += try levelsV1(
                            UnsafeRawBufferPointer(rebasing: bytes[offset...]), encoding: dataHeader.repetitionLevelEncoding,
                            maximum: leaf.maxRepetitionLevel, count: entries, scratch: &levelScratch,
                            into: &result.repetitionLevels)
                    }
                    var present = entries
                    if leaf.maxDefinitionLevel > 0 {
                        offset += try levelsV1(
                            UnsafeRawBufferPointer(rebasing: bytes[offset...]), encoding: dataHeader.definitionLevelEncoding,
                            maximum: leaf.maxDefinitionLevel, count: entries, scratch: &levelScratch,
                            into: &result.definitionLevels)
                        present = presentCount(result.definitionLevels, last: entries, maximum: leaf.maxDefinitionLevel)
                    }
                    try ParquetPageValues.decode(
                        UnsafeRawBufferPointer(rebasing: bytes[offset...]), encoding: dataHeader.encoding, count: present,
                        leaf: leaf, dictionary: dictionary, into: &result.values)
                }
                result.entryCount += entries
            case .dataPageV2:
                guard let dataHeader = header.dataPageHeaderV2 else {
                    throw ParquetPageValues.corrupt("a data page v2 has no data page header")
                }
                let entries = try entryCount(dataHeader.numValues, remaining: totalEntries - result.entryCount)
                let repetitionLength = Int(dataHeader.repetitionLevelsByteLength)
                let definitionLength = Int(dataHeader.definitionLevelsByteLength)
                guard repetitionLength >= 0, definitionLength >= 0, repetitionLength + definitionLength <= page.count else {
                    throw ParquetPageValues.corrupt("a data page v2's level lengths exceed the page")
                }
                if leaf.maxRepetitionLevel > 0 {
                    try levels(
                        UnsafeRawBufferPointer(rebasing: page[0..<repetitionLength]), maximum: leaf.maxRepetitionLevel,
                        count: entries, scratch: &levelScratch, into: &result.repetitionLevels)
                }
                var present = entries
                if leaf.maxDefinitionLevel > 0 {
                    try levels(
                        UnsafeRawBufferPointer(rebasing: page[repetitionLength..<repetitionLength + definitionLength]),
                        maximum: leaf.maxDefinitionLevel, count: entries, scratch: &levelScratch,
                        into: &result.definitionLevels)
                    present = presentCount(result.definitionLevels, last: entries, maximum: leaf.maxDefinitionLevel)
                }
                let valuesPart = UnsafeRawBufferPointer(rebasing: page[(repetitionLength + definitionLength)...])
                let decode = { (bytes: UnsafeRawBufferPointer) throws(SluiceError) in
                    try ParquetPageValues.decode(
                        bytes, encoding: dataHeader.encoding, count: present, leaf: leaf, dictionary: dictionary,
                        into: &result.values)
                }
                if dataHeader.isCompressed && metadata.codec != .uncompressed {
                    let valuesSize = uncompressedSize - repetitionLength - definitionLength
                    guard valuesSize >= 0 else {
                        throw ParquetPageValues.corrupt("a data page v2 is smaller than its levels")
                    }
                    try ParquetCompression.decompress(metadata.codec, valuesPart, uncompressedSize: valuesSize, into: &pageBuffer)
                    try pageBuffer.withBytes(decode)
                } else {
                    try decode(valuesPart)
                }
                result.entryCount += entries
            default:
                continue  // Index pages and page types from newer writers carry nothing we need.
            }
        }
        return result
    }

    private static func entryCount(_ announced: Int32, remaining: Int) throws(SluiceError) -> Int {
        guard announced >= 0, Int(announced) <= remaining else {
            throw ParquetPageValues.corrupt(
                "a data page announces \(announced) values but the column chunk has \(remaining) left")
        }
        return Int(announced)
    }

    /// Decodes data page v1 levels (length-prefixed RLE, or legacy BIT_PACKED) and returns
    /// the bytes they took.
    private static func levelsV1(
        _ bytes: UnsafeRawBufferPointer, encoding: ParquetEncoding, maximum: Int, count: Int,
        scratch: inout [UInt32], into levels: inout [UInt8]
    ) throws(SluiceError) -> Int {
        let bitWidth = RLEHybridEncoder.bitWidth(forMaximum: UInt32(maximum))
        if encoding == .bitPacked {
            let length = (count * bitWidth + 7) / 8
            guard length <= bytes.count else { throw ParquetPageValues.corrupt("BIT_PACKED levels end early") }
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: repeatElement(0, count: count))
            try scratch.withUnsafeMutableBufferPointer { (scratch) throws(SluiceError) -> Void in
                try RLEHybridDecoder.decodeLegacyBitPacked(
                    UnsafeRawBufferPointer(rebasing: bytes[0..<length]), bitWidth: bitWidth, count: count,
                    into: scratch.baseAddress!)
            }
            try append(scratch, maximum: maximum, into: &levels)
            return length
        }
        var (decoder, consumed) = try RLEHybridDecoder.lengthPrefixed(bytes, bitWidth: bitWidth)
        try decodeLevels(&decoder, count: count, maximum: maximum, scratch: &scratch, into: &levels)
        return consumed
    }

    /// Decodes data page v2 levels (RLE without a length prefix).
    private static func levels(
        _ bytes: UnsafeRawBufferPointer, maximum: Int, count: Int, scratch: inout [UInt32], into levels: inout [UInt8]
    ) throws(SluiceError) {
        var decoder = RLEHybridDecoder(bytes, bitWidth: RLEHybridEncoder.bitWidth(forMaximum: UInt32(maximum)))
        try decodeLevels(&decoder, count: count, maximum: maximum, scratch: &scratch, into: &levels)
    }

    private static func decodeLevels(
        _ decoder: inout RLEHybridDecoder, count: Int, maximum: Int, scratch: inout [UInt32], into levels: inout [UInt8]
    ) throws(SluiceError) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: count))
        try scratch.withUnsafeMutableBufferPointer { (scratch) throws(SluiceError) in
            try decoder.decode(count: count, into: scratch.baseAddress!)
        }
        try append(scratch, maximum: maximum, into: &levels)
    }

    private static func append(_ decoded: [UInt32], maximum: Int, into levels: inout [UInt8]) throws(SluiceError) {
        var largest: UInt32 = 0
        levels.reserveCapacity(levels.count + decoded.count)
        for level in decoded {
            largest = max(largest, level)
            levels.append(UInt8(truncatingIfNeeded: level))
        }
        guard largest <= UInt32(maximum) else {
            throw ParquetPageValues.corrupt("a level of \(largest) exceeds the column's maximum of \(maximum)")
        }
    }

    /// How many of the last `last` definition levels mark a present value.
    private static func presentCount(_ levels: [UInt8], last: Int, maximum: Int) -> Int {
        var count = 0
        let target = UInt8(maximum)
        for index in (levels.count - last)..<levels.count where levels[index] == target { count += 1 }
        return count
    }
}
