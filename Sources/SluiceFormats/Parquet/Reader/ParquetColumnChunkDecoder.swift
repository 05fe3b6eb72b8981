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
///
/// Every size and count in the pages' headers is checked before it sizes anything, and levels
/// and values decode a batch at a time: a damaged or hostile file gets an error, and memory
/// grows only with what actually decodes.
enum ParquetColumnChunkDecoder {
    /// Decodes `chunk`, which starts at `fileOffset` in its file (errors name pages by file
    /// offset), of a row group of `rowCount` rows.
    static func decode(
        _ chunk: UnsafeRawBufferPointer, fileOffset: Int, metadata: ParquetColumnMetadata, leaf: ParquetLeafColumn,
        rowCount: Int
    ) throws(SluiceError) -> ParquetLeafChunk {
        guard leaf.maxDefinitionLevel <= 255, leaf.maxRepetitionLevel <= 255 else {
            throw SluiceError(
                domain: .format, code: "parquet.unsupportedType",
                message: "Column '\(leaf.dottedPath)' nests more than 255 levels deep.",
                hint: "Flatten the column where the file is written.")
        }
        let totalEntries = try entryTotal(metadata.numValues, leaf: leaf, rowCount: rowCount)
        var result = ParquetLeafChunk(values: ParquetDenseValues(type: leaf.type))
        // Room for what the chunk's bytes can plausibly hold; a chunk of more grows as it decodes.
        let expected = min(totalEntries, 1 << 24, chunk.count * 8 + 1024)
        result.values.reserveCapacity(expected)
        if leaf.maxDefinitionLevel > 0 { result.definitionLevels.reserveCapacity(expected) }
        if leaf.maxRepetitionLevel > 0 { result.repetitionLevels.reserveCapacity(expected) }
        var dictionary: ParquetDenseValues?
        var pageBuffer: [UInt8] = []
        var levelScratch: [UInt32] = []
        var position = 0
        while result.entryCount < totalEntries {
            guard position < chunk.count else {
                throw ParquetPageValues.corruptChunk("it ends after \(result.entryCount) of its \(totalEntries) values")
            }
            let pageOffset = fileOffset + position
            let (header, headerLength) = try ParquetPageHeader.decodePage(
                UnsafeRawBufferPointer(rebasing: chunk[position...]), fileOffset: pageOffset)
            position += headerLength
            let compressedSize = Int(header.compressedPageSize)
            let uncompressedSize = Int(header.uncompressedPageSize)
            guard compressedSize >= 0, uncompressedSize >= 0 else {
                throw ParquetPageValues.corrupt(
                    "the page at byte \(pageOffset) claims a size of \(min(compressedSize, uncompressedSize)) bytes")
            }
            guard compressedSize <= chunk.count - position else {
                throw ParquetPageValues.corrupt(
                    "the page at byte \(pageOffset) claims \(compressedSize) bytes but its column chunk has "
                        + "\(chunk.count - position) left")
            }
            let page = UnsafeRawBufferPointer(rebasing: chunk[position..<position + compressedSize])
            position += compressedSize
            switch header.type {
            case .dictionaryPage:
                guard let dictionaryHeader = header.dictionaryPageHeader else {
                    throw ParquetPageValues.corrupt("the dictionary page at byte \(pageOffset) has no dictionary header")
                }
                try ParquetCompression.decompress(metadata.codec, page, uncompressedSize: uncompressedSize, into: &pageBuffer)
                var values = ParquetDenseValues(type: leaf.type)
                let count = Int(dictionaryHeader.numValues)
                guard count >= 0 else {
                    throw ParquetPageValues.corrupt("the dictionary page at byte \(pageOffset) has \(count) values")
                }
                try pageBuffer.withBytes { (bytes) throws(SluiceError) in
                    try ParquetPageValues.plain(bytes, count: count, leaf: leaf, into: &values)
                }
                try values.checkByteSize()
                dictionary = values
            case .dataPage:
                guard let dataHeader = header.dataPageHeader else {
                    throw ParquetPageValues.corrupt("the data page at byte \(pageOffset) has no data page header")
                }
                let entries = try entryCount(dataHeader.numValues, remaining: totalEntries - result.entryCount)
                try ParquetCompression.decompress(metadata.codec, page, uncompressedSize: uncompressedSize, into: &pageBuffer)
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
                    throw ParquetPageValues.corrupt("the data page v2 at byte \(pageOffset) has no data page header")
                }
                let entries = try entryCount(dataHeader.numValues, remaining: totalEntries - result.entryCount)
                let repetitionLength = Int(dataHeader.repetitionLevelsByteLength)
                let definitionLength = Int(dataHeader.definitionLevelsByteLength)
                guard repetitionLength >= 0, definitionLength >= 0, repetitionLength + definitionLength <= page.count else {
                    throw ParquetPageValues.corrupt(
                        "the data page v2 at byte \(pageOffset) has level lengths (\(repetitionLength) and "
                            + "\(definitionLength) bytes) beyond its \(page.count) bytes")
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
                        throw ParquetPageValues.corrupt(
                            "the data page v2 at byte \(pageOffset) is smaller (\(uncompressedSize) bytes) than its levels")
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
            // Checked after each page: 32-bit offsets that wrapped within it are never used.
            try result.values.checkByteSize()
        }
        return result
    }

    /// The chunk's level entries, checked: a column holds at most `Int32.max`, and one that is
    /// not repeated has exactly one per row.
    private static func entryTotal(_ numValues: Int64, leaf: ParquetLeafColumn, rowCount: Int) throws(SluiceError) -> Int {
        guard numValues >= 0, numValues <= Int64(Int32.max) else {
            throw ParquetPageValues.corruptChunk("it claims \(numValues) values, where a column holds 0 to \(Int32.max)")
        }
        if leaf.maxRepetitionLevel == 0 && Int(numValues) != rowCount {
            throw ParquetPageValues.corruptChunk(
                "it claims \(numValues) values, but a column that is not repeated has one per row and the row group "
                    + "has \(rowCount) rows")
        }
        return Int(numValues)
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
            // Batches are a multiple of 8 values, so each starts on a byte.
            try appendLevels(count: count, maximum: maximum, scratch: &scratch, into: &levels) {
                (target, done, taken) throws(SluiceError) in
                try RLEHybridDecoder.decodeLegacyBitPacked(
                    UnsafeRawBufferPointer(rebasing: bytes[(done * bitWidth / 8)..<length]), bitWidth: bitWidth,
                    count: taken, into: target)
            }
            return length
        }
        let prefixed = try RLEHybridDecoder.lengthPrefixed(bytes, bitWidth: bitWidth)
        var decoder = prefixed.decoder
        try appendLevels(count: count, maximum: maximum, scratch: &scratch, into: &levels) {
            (target, _, taken) throws(SluiceError) in
            try decoder.decode(count: taken, into: target)
        }
        return prefixed.consumed
    }

    /// Decodes data page v2 levels (RLE without a length prefix).
    private static func levels(
        _ bytes: UnsafeRawBufferPointer, maximum: Int, count: Int, scratch: inout [UInt32], into levels: inout [UInt8]
    ) throws(SluiceError) {
        var decoder = RLEHybridDecoder(bytes, bitWidth: RLEHybridEncoder.bitWidth(forMaximum: UInt32(maximum)))
        try appendLevels(count: count, maximum: maximum, scratch: &scratch, into: &levels) {
            (target, _, taken) throws(SluiceError) in
            try decoder.decode(count: taken, into: target)
        }
    }

    /// Appends `count` levels that `decodeBatch(target, done, taken)` decodes a batch at a time
    /// into `scratch`, checking none exceeds `maximum`.
    private static func appendLevels(
        count: Int, maximum: Int, scratch: inout [UInt32], into levels: inout [UInt8],
        _ decodeBatch: (UnsafeMutablePointer<UInt32>, Int, Int) throws(SluiceError) -> Void
    ) throws(SluiceError) {
        let batchSize = ParquetPageValues.batchSize
        if scratch.count < batchSize { scratch = [UInt32](repeating: 0, count: batchSize) }
        var largest: UInt32 = 0
        try scratch.withUnsafeMutableBufferPointer { (scratch) throws(SluiceError) in
            var done = 0
            while done < count {
                let taken = min(batchSize, count - done)
                try decodeBatch(scratch.baseAddress!, done, taken)
                let batch = UnsafeBufferPointer(rebasing: scratch[0..<taken])
                // Narrow into the level buffer in place: a lazy map appended element by element
                // was a tenth of a nullable column's decoding.
                let start = levels.count
                levels.append(contentsOf: repeatElement(0, count: taken))
                levels.withUnsafeMutableBufferPointer { output in
                    for index in 0..<taken {
                        let level = batch[index]
                        largest = max(largest, level)
                        output[start + index] = UInt8(truncatingIfNeeded: level)
                    }
                }
                done += taken
            }
        }
        guard largest <= UInt32(maximum) else {
            throw ParquetPageValues.corrupt("a level of \(largest) exceeds the column's maximum of \(maximum)")
        }
    }

    /// How many of the last `last` definition levels mark a present value.
    private static func presentCount(_ levels: [UInt8], last: Int, maximum: Int) -> Int {
        let target = UInt8(maximum)
        return levels.withUnsafeBufferPointer { levels in
            var index = levels.count - last
            var count = 0
            if target == 1, let base = levels.baseAddress {
                // Levels of a maximum of 1 are 0 or 1: count eight at a time by their low bits.
                let raw = UnsafeRawPointer(base)
                while index + 8 <= levels.count {
                    count += (raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x0101_0101_0101_0101).nonzeroBitCount
                    index += 8
                }
            }
            while index < levels.count {
                if levels[index] == target { count += 1 }
                index += 1
            }
            return count
        }
    }
}
