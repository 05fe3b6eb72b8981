import SluiceCore

/// How the values of one sort key's column compare, by physical kind. Each kind turns values
/// into 64-bit "normalized keys" (see ``KeyNormalizer``) whose unsigned order is the SQL order.
enum SortKeyKind: Sendable {
    /// `boolean`: false before true.
    case boolean
    /// Integers, dates and timestamps.
    case integer
    /// `float` and `double`: -0.0 equals 0.0, NaN after every other value (as Trino).
    case floatingPoint
    /// Decimals: the high 64 bits, then the low 64 bits of the unscaled value.
    case decimal
    /// Strings and binaries: bytes unsigned, 7 bytes per part, a shorter prefix first.
    case bytes

    /// The kind of a key column of `type`, or an error naming the column when it cannot be ordered.
    static func of(_ type: DataType, column: Int) throws(SluiceError) -> SortKeyKind {
        switch type {
        case .boolean: return .boolean
        case .int8, .int16, .int32, .int64, .date, .timestamp: return .integer
        case .float32, .float64: return .floatingPoint
        case .decimal: return .decimal
        case .string, .binary: return .bytes
        case .struct, .list, .map:
            throw SluiceError(
                domain: .query, code: "sort.unorderableType",
                message: "Cannot order rows by column #\(column) of type \(type): only scalar values can be sort, partition or window order keys.",
                hint: "Order by a field or element of it instead, e.g. `ORDER BY col.field` or `ORDER BY col[1]`.")
        }
    }

    /// The part a comparison starts with.
    var firstPart: KeyPart {
        switch self {
        case .boolean, .integer, .floatingPoint: .whole
        case .decimal: .decimalHigh
        case .bytes: .bytes(offset: 0)
        }
    }

    /// True when the first part's normalized key orders values completely (no later parts).
    var isSingleWord: Bool {
        switch self {
        case .boolean, .integer, .floatingPoint: true
        case .decimal, .bytes: false
        }
    }
}

/// Which 64-bit piece of a key value a normalized key holds.
enum KeyPart: Sendable, Equatable {
    /// The whole value (booleans, integers, floats).
    case whole
    /// A decimal's high word (signed), then its low word (unsigned).
    case decimalHigh, decimalLow
    /// Seven bytes of text from `offset`, then a length marker (see ``KeyNormalizer/bytesChunk``).
    case bytes(offset: Int)
    /// Every key at once (see ``KeyPacking``).
    case packed
}

extension SortKey {
    /// `#1 DESC NULLS LAST`, as `EXPLAIN` shows a key.
    var explainText: String {
        "#\(column) \(isAscending ? "ASC" : "DESC") NULLS \(nullsFirst ? "FIRST" : "LAST")"
    }
}
