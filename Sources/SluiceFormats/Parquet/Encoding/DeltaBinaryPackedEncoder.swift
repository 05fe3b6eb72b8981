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
    /// The open block's differences from one value to the next: `deltaCount` of 128.
    private var deltas: [Int64]
    private var deltaCount = 0
    /// The finished blocks; the header goes in front of them at `finish`.
    private var blocks: [UInt8] = []

    /// An encoder for a column of physical type `type`, `.int32` or `.int64`.
    public init(for type: ParquetPhysicalType = .int64) {
        precondition(type == .int32 || type == .int64, "DELTA_BINARY_PACKED holds INT32 or INT64, not \(type)")
        thirtyTwoBit = type == .int32
        deltas = [Int64](repeating: 0, count: Self.blockSize)
    }

    public mutating func append(_ value: Int64) {
        withUnsafePointer(to: value) { append(UnsafeBufferPointer(start: $0, count: 1)) }
    }

    public mutating func append(_ values: UnsafeBufferPointer<Int64>) {
        appendValues(values)
    }

    public mutating func append(_ values: UnsafeBufferPointer<Int32>) {
        appendValues(values)
    }

    @inline(__always)
    private mutating func appendValues<Value: BinaryInteger>(_ values: UnsafeBufferPointer<Value>) {
        guard let base = values.baseAddress, !values.isEmpty else { return }
        var index = 0
        if count == 0 {
            let value = Int64(base[0])
            first = thirtyTwoBit ? Int64(Int32(truncatingIfNeeded: value)) : value
            previous = value
            count = 1
            index = 1
        }
        let narrow = thirtyTwoBit
        while index < values.count {
            let taken = min(Self.blockSize - deltaCount, values.count - index)
            var last = previous
            let start = deltaCount
            deltas.withUnsafeMutableBufferPointer { target in
                for offset in 0..<taken {
                    let value = Int64(base[index &+ offset])
                    let delta = value &- last
                    target[start &+ offset] = narrow ? Int64(Int32(truncatingIfNeeded: delta)) : delta
                    last = value
                }
            }
            previous = last
            deltaCount += taken
            count += taken
            index += taken
            if deltaCount == Self.blockSize { writeBlock() }
        }
    }

    /// Appends the header and every block to `output` and starts over.
    public mutating func finish(into output: inout [UInt8]) {
        if deltaCount > 0 { writeBlock() }
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
        var relative: (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let used = deltaCount
        deltas.withUnsafeBufferPointer { block in
            var minimum = block[0]
            for index in 1..<used { minimum = min(minimum, block[index]) }
            ULEB128.append(ULEB128.zigzagEncode(minimum), to: &blocks)
            let widthsPosition = blocks.count
            blocks.append(contentsOf: repeatElement(0, count: Self.miniblocksPerBlock))
            var start = 0
            var miniblock = 0
            while start < used {
                let end = min(start + Self.valuesPerMiniblock, used)
                let width = withUnsafeMutableBytes(of: &relative) { bytes -> Int in
                    let packed = bytes.baseAddress!.assumingMemoryBound(to: UInt64.self)
                    var bits: UInt64 = 0
                    for index in 0..<Self.valuesPerMiniblock {
                        // Relative to the minimum every delta is an unsigned number (INT32: of 32 bits).
                        let value = start &+ index < end ? UInt64(bitPattern: block[start &+ index] &- minimum) : 0
                        packed[index] = value
                        bits |= value
                    }
                    let width = 64 - bits.leadingZeroBitCount
                    BitPacking.pack(packed, count: Self.valuesPerMiniblock, width: width, into: &blocks)
                    return width
                }
                blocks[widthsPosition + miniblock] = UInt8(width)
                start = end
                miniblock += 1
            }
        }
        deltaCount = 0
    }
}
