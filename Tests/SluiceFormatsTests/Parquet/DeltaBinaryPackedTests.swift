import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// DELTA_BINARY_PACKED: the spec's examples, round trips at every bit width with wrapping
/// deltas, reads in pieces, where the data ends, and damaged input.
@Suite("Parquet DELTA_BINARY_PACKED")
struct DeltaBinaryPackedTests {
    typealias Support = EncodingTestSupport

    /// Encodings.md example 1 (block size 8, one miniblock): 1…5 is a header and a minimum delta of 1.
    @Test func specExampleOne() throws {
        let bytes: [UInt8] = [8, 1, 5, 2, 2, 0]
        let (values, consumed) = try Support.decodeDelta(bytes + [0xAA])
        #expect(values == [1, 2, 3, 4, 5])
        #expect(consumed == 6)
    }

    /// Encodings.md example 2: 7, 5, 3, 1, 2, 3, 4, 5 with minimum delta -2 at bit width 2.
    @Test func specExampleTwo() throws {
        let bytes: [UInt8] = [8, 1, 8, 14, 3, 2, 0b1100_0000, 0b0011_1111]
        let (values, consumed) = try Support.decodeDelta(bytes)
        #expect(values == [7, 5, 3, 1, 2, 3, 4, 5])
        #expect(consumed == 8)
    }

    @Test func encoderWritesBlocksOf128InFourMiniblocks() throws {
        let encoded = Support.encodeDelta([7, 5, 3, 1, 2, 3, 4, 5])
        // 128, 4, 8 values, first 7; minimum -2; widths 2, 0, 0, 0; one padded miniblock of 32 × 2 bits.
        #expect(Array(encoded.prefix(11)) == [0x80, 0x01, 4, 8, 14, 3, 2, 0, 0, 0, 0b1100_0000])
        #expect(encoded.count == 11 + 7)
        #expect(Support.encodeDelta([]) == [0x80, 0x01, 4, 0, 0])
        #expect(Support.encodeDelta([-3]) == [0x80, 0x01, 4, 1, 5])
        #expect(try Support.decodeDelta(Support.encodeDelta([])).values == [])
        #expect(try Support.decodeDelta(Support.encodeDelta([-3])) == ([-3], 5))
    }

    /// Deltas of every width 0…64, with counts around block and miniblock edges, read whole
    /// and in pieces; the decoder knows where the data ends even with bytes after it.
    @Test(arguments: Array(0...64))
    func roundTripsAtEveryDeltaWidth(bitWidth: Int) throws {
        var random = SeededRandom(seed: UInt64(500 + bitWidth))
        for count in [2, 3, 31, 32, 33, 127, 128, 129, 130, 255, 256, 257, 1000] {
            var values: [Int64] = [Int64(bitPattern: random.next())]
            while values.count < count {
                let delta = Int64(bitPattern: Support.randomBits(bitWidth, using: &random))
                values.append(values.last! &+ delta &- (bitWidth == 64 ? 0 : Int64(1) << max(0, bitWidth - 1)))
            }
            let encoded = Support.encodeDelta(values)
            let trailing: [UInt8] = [0x55, 0x66, 0x77]
            let (decoded, consumed) = try Support.decodeDelta(encoded + trailing)
            #expect(decoded == values, "width \(bitWidth), \(count) values")
            #expect(consumed == encoded.count, "width \(bitWidth), \(count) values")
            let pieces = try Support.decodeDelta(encoded, chunks: [1, 7, 32, 100, 3, 129]).values
            #expect(pieces == values, "width \(bitWidth), \(count) values in pieces")
        }
    }

    @Test func extremesWrapAround() throws {
        let values: [Int64] = [.max, .min, .max, 0, .min, -1, .min + 1, .max - 1, 0, .max]
            + Array(repeating: .min, count: 130) + [.max, .max, .min]
        #expect(try Support.decodeDelta(Support.encodeDelta(values)).values == values)
        let values32: [Int32] = [.max, .min, .max, 0, .min, -1, .min + 1, .max - 1] + Array(repeating: .max, count: 140) + [.min]
        let encoded32 = Support.encodeDelta32(values32)
        #expect(try Support.decodeDelta32(encoded32) == values32)
        // INT32 deltas wrap at 32 bits, so no miniblock is wider than 32 bits.
        #expect(encoded32.count < Support.encodeDelta(values32.map(Int64.init)).count)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomInt32RoundTrips(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for count in [0, 1, 5, 200, 1500] {
            let values = (0..<count).map { _ in Int32(truncatingIfNeeded: random.next() >> (random.next() % 64)) }
            #expect(try Support.decodeDelta32(Support.encodeDelta32(values)) == values, "seed \(seed), \(count) values")
        }
    }

    @Test func askingForMoreThanTheHeaderAnnouncesThrows() {
        let encoded = Support.encodeDelta([1, 2, 3])
        #expect(throws: SluiceError.self) { _ = try Support.decodeDelta(encoded, count: 4) }
    }

    @Test func skipToEndFindsTheEnd() throws {
        let encoded = Support.encodeDelta((0..<300).map { Int64($0 * $0) })
        let consumed = try (encoded + [1, 2, 3]).withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) -> Int in
            var decoder = try DeltaBinaryPackedDecoder(buffer)
            var first: Int64 = 0
            try decoder.decode(count: 1, into: &first)
            try decoder.skipToEnd()
            return decoder.bytesConsumed
        }
        #expect(consumed == encoded.count)
    }

    /// Cutting an encoding anywhere throws, or (when only the last miniblock's padding was cut)
    /// still reads the same values.
    @Test func everyTruncationThrowsOrReadsTheSameValues() {
        var random = SeededRandom(seed: 9)
        let values = (0..<300).map { _ in Int64(bitPattern: random.next()) >> 20 }
        let encoded = Support.encodeDelta(values)
        for length in 0..<encoded.count {
            do {
                let decoded = try Support.decodeDelta(Array(encoded.prefix(length)), count: values.count).values
                #expect(decoded == values, "cut to \(length) of \(encoded.count) bytes read other values")
            } catch {
                #expect(error.code.hasPrefix("parquet.encoding."), "\(error)")
            }
        }
    }

    @Test func corruptHeadersThrow() {
        let cases: [[UInt8]] = [
            [],
            [0x80, 0x01, 4],  // no value count
            [0, 4, 10, 0],  // block size 0
            [0x80, 0x01, 3, 10, 0],  // 128 values do not split into 3 miniblocks
            [0x80, 0x01, 4, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0],  // billions of values in no bytes
            [0x80, 0x01, 4, 3, 0, 0, 65, 0, 0, 0],  // a miniblock of 65 bits
            [0x80, 0x01, 4, 3, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0, 0, 0, 0],  // varint over 64 bits
        ]
        for bytes in cases {
            #expect(throws: SluiceError.self, "\(bytes)") { _ = try Support.decodeDelta(bytes) }
        }
    }

    @Test(arguments: [4, 5, 6] as [UInt64])
    func randomBytesNeverCrash(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<3000 {
            var bytes = (0..<Int(random.next() % 60)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Often start with a plausible header so the blocks get exercised.
            if random.next() % 2 == 0 { bytes = [0x80, 0x01, 4, UInt8(random.next() % 120), 3] + bytes }
            _ = try? Support.decodeDelta(bytes, chunks: [5, 64])
            _ = try? Support.decodeDelta32(bytes)
        }
    }
}
