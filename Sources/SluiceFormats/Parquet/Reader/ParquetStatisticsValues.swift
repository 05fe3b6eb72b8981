public import SluiceCore

/// Reads the minimum and maximum of a column chunk's statistics as Sluice values, in the
/// leaf's type (dates as dates, decimals scaled, INT96 as timestamps): for `parquet-meta`
/// and for skipping row groups whose range cannot match a predicate.
public enum ParquetStatisticsValues {
    /// The (minimum, maximum) of `statistics` for `leaf`; nil for a side the writer left out
    /// or wrote in an order Sluice cannot trust (the deprecated fields of text columns).
    public static func bounds(_ statistics: ParquetStatistics, leaf: ParquetLeafColumn) -> (min: Value?, max: Value?) {
        var minimum = statistics.minValue
        var maximum = statistics.maxValue
        // The deprecated fields used signed byte order: trust them only for numbers.
        let deprecatedUsable = leaf.physicalType != .byteArray && leaf.physicalType != .fixedLenByteArray
        if minimum == nil, deprecatedUsable { minimum = statistics.min }
        if maximum == nil, deprecatedUsable { maximum = statistics.max }
        return (minimum.flatMap { value($0, leaf: leaf) }, maximum.flatMap { value($0, leaf: leaf) })
    }

    /// One statistics value: PLAIN bytes of the leaf's physical type, without the length
    /// prefix byte arrays have in pages.
    public static func value(_ bytes: [UInt8], leaf: ParquetLeafColumn) -> Value? {
        var values = ParquetDenseValues(type: leaf.type)
        let decoded: Bool = bytes.withUnsafeBytes { raw in
            if leaf.physicalType == .byteArray {
                values.appendByteArray(raw, leaf.conversion)
                return true
            }
            do {
                try ParquetPageValues.plain(raw, count: 1, leaf: leaf, into: &values)
                return true
            } catch {
                return false
            }
        }
        guard decoded, values.count == 1 else { return nil }
        return values.column(validity: nil, count: 1).value(at: 0)
    }
}
