/// Writes INT32 or INT64 values as DELTA_BINARY_PACKED with blocks of 128 values in four
/// miniblocks of 32, as parquet-mr and Arrow do. Differences wrap, so any values encode.
public struct DeltaBinaryPackedEncoder {
    public static let blockSize = 128
    public static let miniblocksPerBlock = 4
    private static let valuesPerMiniblock = 32

    /// INT32 values wrap their differences at 32 bits, so no miniblock needs more than 32 bits.
    private let thirtyTwoBit: Bool
    /// Values appended since the last `finish`.
    public private(set) var count = 0
    private var first: Int64 = 0
    private var previous: Int64 = 0
    /// The open block's differences from one value to the next.
    private var deltas: [Int64] = []
    /// The finished blocks; the header goes in front of them at `finish`.
    private var blocks: [UInt8] = []
    private var packed: [UInt64] = []

    /// An encoder for a column of physical type `type`, `.int32` or `.int64`.
    public init(for type: ParquetPhysicalType = .int64) {
        precondition(type == .int32 || type == .int64, "DELTA_BINARY_PACKED holds INT32 or INT64, not \(type)")
        thirtyTwoBit = type == .int32
        deltas.reserveCapacity(Self.blockSize)
        packed = [UInt64](repeating: 0, count: Self.valuesPerMiniblock)
    }

    @inline(__always)
    public mutating func append(_ value: Int64) {
        defer { count += 1 }
        guard count > 0 else {
            first = thirtyTwoBit ? Int64(Int32(truncatingIfNeeded: value)) : value
            previous = value
            return
        }
        let delta = value &- previous
        deltas.append(thirtyTwoBit ? Int64(Int32(truncatingIfNeeded: delta)) : delta)
        previous = value
        if deltas.count == Self.blockSize { writeBlock() }
    }

    public mutating func append(_ values: UnsafeBufferPointer<Int64>) {
        for value in values { append(value) }
    }

    public mutating func append(_ values: UnsafeBufferPointer<Int32>) {
        for value in values { append(Int64(value)) }
    }

    /// Appends the header and every block to `output` and starts over.
    public mutating func finish(into output: inout [UInt8]) {
        if !deltas.isEmpty { writeBlock() }
        ULEB128.append(UInt64(Self.blockSize), to: &output)
        ULEB128.append(UInt64(Self.miniblocksPerBlock), to: &output)
        ULEB128.append(UInt64(count), to: &output)
        ULEB128.append(ULEB128.zigzagEncode(first), to: &output)
        output.append(contentsOf: blocks)
        blocks.removeAll(keepingCapacity: true)
        count = 0
        first = 0
        previous = 0
    }

    /// Writes the open block: minimum delta, four bit widths, then the miniblocks that hold
    /// values (a short last one padded with zeros; unused ones have width 0 and no bytes).
    private mutating func writeBlock() {
        let minimum = deltas.min()!
        ULEB128.append(ULEB128.zigzagEncode(minimum), to: &blocks)
        let widthsPosition = blocks.count
        blocks.append(contentsOf: repeatElement(0, count: Self.miniblocksPerBlock))
        var start = 0
        var miniblock = 0
        while start < deltas.count {
            let end = min(start + Self.valuesPerMiniblock, deltas.count)
            var bits: UInt64 = 0
            for index in 0..<Self.valuesPerMiniblock {
                // Relative to the minimum, every delta is an unsigned number (INT32: of 32 bits).
                let relative = start + index < end ? UInt64(bitPattern: deltas[start + index] &- minimum) : 0
                packed[index] = relative
                bits |= relative
            }
            let width = 64 - bits.leadingZeroBitCount
            blocks[widthsPosition + miniblock] = UInt8(width)
            packed.withUnsafeBufferPointer { values in
                BitPacking.pack(values.baseAddress!, count: Self.valuesPerMiniblock, width: width, into: &blocks)
            }
            start = end
            miniblock += 1
        }
        deltas.removeAll(keepingCapacity: true)
    }
}
