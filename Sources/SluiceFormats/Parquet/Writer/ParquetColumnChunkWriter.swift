import SluiceCore

/// What one column chunk looks like once written: its bytes (dictionary page then data
/// pages) and the figures its footer entry needs.
struct ParquetChunkOutput {
    var bytes: [UInt8]
    /// Length of the dictionary page at the start of `bytes` (0 without one).
    var dictionaryPageLength: Int
    var metadata: ParquetColumnMetadata
}

/// Encodes one leaf's values of one row group into pages: definition and repetition levels
/// with the RLE/bit-packed hybrid, values dictionary-encoded (falling back to PLAIN when the
/// dictionary grows too large) or PLAIN, each page compressed with the file's codec.
///
/// `@unchecked Sendable`: ``ParquetWriter`` hands each writer to one thread at a time (one
/// column per parallel iteration) and waits for all of them before touching any again.
final class ParquetColumnChunkWriter: @unchecked Sendable {
    let leaf: ParquetLeafColumn
    private let options: ParquetWriteOptions
    /// Byte width of FIXED_LEN_BYTE_ARRAY decimals.
    private let fixedWidth: Int
    private let isByteArray: Bool

    // The page being filled.
    private var definitions: [UInt8] = []
    private var repetitions: [UInt8] = []
    private var indices: [UInt32] = []
    private var plain: [UInt8] = []
    private var booleanBits = 0
    private var pageEntries = 0
    private var pageValues = 0

    // The chunk so far.
    private var dictionary: ParquetDictionaryBuilder?
    private var dictionaryFull = false {
        didSet { activeDictionary = dictionaryFull ? nil : dictionary.map { Unmanaged.passUnretained($0) } }
    }
    /// The dictionary values go into now (nil: PLAIN), unretained because `dictionary` holds
    /// it: the per-value path then uses it without a retain and a release per value.
    private var activeDictionary: Unmanaged<ParquetDictionaryBuilder>?
    private let pageSizeBytes: Int
    private let maxDefinitionLevel: Int
    private let maxRepetitionLevel: Int
    private var pages: [UInt8] = []
    private var uncompressedBytes = 0
    private var entryCount = 0
    private var encodings: [ParquetEncoding] = []
    private var statistics = ParquetStatisticsBuilder()
    private var body: [UInt8] = []
    private var compressed: [UInt8] = []

    init(leaf: ParquetLeafColumn, options: ParquetWriteOptions) {
        self.leaf = leaf
        self.options = options
        fixedWidth = leaf.typeLength
        isByteArray = leaf.physicalType == .byteArray
        pageSizeBytes = options.pageSizeBytes
        maxDefinitionLevel = leaf.maxDefinitionLevel
        maxRepetitionLevel = leaf.maxRepetitionLevel
        resetDictionary()
    }

    /// Bytes buffered for the row group so far (for row-group sizing).
    var bufferedBytes: Int { pages.count + plain.count + indices.count * 4 + definitions.count + repetitions.count }

    private func resetDictionary() {
        dictionary = options.useDictionary && leaf.physicalType != .boolean
            ? ParquetDictionaryBuilder(lengthPrefixed: isByteArray) : nil
        dictionaryFull = false
    }

    /// Appends the level entries and present values of one shredded batch.
    func append(_ shredded: ParquetShreddedLeaf) throws(SluiceError) {
        let source = shredded.values
        switch source.storage {
        case .boolean(let bits):
            try appendEntries(shredded) { index in
                statistics.add(bool: bits[index])
                appendBoolean(bits[index])
            }
        case .int8(let values):
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try appendEntries(shredded) { index in appendInt32(Int32(values[index])) }
            }
        case .int16(let values):
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try appendEntries(shredded) { index in appendInt32(Int32(values[index])) }
            }
        case .int32(let values):
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try appendEntries(shredded) { index in appendInt32(values[index]) }
            }
        case .int64(let values):
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try appendEntries(shredded) { index in appendInt64(values[index]) }
            }
        case .float32(let values):
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try appendEntries(shredded) { index in
                    statistics.add(double: Double(values[index]))
                    appendWord(UInt64(values[index].bitPattern), width: 4)
                }
            }
        case .float64(let values):
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try appendEntries(shredded) { index in
                    statistics.add(double: values[index])
                    appendWord(values[index].bitPattern, width: 8)
                }
            }
        case .decimal(let values):
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                switch leaf.physicalType {
                case .int32: try appendEntries(shredded) { index in appendInt32(Int32(truncatingIfNeeded: values[index])) }
                case .int64: try appendEntries(shredded) { index in appendInt64(Int64(truncatingIfNeeded: values[index])) }
                default: try appendEntries(shredded) { index in appendFixedDecimal(values[index]) }
                }
            }
        case .bytes(let offsets, let data):
            try data.withBytes { (data) throws(SluiceError) in
                try offsets.withUnsafeBufferPointer { (offsets) throws(SluiceError) in
                    try appendEntries(shredded) { index in
                        let value = UnsafeRawBufferPointer(rebasing: data[Int(offsets[index])..<Int(offsets[index + 1])])
                        statistics.add(bytes: value)
                        appendPhysical(value)
                    }
                }
            }
        case .structure, .list:
            throw SluiceError.internal("A nested column reached the Parquet leaf writer.", domain: .format)
        }
    }

    /// Walks the level entries, closing pages at record boundaries, and hands each present
    /// value's index in the leaf column to `appendValue`. Inlined into each caller so the
    /// per-value work is specialized for the column's type.
    @inline(__always)
    private func appendEntries(
        _ shredded: ParquetShreddedLeaf, _ appendValue: (Int) -> Void
    ) throws(SluiceError) {
        let maxDefinition = UInt8(maxDefinitionLevel)
        let hasDefinitions = maxDefinitionLevel > 0
        let hasRepetitions = maxRepetitionLevel > 0
        let pageSizeBytes = pageSizeBytes
        let dictionaryLimit = options.dictionaryPageSizeBytes
        let count = shredded.entryCount
        let present = shredded.presentIndices ?? []
        let indirect = shredded.presentIndices != nil
        var nextValue = 0
        var entry = 0
        // Flat columns: every entry starts a record, so pages may close between slices.
        let slice = hasRepetitions ? 1 : 1024
        try shredded.definitionLevels.withUnsafeBufferPointer { (levels) throws(SluiceError) in
            try present.withUnsafeBufferPointer { (present) throws(SluiceError) in
                while entry < count {
                    let end = min(count, entry + slice)
                    if pageEntries > 0 && estimatedPageBytes >= pageSizeBytes
                        && (!hasRepetitions || shredded.repetitionLevels[entry] == 0) {
                        try flushPage()
                    }
                    if hasRepetitions { repetitions.append(contentsOf: shredded.repetitionLevels[entry..<end]) }
                    if hasDefinitions {
                        definitions.append(contentsOf: UnsafeBufferPointer(rebasing: levels[entry..<end]))
                        for position in entry..<end where levels[position] == maxDefinition {
                            appendValue(indirect ? Int(present[nextValue]) : nextValue)
                            nextValue += 1
                        }
                    } else {
                        for position in entry..<end { appendValue(indirect ? Int(present[position]) : position) }
                        nextValue += end - entry
                    }
                    pageEntries += end - entry
                    entry = end
                    // A dictionary past its limit ends with this page; PLAIN follows.
                    if let dictionary = activeDictionary,
                       dictionary._withUnsafeGuaranteedRef({ $0.plainBody.count }) > dictionaryLimit,
                       !hasRepetitions || entry == count || shredded.repetitionLevels[entry] == 0 {
                        try flushPage()
                    }
                }
            }
        }
        statistics.nullCount += Int64(count - nextValue)
        pageValues += nextValue
        entryCount += count
    }

    private var estimatedPageBytes: Int {
        plain.count + indices.count * 2 + (definitions.count + repetitions.count) / 4
    }

    @inline(__always)
    private func appendInt32(_ value: Int32) {
        statistics.add(integer: Int64(value))
        appendWord(UInt64(UInt32(bitPattern: value)), width: 4)
    }

    @inline(__always)
    private func appendInt64(_ value: Int64) {
        statistics.add(integer: value)
        appendWord(UInt64(bitPattern: value), width: 8)
    }

    /// A 4- or 8-byte value by its bit pattern: dictionary index or PLAIN bytes.
    @inline(__always)
    private func appendWord(_ word: UInt64, width: Int) {
        if let dictionary = activeDictionary {
            indices.append(dictionary._withUnsafeGuaranteedRef { $0.index(ofWord: word, width: width) })
            return
        }
        withUnsafeBytes(of: word.littleEndian) { plain.append(contentsOf: $0.prefix(width)) }
    }

    private func appendFixedDecimal(_ value: Int128) {
        statistics.add(decimal: value)
        var bigEndian = value.bigEndian
        withUnsafeBytes(of: &bigEndian) { bytes in
            appendPhysical(UnsafeRawBufferPointer(rebasing: bytes[(16 - fixedWidth)...]))
        }
    }

    @inline(__always)
    private func appendPhysical(_ bytes: UnsafeRawBufferPointer) {
        if let dictionary = activeDictionary {
            indices.append(dictionary._withUnsafeGuaranteedRef { $0.index(of: bytes) })
            return
        }
        if isByteArray { withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { plain.append(contentsOf: $0) } }
        plain.append(contentsOf: bytes)
    }

    private func appendBoolean(_ value: Bool) {
        if booleanBits & 7 == 0 { plain.append(0) }
        if value { plain[plain.count - 1] |= 1 << UInt8(booleanBits & 7) }
        booleanBits += 1
    }

    /// Encodes, compresses and stores the page being filled.
    private func flushPage() throws(SluiceError) {
        body.removeAll(keepingCapacity: true)
        if leaf.maxRepetitionLevel > 0 { Self.appendLevels(repetitions, maximum: leaf.maxRepetitionLevel, to: &body) }
        if leaf.maxDefinitionLevel > 0 { Self.appendLevels(definitions, maximum: leaf.maxDefinitionLevel, to: &body) }
        // A page is all dictionary indices or all PLAIN: the mode changes only between pages.
        let usesDictionary = activeDictionary != nil
        let encoding: ParquetEncoding
        if usesDictionary {
            encoding = .rleDictionary
            let bitWidth = RLEHybridEncoder.bitWidth(forMaximum: UInt32(max(0, (dictionary?.count ?? 1) - 1)))
            body.append(UInt8(bitWidth))
            var encoder = RLEHybridEncoder(bitWidth: bitWidth)
            indices.withUnsafeBufferPointer { encoder.append($0) }
            encoder.finish(into: &body)
        } else {
            encoding = .plain
            body.append(contentsOf: plain)
        }
        try compress(body)
        var header = ParquetPageHeader(
            type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(compressed.count))
        header.dataPageHeader = ParquetDataPageHeader(
            numValues: Int32(pageEntries), encoding: encoding, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        let headerBytes = header.encoded()
        pages.append(contentsOf: headerBytes)
        pages.append(contentsOf: compressed)
        uncompressedBytes += headerBytes.count + body.count
        if !encodings.contains(encoding) { encodings.append(encoding) }
        definitions.removeAll(keepingCapacity: true)
        repetitions.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        plain.removeAll(keepingCapacity: true)
        booleanBits = 0
        pageEntries = 0
        pageValues = 0
        if let dictionary, dictionary.plainBody.count > options.dictionaryPageSizeBytes { dictionaryFull = true }
    }

    /// Compresses `input` into `compressed` with the file's codec.
    private func compress(_ input: [UInt8]) throws(SluiceError) {
        var output = compressed
        compressed = []
        try input.withBytes { (input) throws(SluiceError) in
            try ParquetCompression.compress(options.compression, input, into: &output)
        }
        compressed = output
    }

    /// Levels as data page v1 wants them: a 4-byte length, then the RLE/bit-packed hybrid.
    private static func appendLevels(_ levels: [UInt8], maximum: Int, to body: inout [UInt8]) {
        var encoder = RLEHybridEncoder(bitWidth: RLEHybridEncoder.bitWidth(forMaximum: UInt32(maximum)))
        for level in levels { encoder.append(UInt32(level)) }
        var encoded: [UInt8] = []
        encoder.finish(into: &encoded)
        withUnsafeBytes(of: UInt32(encoded.count).littleEndian) { body.append(contentsOf: $0) }
        body.append(contentsOf: encoded)
    }

    /// Closes the chunk: the last page, the dictionary page, the footer figures. The writer
    /// starts over empty for the next row group.
    func finish() throws(SluiceError) -> ParquetChunkOutput {
        if pageEntries > 0 || pages.isEmpty { try flushPage() }
        var bytes: [UInt8] = []
        var dictionaryPageLength = 0
        var totalUncompressed = uncompressedBytes
        if let dictionary, encodings.contains(.rleDictionary) {
            try compress(dictionary.plainBody)
            var header = ParquetPageHeader(
                type: .dictionaryPage, uncompressedPageSize: Int32(dictionary.plainBody.count),
                compressedPageSize: Int32(compressed.count))
            header.dictionaryPageHeader = ParquetDictionaryPageHeader(numValues: Int32(dictionary.count), encoding: .plain)
            let headerBytes = header.encoded()
            bytes.reserveCapacity(headerBytes.count + compressed.count + pages.count)
            bytes.append(contentsOf: headerBytes)
            bytes.append(contentsOf: compressed)
            dictionaryPageLength = bytes.count
            totalUncompressed += headerBytes.count + dictionary.plainBody.count
        }
        bytes.append(contentsOf: pages)
        var usedEncodings = encodings
        if leaf.maxDefinitionLevel > 0 || leaf.maxRepetitionLevel > 0 { usedEncodings.append(.rle) }
        if dictionaryPageLength > 0 { usedEncodings.append(.plain) }
        var seen = Set<Int32>()
        usedEncodings = usedEncodings.filter { seen.insert($0.rawValue).inserted }
        let metadata = ParquetColumnMetadata(
            type: leaf.physicalType, encodings: usedEncodings, pathInSchema: leaf.path, codec: options.compression,
            numValues: Int64(entryCount), totalUncompressedSize: Int64(totalUncompressed),
            totalCompressedSize: Int64(bytes.count), dataPageOffset: 0,
            statistics: statistics.build(physicalType: leaf.physicalType, width: fixedWidth))
        pages.removeAll(keepingCapacity: true)
        uncompressedBytes = 0
        entryCount = 0
        encodings = []
        statistics = ParquetStatisticsBuilder()
        resetDictionary()
        return ParquetChunkOutput(bytes: bytes, dictionaryPageLength: dictionaryPageLength, metadata: metadata)
    }
}
