/// Minimum, maximum and null count of a column chunk, in the leaf's sort order (signed for
/// integers and decimals, IEEE for floats ignoring NaN, unsigned bytes for strings), encoded
/// as the format wants them so other engines prune row groups on them.
struct ParquetStatisticsBuilder {
    /// Longer string minimums and maximums are left out rather than written in full.
    static let maximumByteValueLength = 64

    var nullCount: Int64 = 0
    private var minInt64 = Int64.max
    private var maxInt64 = Int64.min
    /// NaN values of a floating-point chunk; written so readers know when there are none.
    private var nanCount: Int64 = 0
    private var minInteger = Int128.max
    private var maxInteger = Int128.min
    private var minDouble = Double.infinity
    private var maxDouble = -Double.infinity
    private var minBytes: [UInt8]?
    private var maxBytes: [UInt8]?
    private var bytesTooLong = false
    private var sawValue = false
    private var sawFalse = false
    private var sawTrue = false

    @inline(__always)
    mutating func add(integer value: Int64) {
        if value < minInt64 { minInt64 = value }
        if value > maxInt64 { maxInt64 = value }
        sawValue = true
    }

    mutating func add(decimal value: Int128) {
        if value < minInteger { minInteger = value }
        if value > maxInteger { maxInteger = value }
        sawValue = true
    }

    @inline(__always)
    mutating func add(double value: Double) {
        guard !value.isNaN else {
            nanCount += 1
            return
        }
        if value < minDouble { minDouble = value }
        if value > maxDouble { maxDouble = value }
        sawValue = true
    }

    mutating func add(bool value: Bool) {
        if value { sawTrue = true } else { sawFalse = true }
        sawValue = true
    }

    @inline(__always)
    mutating func add(bytes value: UnsafeRawBufferPointer) {
        sawValue = true
        guard !bytesTooLong else { return }
        guard value.count <= Self.maximumByteValueLength else {
            bytesTooLong = true
            return
        }
        if let current = minBytes {
            if value.lexicographicallyPrecedes(current) { minBytes = Array(value) }
        } else {
            minBytes = Array(value)
        }
        if let current = maxBytes {
            if current.lexicographicallyPrecedes(value) { maxBytes = Array(value) }
        } else {
            maxBytes = Array(value)
        }
    }

    /// The statistics for a leaf of `physicalType` (decimals in FIXED_LEN_BYTE_ARRAY of `width`).
    func build(physicalType: ParquetPhysicalType, width: Int) -> ParquetStatistics {
        var statistics = ParquetStatistics()
        statistics.nullCount = nullCount
        if physicalType == .float || physicalType == .double { statistics.nanCount = nanCount }
        guard sawValue else { return statistics }
        var minimum: [UInt8]?
        var maximum: [UInt8]?
        switch physicalType {
        case .boolean:
            minimum = [sawFalse ? 0 : 1]
            maximum = [sawTrue ? 1 : 0]
        case .int32:
            minimum = Self.littleEndian(Int32(truncatingIfNeeded: minInt64))
            maximum = Self.littleEndian(Int32(truncatingIfNeeded: maxInt64))
        case .int64:
            minimum = Self.littleEndian(minInt64)
            maximum = Self.littleEndian(maxInt64)
        case .float where minDouble <= maxDouble:
            // -0.0 as the minimum and +0.0 as the maximum, as the format asks.
            minimum = Self.littleEndian(Float(minDouble == 0 ? -0.0 : minDouble).bitPattern)
            maximum = Self.littleEndian(Float(maxDouble == 0 ? 0.0 : maxDouble).bitPattern)
        case .double where minDouble <= maxDouble:
            minimum = Self.littleEndian((minDouble == 0 ? -0.0 : minDouble).bitPattern)
            maximum = Self.littleEndian((maxDouble == 0 ? 0.0 : maxDouble).bitPattern)
        case .fixedLenByteArray where minInteger <= maxInteger:
            minimum = Self.bigEndian(minInteger, width: width)
            maximum = Self.bigEndian(maxInteger, width: width)
        case .byteArray where !bytesTooLong:
            minimum = minBytes
            maximum = maxBytes
        default:
            break
        }
        statistics.minValue = minimum
        statistics.maxValue = maximum
        if physicalType != .byteArray && physicalType != .fixedLenByteArray {
            // The deprecated fields too, for readers that predate min_value/max_value.
            statistics.min = minimum
            statistics.max = maximum
        }
        return statistics
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// The low `width` bytes of a two's complement value, most significant first.
    static func bigEndian(_ value: Int128, width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - $0))) }
    }
}
