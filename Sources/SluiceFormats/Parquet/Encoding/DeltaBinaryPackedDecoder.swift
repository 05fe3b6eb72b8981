public import SluiceCore

/// Reads DELTA_BINARY_PACKED INT32 or INT64 values: a header, then blocks of a zigzag minimum
/// delta, one bit width per miniblock and the bit-packed deltas. Arithmetic wraps, as the
/// format requires. The buffer must outlive the decoder.
public struct DeltaBinaryPackedDecoder {
    private let buffer: UnsafeRawBufferPointer
    private var position: Int
    /// Values the header announces.
    public let totalValueCount: Int
    private let miniblocksPerBlock: Int
    private let valuesPerMiniblock: Int
    /// Values not yet returned, and of those, values not yet unpacked into `deltas`.
    private var remaining: Int
    private var unloaded: Int
    private var firstValuePending: Bool
    /// The last value returned (or the first value), as wrapping 64-bit arithmetic.
    private var last: UInt64
    private var minimumDelta: UInt64 = 0
    /// Byte offset of the current block's bit widths, and the next miniblock to load in it.
    private var widthsPosition = 0
    private var miniblockIndex = 0
    private var blockStarted = false
    /// The current miniblock's unpacked deltas (minimum delta not yet added).
    private var deltas: [UInt64]
    private var deltaIndex = 0
    private var deltaCount = 0

    /// Reads and checks the header.
    public init(_ buffer: UnsafeRawBufferPointer) throws(SluiceError) {
        self.buffer = buffer
        var position = 0
        guard let blockSize = ULEB128.read(buffer, at: &position),
            let miniblocks = ULEB128.read(buffer, at: &position),
            let total = ULEB128.read(buffer, at: &position),
            let first = ULEB128.read(buffer, at: &position)
        else { throw ParquetEncodingError.truncated("DELTA_BINARY_PACKED", "the header is cut off") }
        // The format asks for blocks of a multiple of 128 values and miniblocks of a multiple of 32;
        // reading needs only whole groups of eight, so the spec's short examples read too.
        guard blockSize > 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 8 == 0
        else {
            throw ParquetEncodingError.corrupt(
                "DELTA_BINARY_PACKED", "a block of \(blockSize) values in \(miniblocks) miniblocks is not a valid layout")
        }
        // Every block after the first value costs at least its minimum delta and bit widths.
        let blockSizeValue = Int(blockSize)
        let miniblockCount = Int(miniblocks)
        let blocksAvailable = (buffer.count - position) / (1 + miniblockCount)
        guard total <= 1 + UInt64(blocksAvailable) * blockSize else {
            throw ParquetEncodingError.truncated(
                "DELTA_BINARY_PACKED", "the header announces \(total) values but \(buffer.count - position) bytes follow")
        }
        self.position = position
        self.totalValueCount = Int(total)
        self.miniblocksPerBlock = miniblockCount
        self.valuesPerMiniblock = blockSizeValue / miniblockCount
        self.remaining = Int(total)
        self.unloaded = max(0, Int(total) - 1)
        self.firstValuePending = total > 0
        self.last = UInt64(bitPattern: ULEB128.zigzagDecode(first))
        self.deltas = [UInt64](repeating: 0, count: (min(valuesPerMiniblock, unloaded) + 7) & ~7)
    }

    /// Bytes read so far; once every value is decoded, where the encoded data ends (the padding
    /// of the last miniblock included).
    public var bytesConsumed: Int { position }

    /// Values not yet decoded.
    public var remainingValueCount: Int { remaining }

    /// Writes the next `count` values to `output`, or throws when fewer remain or the data is corrupt.
    public mutating func decode(count: Int, into output: UnsafeMutablePointer<Int64>) throws(SluiceError) {
        try decodeValues(count: count, into: output)
    }

    /// Writes the next `count` values, truncated to 32 bits (INT32 columns wrap at 32 bits).
    public mutating func decode(count: Int, into output: UnsafeMutablePointer<Int32>) throws(SluiceError) {
        try decodeValues(count: count, into: output)
    }

    /// Decodes the values not yet read, without keeping them, so `bytesConsumed` is the end.
    public mutating func skipToEnd() throws(SluiceError) {
        var scratch = [Int64](repeating: 0, count: min(remaining, 1024))
        while remaining > 0 {
            let taken = min(remaining, scratch.count)
            try scratch.withUnsafeMutableBufferPointer { (values: inout UnsafeMutableBufferPointer<Int64>) throws(SluiceError) in
                try decode(count: taken, into: values.baseAddress!)
            }
        }
    }

    @inline(__always)
    private mutating func decodeValues<Output: FixedWidthInteger>(
        count: Int, into output: UnsafeMutablePointer<Output>
    ) throws(SluiceError) {
        guard count >= 0, count <= remaining else {
            throw ParquetEncodingError.truncated(
                "DELTA_BINARY_PACKED", "\(count) values wanted but \(remaining) of \(totalValueCount) are left")
        }
        var done = 0
        if count > 0 && firstValuePending {
            output[0] = Output(truncatingIfNeeded: Int64(bitPattern: last))
            firstValuePending = false
            done = 1
        }
        while done < count {
            if deltaIndex == deltaCount {
                let values = min(valuesPerMiniblock, unloaded)
                if Output.self == Int64.self && values & 7 == 0 && count - done >= values {
                    // A whole miniblock of 64-bit values: unpack into the output and sum in place.
                    let target = UnsafeMutableRawPointer(output + done).assumingMemoryBound(to: UInt64.self)
                    try loadMiniblock(into: target)
                    var value = last
                    let minimum = minimumDelta
                    for index in 0..<values {
                        value = value &+ minimum &+ target[index]
                        target[index] = value
                    }
                    last = value
                    done += values
                    continue
                }
                // Take the scratch array out of `self` while `loadMiniblock` mutates `self`.
                var scratch: [UInt64] = []
                swap(&scratch, &deltas)
                defer { swap(&scratch, &deltas) }
                try scratch.withUnsafeMutableBufferPointer {
                    (buffer: inout UnsafeMutableBufferPointer<UInt64>) throws(SluiceError) in
                    try loadMiniblock(into: buffer.baseAddress!)
                }
                deltaIndex = 0
                deltaCount = values
            }
            let taken = min(count - done, deltaCount - deltaIndex)
            var value = last
            let minimum = minimumDelta
            let start = deltaIndex
            deltas.withUnsafeBufferPointer { unpacked in
                let source = unpacked.baseAddress! + start
                let target = output + done
                for index in 0..<taken {
                    value = value &+ minimum &+ source[index]
                    target[index] = Output(truncatingIfNeeded: Int64(bitPattern: value))
                }
            }
            last = value
            deltaIndex += taken
            done += taken
        }
        remaining -= count
    }

    /// Reads the next miniblock's deltas (minimum not added) into `target`, rounded up to whole
    /// groups of eight.
    private mutating func loadMiniblock(into target: UnsafeMutablePointer<UInt64>) throws(SluiceError) {
        if !blockStarted || miniblockIndex == miniblocksPerBlock {
            guard let zigzag = ULEB128.read(buffer, at: &position) else {
                throw ParquetEncodingError.truncated("DELTA_BINARY_PACKED", "a block's minimum delta is cut off")
            }
            guard miniblocksPerBlock <= buffer.count - position else {
                throw ParquetEncodingError.truncated("DELTA_BINARY_PACKED", "a block's miniblock bit widths are cut off")
            }
            minimumDelta = UInt64(bitPattern: ULEB128.zigzagDecode(zigzag))
            widthsPosition = position
            position += miniblocksPerBlock
            miniblockIndex = 0
            blockStarted = true
        }
        let width = Int(buffer[widthsPosition + miniblockIndex])
        guard width <= 64 else {
            throw ParquetEncodingError.corrupt("DELTA_BINARY_PACKED", "a miniblock has bit width \(width), more than 64")
        }
        let values = min(valuesPerMiniblock, unloaded)
        // The last miniblock is padded to full size; tolerate writers that cut the padding.
        let neededBytes = (values * width + 7) / 8
        let available = buffer.count - position
        guard neededBytes <= available else {
            throw ParquetEncodingError.truncated(
                "DELTA_BINARY_PACKED", "a miniblock of \(values) values at \(width) bits needs \(neededBytes) bytes, \(available) are left")
        }
        let bodyBytes = min(valuesPerMiniblock * width / 8, available)
        // Bytes past the miniblock may be read (and masked away); none past the buffer.
        BitUnpacking.unpack(
            buffer.baseAddress.map { $0 + position }, byteCount: available, groups: (values + 7) / 8, width: width,
            into: target)
        position += bodyBytes
        miniblockIndex += 1
        unloaded -= values
    }
}
