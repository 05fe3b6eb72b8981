/// The logical type of a column. Nested types hold their children; list elements and map
/// values are always nullable, map keys never are.
///
/// Text form (``description``) uses the Hive/Glue/Athena names users already know:
/// `boolean`, `tinyint`, `smallint`, `int`, `bigint`, `float`, `double`, `decimal(p,s)`,
/// `string`, `binary`, `date`, `timestamp`, `struct<a:int,b:string>`, `array<bigint>`,
/// `map<string,double>`. ``DataType/init(parsing:)`` reads it back.
public indirect enum DataType: Hashable, Sendable, CustomStringConvertible {
    case boolean
    case int8
    case int16
    case int32
    case int64
    case float32
    case float64
    /// Exact decimal stored as a 128-bit unscaled integer; precision 1...38, scale 0...precision.
    case decimal(precision: Int, scale: Int)
    /// UTF-8 text.
    case string
    /// Raw bytes.
    case binary
    /// Days since 1970-01-01.
    case date
    /// Microseconds since 1970-01-01T00:00:00Z (UTC).
    case timestamp
    case `struct`([Field])
    case list(DataType)
    case map(key: DataType, value: DataType)

    /// The largest decimal precision Sluice stores (128-bit, like Parquet, Spark and Athena).
    public static let maximumDecimalPrecision = 38

    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: true
        default: false
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    public var isNumeric: Bool {
        if isInteger || isFloatingPoint { return true }
        if case .decimal = self { return true }
        return false
    }

    public var isNested: Bool {
        switch self {
        case .struct, .list, .map: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .boolean: "boolean"
        case .int8: "tinyint"
        case .int16: "smallint"
        case .int32: "int"
        case .int64: "bigint"
        case .float32: "float"
        case .float64: "double"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        case .string: "string"
        case .binary: "binary"
        case .date: "date"
        case .timestamp: "timestamp"
        case .struct(let fields):
            "struct<" + fields.map { "\(DataType.quotedFieldName($0.name)):\($0.type)" }.joined(separator: ",") + ">"
        case .list(let element): "array<\(element)>"
        case .map(let key, let value): "map<\(key),\(value)>"
        }
    }

    /// A struct field name as type text: plain names (letters, digits, `_`) as they are, any
    /// other name in back quotes so ``DataType/init(parsing:)`` reads it back.
    static func quotedFieldName(_ name: String) -> String {
        let isPlain = !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_")
        }
        return isPlain ? name : "`\(name)`"
    }
}
