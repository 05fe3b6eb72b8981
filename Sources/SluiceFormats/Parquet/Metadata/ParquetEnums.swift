/// The small enumerations of the Parquet format (parquet.thrift), as raw-value structs so a
/// file written by a newer library with a value we do not know still reads: the value is
/// kept and reported by number instead of failing the whole footer.

/// Physical storage type of a leaf column (`Type` in parquet.thrift).
public struct ParquetPhysicalType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let boolean = ParquetPhysicalType(rawValue: 0)
    public static let int32 = ParquetPhysicalType(rawValue: 1)
    public static let int64 = ParquetPhysicalType(rawValue: 2)
    public static let int96 = ParquetPhysicalType(rawValue: 3)
    public static let float = ParquetPhysicalType(rawValue: 4)
    public static let double = ParquetPhysicalType(rawValue: 5)
    public static let byteArray = ParquetPhysicalType(rawValue: 6)
    public static let fixedLenByteArray = ParquetPhysicalType(rawValue: 7)

    public var description: String {
        switch rawValue {
        case 0: "BOOLEAN"
        case 1: "INT32"
        case 2: "INT64"
        case 3: "INT96"
        case 4: "FLOAT"
        case 5: "DOUBLE"
        case 6: "BYTE_ARRAY"
        case 7: "FIXED_LEN_BYTE_ARRAY"
        default: "TYPE(\(rawValue))"
        }
    }
}

/// Whether a schema element is required, optional or repeated (`FieldRepetitionType`).
public struct ParquetRepetition: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let required = ParquetRepetition(rawValue: 0)
    public static let optional = ParquetRepetition(rawValue: 1)
    public static let repeated = ParquetRepetition(rawValue: 2)

    public var description: String {
        switch rawValue {
        case 0: "REQUIRED"
        case 1: "OPTIONAL"
        case 2: "REPEATED"
        default: "REPETITION(\(rawValue))"
        }
    }
}

/// The legacy annotation of a schema element (`ConvertedType`), still written by most
/// libraries next to the newer logical type.
public struct ParquetConvertedType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let utf8 = ParquetConvertedType(rawValue: 0)
    public static let map = ParquetConvertedType(rawValue: 1)
    public static let mapKeyValue = ParquetConvertedType(rawValue: 2)
    public static let list = ParquetConvertedType(rawValue: 3)
    public static let `enum` = ParquetConvertedType(rawValue: 4)
    public static let decimal = ParquetConvertedType(rawValue: 5)
    public static let date = ParquetConvertedType(rawValue: 6)
    public static let timeMillis = ParquetConvertedType(rawValue: 7)
    public static let timeMicros = ParquetConvertedType(rawValue: 8)
    public static let timestampMillis = ParquetConvertedType(rawValue: 9)
    public static let timestampMicros = ParquetConvertedType(rawValue: 10)
    public static let uint8 = ParquetConvertedType(rawValue: 11)
    public static let uint16 = ParquetConvertedType(rawValue: 12)
    public static let uint32 = ParquetConvertedType(rawValue: 13)
    public static let uint64 = ParquetConvertedType(rawValue: 14)
    public static let int8 = ParquetConvertedType(rawValue: 15)
    public static let int16 = ParquetConvertedType(rawValue: 16)
    public static let int32 = ParquetConvertedType(rawValue: 17)
    public static let int64 = ParquetConvertedType(rawValue: 18)
    public static let json = ParquetConvertedType(rawValue: 19)
    public static let bson = ParquetConvertedType(rawValue: 20)
    public static let interval = ParquetConvertedType(rawValue: 21)

    private static let names = [
        "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
        "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
        "INT_32", "INT_64", "JSON", "BSON", "INTERVAL",
    ]

    public var description: String {
        rawValue >= 0 && Int(rawValue) < Self.names.count ? Self.names[Int(rawValue)] : "CONVERTED_TYPE(\(rawValue))"
    }
}

/// How the values of a page are encoded (`Encoding`).
public struct ParquetEncoding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let plain = ParquetEncoding(rawValue: 0)
    public static let plainDictionary = ParquetEncoding(rawValue: 2)
    public static let rle = ParquetEncoding(rawValue: 3)
    public static let bitPacked = ParquetEncoding(rawValue: 4)
    public static let deltaBinaryPacked = ParquetEncoding(rawValue: 5)
    public static let deltaLengthByteArray = ParquetEncoding(rawValue: 6)
    public static let deltaByteArray = ParquetEncoding(rawValue: 7)
    public static let rleDictionary = ParquetEncoding(rawValue: 8)
    public static let byteStreamSplit = ParquetEncoding(rawValue: 9)

    public var description: String {
        switch rawValue {
        case 0: "PLAIN"
        case 1: "GROUP_VAR_INT"
        case 2: "PLAIN_DICTIONARY"
        case 3: "RLE"
        case 4: "BIT_PACKED"
        case 5: "DELTA_BINARY_PACKED"
        case 6: "DELTA_LENGTH_BYTE_ARRAY"
        case 7: "DELTA_BYTE_ARRAY"
        case 8: "RLE_DICTIONARY"
        case 9: "BYTE_STREAM_SPLIT"
        default: "ENCODING(\(rawValue))"
        }
    }
}

/// The compression of a column chunk's pages (`CompressionCodec`).
public struct ParquetCompressionCodec: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let uncompressed = ParquetCompressionCodec(rawValue: 0)
    public static let snappy = ParquetCompressionCodec(rawValue: 1)
    public static let gzip = ParquetCompressionCodec(rawValue: 2)
    public static let lzo = ParquetCompressionCodec(rawValue: 3)
    public static let brotli = ParquetCompressionCodec(rawValue: 4)
    public static let lz4 = ParquetCompressionCodec(rawValue: 5)
    public static let zstd = ParquetCompressionCodec(rawValue: 6)
    public static let lz4Raw = ParquetCompressionCodec(rawValue: 7)

    public var description: String {
        switch rawValue {
        case 0: "UNCOMPRESSED"
        case 1: "SNAPPY"
        case 2: "GZIP"
        case 3: "LZO"
        case 4: "BROTLI"
        case 5: "LZ4"
        case 6: "ZSTD"
        case 7: "LZ4_RAW"
        default: "CODEC(\(rawValue))"
        }
    }
}

/// The kind of a page in a column chunk (`PageType`).
public struct ParquetPageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let dataPage = ParquetPageType(rawValue: 0)
    public static let indexPage = ParquetPageType(rawValue: 1)
    public static let dictionaryPage = ParquetPageType(rawValue: 2)
    public static let dataPageV2 = ParquetPageType(rawValue: 3)

    public var description: String {
        switch rawValue {
        case 0: "DATA_PAGE"
        case 1: "INDEX_PAGE"
        case 2: "DICTIONARY_PAGE"
        case 3: "DATA_PAGE_V2"
        default: "PAGE_TYPE(\(rawValue))"
        }
    }
}

/// The unit of a TIME or TIMESTAMP logical type.
public enum ParquetTimeUnit: Hashable, Sendable, CustomStringConvertible {
    case millis, micros, nanos

    public var description: String {
        switch self {
        case .millis: "MILLIS"
        case .micros: "MICROS"
        case .nanos: "NANOS"
        }
    }
}
