import SluiceCore

/// What a row group's footer says about one leaf column's values, for skipping the row group:
/// its rows and nulls, bounds on its non-null values other than NaN (which the format keeps
/// out of statistics), and whether it may hold NaN.
struct ParquetChunkSummary {
    var rowCount: Int64
    /// Null rows; nil when the writer did not count them.
    var nullCount: Int64?
    /// No non-null, non-NaN value is below it; nil when unknown.
    var minimum: Value?
    /// No non-null, non-NaN value is above it; nil when unknown.
    var maximum: Value?
    /// The bounds are values the chunk holds, not shortened stand-ins for long byte arrays.
    var boundsAreExact = true
    /// A floating-point chunk may hold NaN unless the writer counted none.
    var mayHoldNaN: Bool

    init(statistics: ParquetStatistics?, rowCount: Int64, leaf: ParquetLeafColumn, order: ParquetColumnOrder?) {
        self.rowCount = rowCount
        nullCount = leaf.maxDefinitionLevel == 0 ? 0 : statistics?.nullCount
        mayHoldNaN = Self.isFloatingPoint(leaf.conversion) && statistics?.nanCount != 0
        guard let statistics else { return }
        let typeOrder = Self.followsTypeOrder(order, leaf: leaf)
        let signedOrder = Self.followsSignedOrder(leaf)
        if typeOrder, let bytes = statistics.minValue {
            minimum = Self.bound(bytes, leaf: leaf)
            boundsAreExact = boundsAreExact && statistics.isMinValueExact != false
        }
        if minimum == nil, signedOrder, let bytes = statistics.min { minimum = Self.bound(bytes, leaf: leaf) }
        if typeOrder, let bytes = statistics.maxValue {
            maximum = Self.bound(bytes, leaf: leaf)
            boundsAreExact = boundsAreExact && statistics.isMaxValueExact != false
        }
        if maximum == nil, signedOrder, let bytes = statistics.max { maximum = Self.bound(bytes, leaf: leaf) }
        // A NaN bound (the format forbids them) or bounds the wrong way round are not trusted.
        if Self.isNaN(minimum) || Self.isNaN(maximum) || minimum.flatMap({ maximum.flatMap($0.compare) }) == .greater {
            minimum = nil
            maximum = nil
        }
    }

    var mayHoldNull: Bool { rowCount > 0 && (nullCount.map { $0 > 0 } ?? true) }
    var mayHoldNonNull: Bool { rowCount > 0 && (nullCount.map { $0 < rowCount } ?? true) }

    /// False only when no value of the chunk can satisfy `value op` it (a null value never does).
    func mightSatisfy(_ op: ComparisonOperator, _ value: Value) -> Bool {
        guard !value.isNull, mayHoldNonNull else { return false }
        if mayHoldNaN, Value.double(.nan).compare(to: value).map(op.holds) ?? true { return true }
        var lower: ValueOrder?
        var upper: ValueOrder?
        if let minimum {
            guard let order = minimum.compare(to: value) else { return true }
            lower = order
        }
        if let maximum {
            guard let order = maximum.compare(to: value) else { return true }
            upper = order
        }
        switch op {
        case .equal: return lower != .greater && upper != .less
        case .less: return lower == nil || lower == .less
        case .lessOrEqual: return lower != .greater
        case .greater: return upper == nil || upper == .greater
        case .greaterOrEqual: return upper != .less
        case .notEqual: return !(boundsAreExact && lower == .equal && upper == .equal)
        }
    }

    /// A statistics value as a bound; nil when it cannot be read or, for text, is not valid
    /// UTF-8 (a bound cut inside a character would be repaired into a different order).
    private static func bound(_ bytes: [UInt8], leaf: ParquetLeafColumn) -> Value? {
        let value = ParquetStatisticsValues.value(bytes, leaf: leaf)
        if leaf.conversion == .string, case .string(let text)? = value, !text.utf8.elementsEqual(bytes) { return nil }
        return value
    }

    /// Whether `min_value` and `max_value` are ordered as the leaf's values: the type's own
    /// order, or IEEE 754 total order for floats. TIME (read as text) and INT96 never prune.
    private static func followsTypeOrder(_ order: ParquetColumnOrder?, leaf: ParquetLeafColumn) -> Bool {
        switch leaf.conversion {
        case .time, .int96Timestamp: return false
        default: break
        }
        switch order {
        case .typeDefined?: return true
        case .ieee754TotalOrder?: return isFloatingPoint(leaf.conversion)
        default: return false
        }
    }

    /// Whether the deprecated `min` and `max`, always in signed order, order the leaf's values:
    /// true for booleans and signed numbers, false for unsigned integers and byte arrays.
    private static func followsSignedOrder(_ leaf: ParquetLeafColumn) -> Bool {
        switch leaf.conversion {
        case .boolean, .int32(signed: true), .int64(signed: true), .date, .float, .double, .timestamp: true
        case .decimal: leaf.physicalType == .int32 || leaf.physicalType == .int64
        default: false
        }
    }

    private static func isFloatingPoint(_ conversion: ParquetValueConversion) -> Bool {
        conversion == .float || conversion == .double || conversion == .float16
    }

    private static func isNaN(_ value: Value?) -> Bool {
        if case .double(let double)? = value { return double.isNaN }
        return false
    }
}
