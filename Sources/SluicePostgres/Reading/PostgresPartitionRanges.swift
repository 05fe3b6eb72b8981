import SluiceCore

/// Splits a column's range into `WHERE` conditions the way Spark's JDBC source does, so
/// users moving jobs over get the same ranges:
///
///     stride = upper / n - lower / n
///     partition 0:      col < lower + stride OR col IS NULL
///     partition i:      col >= lower + i·stride AND col < lower + (i+1)·stride
///     partition n - 1:  col >= lower + (n-1)·stride
///
/// Every row lands in exactly one partition whatever the bounds are. When the range holds
/// fewer values than partitions, fewer partitions are made.
public struct PostgresPartitionRanges: Sendable, Equatable {
    /// The column's kind, which decides how bounds are written in SQL.
    enum Kind: Sendable, Equatable {
        case integer
        /// Days since 1970-01-01.
        case date
        /// Microseconds since 1970-01-01; `typeName` is `timestamp without time zone` or `… with time zone`.
        case timestamp(typeName: String)
    }

    /// The conditions, one per partition.
    public let filters: [String]

    init(quotedColumn: String, kind: Kind, lower: Int64, upper: Int64, count requested: Int) {
        let count = Int(max(1, min(Int64(requested), upper &- lower)))
        guard count > 1, upper > lower else {
            filters = []
            return
        }
        let stride = upper / Int64(count) - lower / Int64(count)
        var result: [String] = []
        var current = lower
        for index in 0..<count {
            let lowerCondition = index == 0 ? nil : "\(quotedColumn) >= \(Self.literal(current, kind: kind))"
            current += stride
            let upperCondition = index == count - 1 ? nil : "\(quotedColumn) < \(Self.literal(current, kind: kind))"
            switch (lowerCondition, upperCondition) {
            case (nil, let upper?): result.append("\(upper) OR \(quotedColumn) IS NULL")
            case (let lower?, nil): result.append(lower)
            case (let lower?, let upper?): result.append("\(lower) AND \(upper)")
            case (nil, nil): break
            }
        }
        filters = result
    }

    static func literal(_ value: Int64, kind: Kind) -> String {
        switch kind {
        case .integer: String(value)
        case .date: "DATE '\(CivilTime.formatDate(days: Int(value)))'"
        case .timestamp(let typeName):
            "CAST('\(CivilTime.formatTimestamp(microseconds: value))\(typeName.contains("with time zone") ? "+00" : "")' AS \(typeName))"
        }
    }

    /// The partition column's kind, or an error naming the column when it cannot partition.
    static func kind(of column: PostgresColumnDescription, source: String) throws(SluiceError) -> Kind {
        guard !column.mapping.isArray else { throw unsupported(column, source: source) }
        switch column.mapping.decoding {
        case .int16, .int32, .int64: return .integer
        case .date: return .date
        case .timestamp: return .timestamp(typeName: column.typeName)
        default: throw unsupported(column, source: source)
        }
    }

    /// A bound as the column kind's integer: `.int`, `.date`, `.timestamp`, or text.
    static func bound(_ value: Value, kind: Kind, column: String, which: String) throws(SluiceError) -> Int64 {
        switch (value, kind) {
        case (.int(let number), .integer): return number
        case (.date(let days), .date): return Int64(days)
        case (.timestamp(let micros), .timestamp): return micros
        case (.date(let days), .timestamp): return Int64(days) * CivilTime.microsecondsPerDay
        case (.string(let text), .integer):
            if let number = Int64(text) { return number }
        case (.string(let text), .date):
            if let days = TemporalParsing.parseDate(text) { return Int64(days) }
        case (.string(let text), .timestamp):
            if let micros = TemporalParsing.parseTimestamp(text) { return micros }
            if let days = TemporalParsing.parseDate(text) { return Int64(days) * CivilTime.microsecondsPerDay }
        default:
            break
        }
        throw SluiceError(
            domain: .usage, code: "postgres.invalidPartitionBound",
            message: "The \(which) bound \(value.displayText) does not fit partition column '\(column)'.",
            hint: kind == .integer ? "Give a whole number." : kind == .date ? "Give a date like 2026-01-01." : "Give a timestamp like 2026-01-01 00:00:00.")
    }

    private static func unsupported(_ column: PostgresColumnDescription, source: String) -> SluiceError {
        SluiceError(
            domain: .usage, code: "postgres.invalidPartitionColumn",
            message: "Column '\(column.name)' of \(source) is \(column.typeName); a partition column must be an integer, date or timestamp column.",
            hint: "Partition by a numeric key such as the primary key, or by a date column.")
    }
}
