/// Writes the RLE/bit-packing hybrid encoding of a fixed bit width 0…32: runs of eight or more
/// equal values become RLE runs, everything else bit-packed groups of eight (as parquet-mr and
/// Arrow write it).
public struct RLEHybridEncoder {
    /// Bits of each encoded value.
    public let bitWidth: Int
    private var bytes: [UInt8] = []
    /// Values not yet written; at most seven once `append` returns.
    private var buffered: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var bufferedCount = 0
    private var previous: UInt32 = 0
    /// How many times `previous` was seen in a row since the last bit-packed group.
    private var repeatCount = 0
    /// Where the open bit-packed run's header byte waits, and its number of groups.
    private var headerPosition: Int?
    private var groupCount = 0

    public init(bitWidth: Int) {
        precondition((0...32).contains(bitWidth), "RLE bit width \(bitWidth) is outside 0…32")
        self.bitWidth = bitWidth
    }

    /// The bit width that holds every value from 0 to `maximum` (0 for a maximum of 0).
    public static func bitWidth(forMaximum maximum: UInt32) -> Int {
        32 - maximum.leadingZeroBitCount
    }

    /// Number of values appended so far and not yet taken by `finish`.
    public private(set) var count = 0

    @inline(__always)
    public mutating func append(_ value: UInt32) {
        count += 1
        if value == previous {
            repeatCount += 1
            // Eight in a row make an RLE run (the seven before are buffered): only the count grows.
            if repeatCount >= 8 { return }
        } else {
            if repeatCount >= 8 { writeRepeatedRun() }
            repeatCount = 1
            previous = value
        }
        withUnsafeMutableBytes(of: &buffered) { $0.storeBytes(of: UInt64(value), toByteOffset: bufferedCount * 8, as: UInt64.self) }
        bufferedCount += 1
        if bufferedCount == 8 { writeBitPackedGroup() }
    }

    public mutating func append(_ values: UnsafeBufferPointer<UInt32>) {
        for value in values { append(value) }
    }

    /// Appends the encoded runs (without a length prefix) to `output` and starts over.
    public mutating func finish(into output: inout [UInt8]) {
        flush()
        output.append(contentsOf: bytes)
        reset()
    }

    /// Appends the data page v1 form: a 4-byte little-endian length, then the runs.
    public mutating func finishLengthPrefixed(into output: inout [UInt8]) {
        flush()
        withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: bytes)
        reset()
    }

    private mutating func flush() {
        // Values left over that are all equal, with no bit-packed run open, are cheaper as a
        // short RLE run (Arrow does the same, so pages match byte for byte).
        if repeatCount >= 8 || (bufferedCount > 0 && repeatCount == bufferedCount && headerPosition == nil) {
            writeRepeatedRun()
        } else if bufferedCount > 0 {
            // Pad the last group with zeros; readers stop at the value count.
            withUnsafeMutableBytes(of: &buffered) { group in
                for index in bufferedCount..<8 { group.storeBytes(of: 0, toByteOffset: index * 8, as: UInt64.self) }
            }
            bufferedCount = 8
            writeBitPackedGroup()
        }
        closeBitPackedRun()
    }

    private mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        bufferedCount = 0
        repeatCount = 0
        previous = 0
        count = 0
    }

    /// The buffered values (all equal to `previous`) and the rest of the run become one RLE run.
    private mutating func writeRepeatedRun() {
        closeBitPackedRun()
        ULEB128.append(UInt64(repeatCount) << 1, to: &bytes)
        for index in 0..<((bitWidth + 7) / 8) { bytes.append(UInt8(truncatingIfNeeded: previous >> UInt32(8 * index))) }
        repeatCount = 0
        bufferedCount = 0
    }

    private mutating func writeBitPackedGroup() {
        // A one-byte header counts up to 63 groups; longer stretches start a new run.
        if groupCount == 63 { closeBitPackedRun() }
        if headerPosition == nil {
            headerPosition = bytes.count
            bytes.append(0)
        }
        withUnsafeBytes(of: &buffered) { group in
            BitPacking.pack(group.baseAddress!.assumingMemoryBound(to: UInt64.self), count: 8, width: bitWidth, into: &bytes)
        }
        groupCount += 1
        bufferedCount = 0
        repeatCount = 0
    }

    private mutating func closeBitPackedRun() {
        guard let headerPosition else { return }
        bytes[headerPosition] = UInt8(groupCount << 1 | 1)
        self.headerPosition = nil
        groupCount = 0
    }
}
