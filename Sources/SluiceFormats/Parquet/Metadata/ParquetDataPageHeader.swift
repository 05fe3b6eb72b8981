public import SluiceCore

/// The header of a version-1 data page (`DataPageHeader`): levels then values, all compressed.
public struct ParquetDataPageHeader: ThriftCompactCodable, Equatable {
    /// Values in the page, nulls included.
    public var numValues: Int32
    public var encoding: ParquetEncoding
    public var definitionLevelEncoding: ParquetEncoding
    public var repetitionLevelEncoding: ParquetEncoding
    public var statistics: ParquetStatistics?

    public init(
        numValues: Int32, encoding: ParquetEncoding, definitionLevelEncoding: ParquetEncoding = .rle,
        repetitionLevelEncoding: ParquetEncoding = .rle, statistics: ParquetStatistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetDataPageHeader {
        try decoder.beginStruct()
        var numValues: Int32?
        var encoding: ParquetEncoding?
        var definitionLevelEncoding: ParquetEncoding?
        var repetitionLevelEncoding: ParquetEncoding?
        var statistics: ParquetStatistics?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try decoder.readI32()
            case (2, .i32): encoding = ParquetEncoding(rawValue: try decoder.readI32())
            case (3, .i32): definitionLevelEncoding = ParquetEncoding(rawValue: try decoder.readI32())
            case (4, .i32): repetitionLevelEncoding = ParquetEncoding(rawValue: try decoder.readI32())
            case (5, .struct): statistics = try ParquetStatistics.decode(from: &decoder)
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        let name = "DataPageHeader"
        guard let numValues else { throw decoder.missingField("num_values", 1, in: name) }
        guard let encoding else { throw decoder.missingField("encoding", 2, in: name) }
        guard let definitionLevelEncoding else { throw decoder.missingField("definition_level_encoding", 3, in: name) }
        guard let repetitionLevelEncoding else { throw decoder.missingField("repetition_level_encoding", 4, in: name) }
        return ParquetDataPageHeader(
            numValues: numValues, encoding: encoding, definitionLevelEncoding: definitionLevelEncoding,
            repetitionLevelEncoding: repetitionLevelEncoding, statistics: statistics)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeI32Field(1, numValues)
        encoder.writeI32Field(2, encoding.rawValue)
        encoder.writeI32Field(3, definitionLevelEncoding.rawValue)
        encoder.writeI32Field(4, repetitionLevelEncoding.rawValue)
        if let statistics { encoder.writeStructField(5, statistics) }
        encoder.endStruct()
    }
}
