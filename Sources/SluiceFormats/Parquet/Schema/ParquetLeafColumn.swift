public import SluiceCore

/// A leaf (primitive) column of a Parquet file: where it sits, how it is stored, its maximum
/// definition and repetition levels, and how its stored values become Sluice values.
public struct ParquetLeafColumn: Sendable {
    /// Names from the top-level field down to this leaf (`pathInSchema` in the footer).
    public var path: [String]
    public var physicalType: ParquetPhysicalType
    /// Byte width of FIXED_LEN_BYTE_ARRAY values (0 for other types).
    public var typeLength: Int
    public var maxDefinitionLevel: Int
    public var maxRepetitionLevel: Int
    /// The Sluice type the leaf's values take.
    public var type: DataType
    public var conversion: ParquetValueConversion

    public var dottedPath: String { path.joined(separator: ".") }
}

/// How the stored values of a leaf become Sluice values (the physical type plus the logical
/// or converted annotation).
public enum ParquetValueConversion: Sendable, Equatable {
    case boolean
    /// INT32 kept as is, or narrowed to int8/int16 or widened for unsigned values.
    case int32(signed: Bool)
    /// INT64 kept as is; unsigned 64-bit values become decimal(20,0).
    case int64(signed: Bool)
    case date
    case float
    case double
    /// FIXED_LEN_BYTE_ARRAY(2) half floats, widened to float.
    case float16
    /// INT64 timestamps in the given unit, converted to microseconds.
    case timestamp(ParquetTimeUnit)
    /// INT96 timestamps (nanoseconds of the day and a Julian day), as Spark and Hive write them.
    case int96Timestamp
    /// TIME values (INT32 millis, INT64 micros or nanos) as `HH:MM:SS.ffffff` text.
    case time(ParquetTimeUnit)
    /// Unscaled decimals stored as INT32, INT64, or big-endian two's complement bytes.
    case decimal
    case string
    case binary
    /// FIXED_LEN_BYTE_ARRAY(16) UUIDs as their canonical text.
    case uuid
}
