public import SluiceCore

/// Statistics of a column chunk or page (`Statistics`). Values are PLAIN-encoded; `min` and
/// `max` are the deprecated signed-order pair, `minValue` and `maxValue` follow the column order.
public struct ParquetStatistics: ThriftCompactCodable, Equatable {
    /// Deprecated: the maximum in signed byte order, written by old libraries.
    public var max: [UInt8]?
    /// Deprecated: the minimum in signed byte order, written by old libraries.
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    /// False when `maxValue` was truncated (for long byte arrays) and is only an upper bound.
    public var isMaxValueExact: Bool?
    /// False when `minValue` was truncated and is only a lower bound.
    public var isMinValueExact: Bool?
    /// The number of NaN values of a floating-point column.
    public var nanCount: Int64?

    public init(
        max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil, isMaxValueExact: Bool? = nil,
        isMinValueExact: Bool? = nil, nanCount: Int64? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetStatistics {
        try decoder.beginStruct()
        var statistics = ParquetStatistics()
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .binary): statistics.max = try decoder.readBinary()
            case (2, .binary): statistics.min = try decoder.readBinary()
            case (3, .i64): statistics.nullCount = try decoder.readI64()
            case (4, .i64): statistics.distinctCount = try decoder.readI64()
            case (5, .binary): statistics.maxValue = try decoder.readBinary()
            case (6, .binary): statistics.minValue = try decoder.readBinary()
            case (7, .bool): statistics.isMaxValueExact = try decoder.readBool()
            case (8, .bool): statistics.isMinValueExact = try decoder.readBool()
            case (9, .i64): statistics.nanCount = try decoder.readI64()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        return statistics
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        if let max { encoder.writeBinaryField(1, max) }
        if let min { encoder.writeBinaryField(2, min) }
        if let nullCount { encoder.writeI64Field(3, nullCount) }
        if let distinctCount { encoder.writeI64Field(4, distinctCount) }
        if let maxValue { encoder.writeBinaryField(5, maxValue) }
        if let minValue { encoder.writeBinaryField(6, minValue) }
        if let isMaxValueExact { encoder.writeBoolField(7, isMaxValueExact) }
        if let isMinValueExact { encoder.writeBoolField(8, isMinValueExact) }
        if let nanCount { encoder.writeI64Field(9, nanCount) }
        encoder.endStruct()
    }
}
