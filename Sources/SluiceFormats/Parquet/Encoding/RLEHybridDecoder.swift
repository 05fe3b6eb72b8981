public import SluiceCore

/// Reads the RLE/bit-packing hybrid encoding (repetition and definition levels, dictionary
/// indices, RLE booleans) of a fixed bit width 0…32 from a buffer the caller keeps alive.
public struct RLEHybridDecoder {
    private let buffer: UnsafeRawBufferPointer
    /// The byte after the last run header read.
    private var position = 0
    /// Values of each encoded value.
    public let bitWidth: Int
    /// Values left in the current RLE run.
    private var repeatedCount = 0
    private var repeatedValue: UInt32 = 0
    /// Values left in the current bit-packed run, and where its next group starts.
    private var literalCount = 0
    private var literalPosition = 0
    /// One unpacked group of a bit-packed run, for reads that stop inside a group.
    private var staged: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var stagedIndex = 0
    private var stagedCount = 0

    /// A decoder over `buffer` (no length prefix), which must outlive it. `bitWidth` is 0…32;
    /// another width (as a damaged file may give) makes `decode` throw.
    public init(_ buffer: UnsafeRawBufferPointer, bitWidth: Int) {
        self.buffer = buffer
        self.bitWidth = bitWidth
    }

    /// The decoder for the data page v1 form: a 4-byte little-endian length, then that many
    /// bytes of runs. `consumed` is 4 plus the length.
    public static func lengthPrefixed(
        _ buffer: UnsafeRawBufferPointer, bitWidth: Int
    ) throws(SluiceError) -> (decoder: RLEHybridDecoder, consumed: Int) {
        guard (0...32).contains(bitWidth) else {
            throw ParquetEncodingError.corrupt("RLE", "bit width \(bitWidth) is outside 0…32")
        }
        guard buffer.count >= 4 else {
            throw ParquetEncodingError.truncated("RLE", "\(buffer.count) bytes cannot hold the 4-byte length")
        }
        let length = Int(UInt32(littleEndian: buffer.loadUnaligned(as: UInt32.self)))
        guard length <= buffer.count - 4 else {
            throw ParquetEncodingError.truncated("RLE", "the length says \(length) bytes but \(buffer.count - 4) follow")
        }
        let body = UnsafeRawBufferPointer(rebasing: buffer[4..<(4 + length)])
        return (RLEHybridDecoder(body, bitWidth: bitWidth), 4 + length)
    }

    /// Bytes of the buffer read so far: after the last value, where the encoded runs end.
    public var bytesConsumed: Int { position }

    /// Writes exactly `count` values to `output`, or throws when the data ends first or is corrupt.
    public mutating func decode(count: Int, into output: UnsafeMutablePointer<UInt32>) throws(SluiceError) {
        guard bitWidth >= 0 && bitWidth <= 32 else {
            throw ParquetEncodingError.corrupt("RLE", "bit width \(bitWidth) is outside 0…32")
        }
        var done = 0
        while done < count {
            if stagedCount > 0 {
                let taken = min(stagedCount, count - done)
                withUnsafeBytes(of: &staged) { group in
                    let values = group.baseAddress!.assumingMemoryBound(to: UInt32.self) + stagedIndex
                    (output + done).update(from: values, count: taken)
                }
                stagedIndex += taken
                stagedCount -= taken
                done += taken
            } else if repeatedCount > 0 {
                let taken = min(repeatedCount, count - done)
                (output + done).update(repeating: repeatedValue, count: taken)
                repeatedCount -= taken
                done += taken
            } else if literalCount > 0 {
                let groups = min(literalCount, count - done) / 8
                if groups > 0 {
                    BitUnpacking.unpack(
                        buffer.baseAddress.map { $0 + literalPosition }, byteCount: buffer.count - literalPosition,
                        groups: groups, width: bitWidth, into: output + done)
                    literalPosition += groups * bitWidth
                    literalCount -= groups * 8
                    done += groups * 8
                } else {
                    // Fewer than eight values wanted, or left in the run: unpack one group aside.
                    withUnsafeMutableBytes(of: &staged) { group in
                        BitUnpacking.unpack(
                            buffer.baseAddress.map { $0 + literalPosition }, byteCount: buffer.count - literalPosition,
                            groups: 1, width: bitWidth, into: group.baseAddress!.assumingMemoryBound(to: UInt32.self))
                    }
                    literalPosition += bitWidth
                    stagedIndex = 0
                    stagedCount = min(8, literalCount)
                    literalCount -= stagedCount
                }
            } else {
                try readRunHeader(neededValues: count - done)
            }
        }
    }

    /// Skips `count` values, or throws when the data ends first.
    public mutating func skip(count: Int) throws(SluiceError) {
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var left = count
        while left > 0 {
            if stagedCount == 0 && repeatedCount > 0 {
                let taken = min(repeatedCount, left)
                repeatedCount -= taken
                left -= taken
            } else if stagedCount == 0 && literalCount >= 8 && left >= 8 {
                let groups = min(literalCount, left) / 8
                literalPosition += groups * bitWidth
                literalCount -= groups * 8
                left -= groups * 8
            } else {
                let taken = min(left, 16)
                try withUnsafeMutableBytes(of: &scratch) { (bytes: UnsafeMutableRawBufferPointer) throws(SluiceError) in
                    try decode(count: taken, into: bytes.baseAddress!.assumingMemoryBound(to: UInt32.self))
                }
                left -= taken
            }
        }
    }

    @inline(__always)
    private mutating func readRunHeader(neededValues: Int) throws(SluiceError) {
        guard position < buffer.count else { throw endedError(neededValues: neededValues) }
        guard let header = ULEB128.read(buffer, at: &position), header <= UInt64(UInt32.max) else {
            throw ParquetEncodingError.corrupt("RLE", "a run header at byte \(position) is not a valid 32-bit varint")
        }
        let runLength = Int(header >> 1)
        if header & 1 == 1 {
            // Bit-packed: `runLength` groups of eight values, `bitWidth` bytes per group. Some
            // writers cut the last run short; the values that are there can still be read.
            let runBytes = runLength * bitWidth
            let available = buffer.count - position
            literalPosition = position
            if runBytes <= available {
                literalCount = runLength * 8
                position += runBytes
            } else {
                literalCount = available * 8 / bitWidth
                position = buffer.count
            }
        } else {
            let valueBytes = (bitWidth + 7) / 8
            guard valueBytes <= buffer.count - position else { throw valueCutError(runLength: runLength) }
            var value: UInt32 = 0
            for index in 0..<valueBytes { value |= UInt32(buffer[position + index]) &<< UInt32(8 * index) }
            position += valueBytes
            guard bitWidth == 32 || value &>> UInt32(bitWidth) == 0 else { throw valueTooWideError(value) }
            repeatedValue = value
            repeatedCount = runLength
        }
    }

    // The errors are built out of line, keeping the header reader small enough to inline.

    @inline(never)
    private func endedError(neededValues: Int) -> SluiceError {
        ParquetEncodingError.truncated("RLE", "\(neededValues) more values wanted after the last run (bit width \(bitWidth))")
    }

    @inline(never)
    private func valueCutError(runLength: Int) -> SluiceError {
        ParquetEncodingError.truncated("RLE", "the value of a run of \(runLength) is cut off (bit width \(bitWidth))")
    }

    @inline(never)
    private func valueTooWideError(_ value: UInt32) -> SluiceError {
        ParquetEncodingError.corrupt("RLE", "run value \(value) does not fit in \(bitWidth) bits")
    }
}
