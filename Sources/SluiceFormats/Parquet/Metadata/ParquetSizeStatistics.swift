public import SluiceCore

/// Sizes that help plan reads (`SizeStatistics`): the raw bytes of byte-array values and
/// how many values sit at each repetition and definition level.
public struct ParquetSizeStatistics: ThriftCompactCodable, Equatable {
    /// Bytes of BYTE_ARRAY values before encoding, without length prefixes.
    public var unencodedByteArrayDataBytes: Int64?
    /// Count of values at each repetition level, 0 through the maximum.
    public var repetitionLevelHistogram: [Int64]?
    /// Count of values at each definition level, 0 through the maximum.
    public var definitionLevelHistogram: [Int64]?

    public init(
        unencodedByteArrayDataBytes: Int64? = nil, repetitionLevelHistogram: [Int64]? = nil,
        definitionLevelHistogram: [Int64]? = nil
    ) {
        self.unencodedByteArrayDataBytes = unencodedByteArrayDataBytes
        self.repetitionLevelHistogram = repetitionLevelHistogram
        self.definitionLevelHistogram = definitionLevelHistogram
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetSizeStatistics {
        try decoder.beginStruct()
        var statistics = ParquetSizeStatistics()
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i64): statistics.unencodedByteArrayDataBytes = try decoder.readI64()
            case (2, .list): statistics.repetitionLevelHistogram = try readI64List(&decoder)
            case (3, .list): statistics.definitionLevelHistogram = try readI64List(&decoder)
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        return statistics
    }

    private static func readI64List(_ decoder: inout ThriftCompactDecoder) throws(SluiceError) -> [Int64] {
        try decoder.readList(of: .i64) { (decoder: inout ThriftCompactDecoder) throws(SluiceError) in try decoder.readI64() }
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        if let unencodedByteArrayDataBytes { encoder.writeI64Field(1, unencodedByteArrayDataBytes) }
        if let repetitionLevelHistogram {
            encoder.writeListField(2, of: .i64, repetitionLevelHistogram) { encoder, count in encoder.writeI64(count) }
        }
        if let definitionLevelHistogram {
            encoder.writeListField(3, of: .i64, definitionLevelHistogram) { encoder, count in encoder.writeI64(count) }
        }
        encoder.endStruct()
    }
}
