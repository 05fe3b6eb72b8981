public import SluiceCore

/// Where a column chunk's pages are and what they hold (`ColumnMetaData`): type, encodings,
/// codec, sizes, page offsets and statistics.
public struct ParquetColumnMetadata: ThriftCompactCodable, Equatable {
    public var type: ParquetPhysicalType
    /// Every encoding used by the chunk's pages (levels included).
    public var encodings: [ParquetEncoding]
    /// The leaf's path from the root's children down, e.g. `["items", "list", "element"]`.
    public var pathInSchema: [String]
    public var codec: ParquetCompressionCodec
    /// Values including nulls (and repeated values).
    public var numValues: Int64
    /// Bytes of all pages, headers included, before compression.
    public var totalUncompressedSize: Int64
    /// Bytes of all pages, headers included, as stored.
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [ParquetKeyValue]
    /// File offset of the first data page.
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    /// File offset of the dictionary page, which comes before the data pages.
    public var dictionaryPageOffset: Int64?
    public var statistics: ParquetStatistics?
    public var encodingStats: [ParquetPageEncodingStats]?
    public var bloomFilterOffset: Int64?
    public var bloomFilterLength: Int32?
    public var sizeStatistics: ParquetSizeStatistics?

    public init(
        type: ParquetPhysicalType, encodings: [ParquetEncoding], pathInSchema: [String],
        codec: ParquetCompressionCodec, numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
        keyValueMetadata: [ParquetKeyValue] = [], dataPageOffset: Int64, indexPageOffset: Int64? = nil,
        dictionaryPageOffset: Int64? = nil, statistics: ParquetStatistics? = nil,
        encodingStats: [ParquetPageEncodingStats]? = nil, bloomFilterOffset: Int64? = nil,
        bloomFilterLength: Int32? = nil, sizeStatistics: ParquetSizeStatistics? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
        self.sizeStatistics = sizeStatistics
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetColumnMetadata {
        try decoder.beginStruct()
        var type: ParquetPhysicalType?
        var encodings: [ParquetEncoding]?
        var pathInSchema: [String]?
        var codec: ParquetCompressionCodec?
        var numValues: Int64?
        var totalUncompressedSize: Int64?
        var totalCompressedSize: Int64?
        var keyValueMetadata: [ParquetKeyValue] = []
        var dataPageOffset: Int64?
        var indexPageOffset: Int64?
        var dictionaryPageOffset: Int64?
        var statistics: ParquetStatistics?
        var encodingStats: [ParquetPageEncodingStats]?
        var bloomFilterOffset: Int64?
        var bloomFilterLength: Int32?
        var sizeStatistics: ParquetSizeStatistics?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): type = ParquetPhysicalType(rawValue: try decoder.readI32())
            case (2, .list): encodings = try decoder.readI32List().map(ParquetEncoding.init(rawValue:))
            case (3, .list): pathInSchema = try decoder.readStringList()
            case (4, .i32): codec = ParquetCompressionCodec(rawValue: try decoder.readI32())
            case (5, .i64): numValues = try decoder.readI64()
            case (6, .i64): totalUncompressedSize = try decoder.readI64()
            case (7, .i64): totalCompressedSize = try decoder.readI64()
            case (8, .list): keyValueMetadata = try decoder.readStructList(ParquetKeyValue.self)
            case (9, .i64): dataPageOffset = try decoder.readI64()
            case (10, .i64): indexPageOffset = try decoder.readI64()
            case (11, .i64): dictionaryPageOffset = try decoder.readI64()
            case (12, .struct): statistics = try ParquetStatistics.decode(from: &decoder)
            case (13, .list): encodingStats = try decoder.readStructList(ParquetPageEncodingStats.self)
            case (14, .i64): bloomFilterOffset = try decoder.readI64()
            case (15, .i32): bloomFilterLength = try decoder.readI32()
            case (16, .struct): sizeStatistics = try ParquetSizeStatistics.decode(from: &decoder)
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        let name = "ColumnMetaData"
        guard let type else { throw decoder.missingField("type", 1, in: name) }
        guard let encodings else { throw decoder.missingField("encodings", 2, in: name) }
        guard let pathInSchema else { throw decoder.missingField("path_in_schema", 3, in: name) }
        guard let codec else { throw decoder.missingField("codec", 4, in: name) }
        guard let numValues else { throw decoder.missingField("num_values", 5, in: name) }
        guard let totalUncompressedSize else { throw decoder.missingField("total_uncompressed_size", 6, in: name) }
        guard let totalCompressedSize else { throw decoder.missingField("total_compressed_size", 7, in: name) }
        guard let dataPageOffset else { throw decoder.missingField("data_page_offset", 9, in: name) }
        return ParquetColumnMetadata(
            type: type, encodings: encodings, pathInSchema: pathInSchema, codec: codec, numValues: numValues,
            totalUncompressedSize: totalUncompressedSize, totalCompressedSize: totalCompressedSize,
            keyValueMetadata: keyValueMetadata, dataPageOffset: dataPageOffset, indexPageOffset: indexPageOffset,
            dictionaryPageOffset: dictionaryPageOffset, statistics: statistics, encodingStats: encodingStats,
            bloomFilterOffset: bloomFilterOffset, bloomFilterLength: bloomFilterLength, sizeStatistics: sizeStatistics)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeI32Field(1, type.rawValue)
        encoder.writeListField(2, of: .i32, encodings) { encoder, encoding in encoder.writeI32(encoding.rawValue) }
        encoder.writeListField(3, of: .binary, pathInSchema) { encoder, name in encoder.writeString(name) }
        encoder.writeI32Field(4, codec.rawValue)
        encoder.writeI64Field(5, numValues)
        encoder.writeI64Field(6, totalUncompressedSize)
        encoder.writeI64Field(7, totalCompressedSize)
        if !keyValueMetadata.isEmpty { encoder.writeStructListField(8, keyValueMetadata) }
        encoder.writeI64Field(9, dataPageOffset)
        if let indexPageOffset { encoder.writeI64Field(10, indexPageOffset) }
        if let dictionaryPageOffset { encoder.writeI64Field(11, dictionaryPageOffset) }
        if let statistics { encoder.writeStructField(12, statistics) }
        if let encodingStats { encoder.writeStructListField(13, encodingStats) }
        if let bloomFilterOffset { encoder.writeI64Field(14, bloomFilterOffset) }
        if let bloomFilterLength { encoder.writeI32Field(15, bloomFilterLength) }
        if let sizeStatistics { encoder.writeStructField(16, sizeStatistics) }
        encoder.endStruct()
    }
}
