public import SluiceCore

/// How one PostgreSQL column becomes a Sluice column: the Sluice type, and how its values
/// travel. Most types are read in PostgreSQL's binary form and decoded straight into
/// column buffers; every other type (`oid` among them) is cast to `text` on the server (`col::text`,
/// `col::text[]`), so any type — enums, intervals, ranges, extension types — reads as its
/// text form.
///
/// | PostgreSQL | Sluice |
/// |---|---|
/// | `boolean` | `boolean` |
/// | `smallint`, `integer`, `bigint` | `smallint`, `int`, `bigint` |
/// | `real`, `double precision` | `float`, `double` |
/// | `numeric(p,s)`, p ≤ 38 | `decimal(p,s)` |
/// | `numeric` (no precision) | `decimal(38,18)`; a value that does not fit is an error |
/// | `numeric(p,s)`, p > 38 | `string` |
/// | `text`, `varchar`, `char(n)`, `name` | `string` |
/// | `json`, `jsonb` | `string` (the JSON text) |
/// | `uuid` | `string` (`8-4-4-4-12` lower-case hex) |
/// | `bytea` | `binary` |
/// | `date` | `date` (±infinity → 9999-12-31 / 0001-01-01) |
/// | `timestamp` | `timestamp` (the wall-clock time, as written) |
/// | `timestamptz` | `timestamp` (UTC) |
/// | `T[]` (any dimensions) | `array<T'>` of the element's mapping, flattened in row-major order |
/// | domains | their base type's mapping |
/// | anything else (`time`, `interval`, enums, `inet`, ranges, composites, `money`…) | `string` (PostgreSQL's text form) |
public struct PostgresTypeMapping: Sendable, Equatable {
    /// How a value is decoded (for arrays: each element).
    public enum Decoding: Sendable, Equatable {
        case boolean, int16, int32, int64, float32, float64
        /// Unscaled to `scale` digits after the point, at most `precision` digits.
        case decimal(precision: Int, scale: Int)
        /// UTF-8 text as sent (`text`, `varchar`, `json`, and `…::text` casts).
        case text
        /// `jsonb`: a version byte, then the JSON text.
        case jsonb
        case uuid
        case binary
        case date
        /// `timestamp` and `timestamptz` share the binary form (microseconds since 2000-01-01).
        case timestamp
    }

    /// The Sluice type of the column.
    public let dataType: DataType
    /// How each (element) value is decoded.
    public let decoding: Decoding
    public let isArray: Bool
    /// True when the server must cast the column to text (or text[]) first.
    public let castsToText: Bool

    /// The precision and scale unconstrained `numeric` columns get (as Spark's JDBC source).
    public static let unconstrainedNumeric = (precision: 38, scale: 18)

    /// The mapping for a column of type `typeOID` with modifier `typeModifier`
    /// (`pg_attribute.atttypmod`); for arrays, `elementOID` is the element type.
    public init(typeOID: UInt32, typeModifier: Int32, elementOID: UInt32?) {
        if let elementOID, elementOID != 0 {
            let element = PostgresTypeMapping(typeOID: elementOID, typeModifier: typeModifier, elementOID: nil)
            dataType = .list(element.dataType)
            decoding = element.decoding
            castsToText = element.castsToText
            isArray = true
            return
        }
        isArray = false
        castsToText = Self.nativeDecoding(typeOID: typeOID, typeModifier: typeModifier) == nil
        decoding = Self.nativeDecoding(typeOID: typeOID, typeModifier: typeModifier) ?? .text
        switch decoding {
        case .boolean: dataType = .boolean
        case .int16: dataType = .int16
        case .int32: dataType = .int32
        case .int64: dataType = .int64
        case .float32: dataType = .float32
        case .float64: dataType = .float64
        case .decimal(let precision, let scale): dataType = .decimal(precision: precision, scale: scale)
        case .text, .jsonb, .uuid: dataType = .string
        case .binary: dataType = .binary
        case .date: dataType = .date
        case .timestamp: dataType = .timestamp
        }
    }

    private static func nativeDecoding(typeOID: UInt32, typeModifier: Int32) -> Decoding? {
        switch typeOID {
        case PostgresTypeOID.bool: .boolean
        case PostgresTypeOID.int2: .int16
        case PostgresTypeOID.int4: .int32
        case PostgresTypeOID.int8: .int64
        case PostgresTypeOID.float4: .float32
        case PostgresTypeOID.float8: .float64
        case PostgresTypeOID.numeric: numericDecoding(typeModifier: typeModifier)
        case PostgresTypeOID.text, PostgresTypeOID.varchar, PostgresTypeOID.bpchar, PostgresTypeOID.name, PostgresTypeOID.json: .text
        case PostgresTypeOID.jsonb: .jsonb
        case PostgresTypeOID.uuid: .uuid
        case PostgresTypeOID.bytea: .binary
        case PostgresTypeOID.date: .date
        case PostgresTypeOID.timestamp, PostgresTypeOID.timestamptz: .timestamp
        default: nil
        }
    }

    /// `numeric(p,s)` stores `((p << 16) | s) + 4` in its modifier; -1 means unconstrained.
    /// Precisions beyond Sluice's 38 digits read as text.
    private static func numericDecoding(typeModifier: Int32) -> Decoding? {
        guard typeModifier >= 4 else {
            return .decimal(precision: unconstrainedNumeric.precision, scale: unconstrainedNumeric.scale)
        }
        let packed = Int(typeModifier) - 4
        let precision = (packed >> 16) & 0xFFFF
        // Scale is signed 11 bits since PostgreSQL 15 (numeric(5,-2)); Sluice decimals need 0...precision.
        let scale = Int(Int16(truncatingIfNeeded: (packed & 0x7FF) << 5) >> 5)
        guard precision >= 1, precision <= DataType.maximumDecimalPrecision, scale >= 0, scale <= precision else { return nil }
        return .decimal(precision: precision, scale: scale)
    }

    /// The select-list expression that reads `quotedName` the way this mapping decodes it.
    func selectExpression(_ quotedName: String) -> String {
        guard castsToText else { return quotedName }
        return quotedName + (isArray ? "::text[]" : "::text")
    }
}
