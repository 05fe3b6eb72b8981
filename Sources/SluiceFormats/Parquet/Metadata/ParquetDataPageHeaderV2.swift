public import SluiceCore

/// The header of a version-2 data page (`DataPageHeaderV2`): the levels come first,
/// uncompressed, with their byte lengths here; only the values may be compressed.
public struct ParquetDataPageHeaderV2: ThriftCompactCodable, Equatable {
    /// Values in the page, nulls included.
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: ParquetEncoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    /// Whether the values section is compressed with the chunk's codec (true when absent).
    public var isCompressed: Bool
    public var statistics: ParquetStatistics?

    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: ParquetEncoding,
        definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32, isCompressed: Bool = true,
        statistics: ParquetStatistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetDataPageHeaderV2 {
        try decoder.beginStruct()
        var numValues: Int32?
        var numNulls: Int32?
        var numRows: Int32?
        var encoding: ParquetEncoding?
        var definitionLevelsByteLength: Int32?
        var repetitionLevelsByteLength: Int32?
        var isCompressed = true
        var statistics: ParquetStatistics?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try decoder.readI32()
            case (2, .i32): numNulls = try decoder.readI32()
            case (3, .i32): numRows = try decoder.readI32()
            case (4, .i32): encoding = ParquetEncoding(rawValue: try decoder.readI32())
            case (5, .i32): definitionLevelsByteLength = try decoder.readI32()
            case (6, .i32): repetitionLevelsByteLength = try decoder.readI32()
            case (7, .bool): isCompressed = try decoder.readBool()
            case (8, .struct): statistics = try ParquetStatistics.decode(from: &decoder)
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        let name = "DataPageHeaderV2"
        guard let numValues else { throw decoder.missingField("num_values", 1, in: name) }
        guard let numNulls else { throw decoder.missingField("num_nulls", 2, in: name) }
        guard let numRows else { throw decoder.missingField("num_rows", 3, in: name) }
        guard let encoding else { throw decoder.missingField("encoding", 4, in: name) }
        guard let definitionLevelsByteLength else {
            throw decoder.missingField("definition_levels_byte_length", 5, in: name)
        }
        guard let repetitionLevelsByteLength else {
            throw decoder.missingField("repetition_levels_byte_length", 6, in: name)
        }
        return ParquetDataPageHeaderV2(
            numValues: numValues, numNulls: numNulls, numRows: numRows, encoding: encoding,
            definitionLevelsByteLength: definitionLevelsByteLength, repetitionLevelsByteLength: repetitionLevelsByteLength,
            isCompressed: isCompressed, statistics: statistics)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeI32Field(1, numValues)
        encoder.writeI32Field(2, numNulls)
        encoder.writeI32Field(3, numRows)
        encoder.writeI32Field(4, encoding.rawValue)
        encoder.writeI32Field(5, definitionLevelsByteLength)
        encoder.writeI32Field(6, repetitionLevelsByteLength)
        encoder.writeBoolField(7, isCompressed)
        if let statistics { encoder.writeStructField(8, statistics) }
        encoder.endStruct()
    }
}
