import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// The RLE/bit-packing hybrid: the spec's examples, round trips at every bit width with runs
/// of both kinds, reads in pieces, and damaged input that throws instead of crashing.
@Suite("Parquet RLE/bit-packing hybrid")
struct RLEHybridTests {
    typealias Support = EncodingTestSupport

    /// Encodings.md: 0…7 at bit width 3 pack into 10001000 11000110 11111010.
    @Test func specBitPackedExample() throws {
        let bytes: [UInt8] = [0b11, 0b1000_1000, 0b1100_0110, 0b1111_1010]
        #expect(try Support.decodeRLE(bytes, bitWidth: 3, count: 8) == Array(0..<8))
        #expect(Support.encodeRLE(Array(0..<8), bitWidth: 3) == bytes)
    }

    /// Encodings.md's deprecated BIT_PACKED example: the same values, most significant bit first.
    @Test func specLegacyBitPackedExample() throws {
        let bytes: [UInt8] = [0b0000_0101, 0b0011_1001, 0b0111_0111]
        var output = [UInt32](repeating: 9, count: 8)
        let consumed = try bytes.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            try output.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<UInt32>) throws(SluiceError) in
                try RLEHybridDecoder.decodeLegacyBitPacked(buffer, bitWidth: 3, count: 8, into: target.baseAddress!)
            }
        }
        #expect(output == Array(0..<8))
        #expect(consumed == 3)
        #expect(throws: SluiceError.self) {
            try bytes.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
                try output.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<UInt32>) throws(SluiceError) in
                    try RLEHybridDecoder.decodeLegacyBitPacked(buffer, bitWidth: 3, count: 9, into: target.baseAddress!)
                }
            }
        }
    }

    @Test func rleRunsAndLengthPrefix() throws {
        // 300 × 5 at width 3: header 600 as a varint, then one value byte; behind a 4-byte length.
        let runs: [UInt8] = [0xD8, 0x04, 5]
        #expect(Support.encodeRLE(Array(repeating: 5, count: 300), bitWidth: 3) == runs)
        let prefixed = [3, 0, 0, 0] + runs + [0xEE, 0xEE]
        var output = [UInt32](repeating: 0, count: 300)
        let consumed = try prefixed.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            var (decoder, consumed) = try RLEHybridDecoder.lengthPrefixed(buffer, bitWidth: 3)
            try output.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<UInt32>) throws(SluiceError) in
                try decoder.decode(count: 300, into: target.baseAddress!)
            }
            #expect(decoder.bytesConsumed == 3)
            return consumed
        }
        #expect(consumed == 7)
        #expect(output == Array(repeating: 5, count: 300))
        var encoder = RLEHybridEncoder(bitWidth: 3)
        for _ in 0..<300 { encoder.append(5) }
        var framed: [UInt8] = []
        encoder.finishLengthPrefixed(into: &framed)
        #expect(framed == [3, 0, 0, 0] + runs)
        // A length past the end, or no room for the length, throws.
        for bad: [UInt8] in [[9, 0, 0, 0, 1, 2], [1, 0]] {
            #expect(throws: SluiceError.self) {
                try bad.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
                    _ = try RLEHybridDecoder.lengthPrefixed(buffer, bitWidth: 3)
                }
            }
        }
    }

    @Test func bitWidthForMaximum() {
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 0) == 0)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 7) == 3)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 8) == 4)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: .max) == 32)
    }

    /// Random values with long repeats mixed in, at every width, in counts that are not
    /// multiples of 8, read whole and in odd-sized pieces.
    @Test(arguments: Array(0...32))
    func roundTripsAtEveryBitWidth(bitWidth: Int) throws {
        var random = SeededRandom(seed: UInt64(100 + bitWidth))
        for count in [0, 1, 7, 8, 9, 63, 64, 65, 500, 1003, 5000] {
            var values: [UInt32] = []
            while values.count < count {
                let value = UInt32(Support.randomBits(bitWidth, using: &random))
                switch random.next() % 4 {
                case 0: values += Array(repeating: value, count: Int(random.next() % 40))
                case 1: values += Array(repeating: value, count: 8 + Int(random.next() % 3))
                default: values.append(value)
                }
            }
            values = Array(values.prefix(count))
            let encoded = Support.encodeRLE(values, bitWidth: bitWidth)
            #expect(try Support.decodeRLE(encoded, bitWidth: bitWidth, count: count) == values, "width \(bitWidth), \(count) values")
            #expect(
                try Support.decodeRLE(encoded, bitWidth: bitWidth, count: count, chunks: [1, 3, 8, 17, 5, 64]) == values,
                "width \(bitWidth), \(count) values in pieces")
            // Asking for more values than were written throws.
            #expect(throws: SluiceError.self) { _ = try Support.decodeRLE(encoded, bitWidth: bitWidth, count: count + 9) }
        }
    }

    @Test func skipMatchesDecode() throws {
        var random = SeededRandom(seed: 77)
        let values = (0..<3000).map { index in index % 500 < 200 ? 3 : UInt32(random.next() % 8) }
        let encoded = Support.encodeRLE(values, bitWidth: 3)
        for (skip, take) in [(0, 10), (5, 20), (13, 300), (199, 2), (1000, 1500), (2987, 10)] {
            var output = [UInt32](repeating: 0, count: take)
            try encoded.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
                var decoder = RLEHybridDecoder(buffer, bitWidth: 3)
                try decoder.skip(count: 3)
                try decoder.skip(count: skip)
                try output.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<UInt32>) throws(SluiceError) in
                    try decoder.decode(count: take, into: target.baseAddress!)
                }
            }
            #expect(output == Array(values[(skip + 3)..<(skip + 3 + take)]), "skip \(skip)")
        }
    }

    /// Runs of eight or more equal values become RLE runs; the rest groups of eight.
    @Test func encoderChoosesRunsAsParquetMrDoes() {
        // 1, 2, then ten 7s: the first group takes 1, 2 and six 7s; the four 7s left are too few
        // for a run, so a second (padded) group follows: one header and two groups of 3 bytes.
        let mixed: [UInt32] = [1, 2] + Array(repeating: 7, count: 10)
        let encoded = Support.encodeRLE(mixed, bitWidth: 3)
        #expect(encoded.count == 7 && encoded.first == 0b101)
        #expect((try? Support.decodeRLE(encoded, bitWidth: 3, count: mixed.count)) == mixed)
        // 1, 2, then twenty 7s: after the first group, fourteen 7s make an RLE run.
        let withRun: [UInt32] = [1, 2] + Array(repeating: 7, count: 20)
        #expect(Support.encodeRLE(withRun, bitWidth: 3) == [0b11, 0b1101_0001, 0b1111_1111, 0b1111_1111, 14 << 1, 7])
        // A long run costs a header and one value, whatever its length.
        let long = Array(repeating: UInt32(6), count: 100_000)
        #expect(Support.encodeRLE(long, bitWidth: 3).count == 4)
        // Alternating values are bit-packed: 3 bits each plus one header per 63 groups.
        let alternating = (0..<1008).map { UInt32($0 % 2) }
        #expect(Support.encodeRLE(alternating, bitWidth: 1).count == 126 + 2)
    }

    /// Cutting an encoding anywhere either throws or, when only padding was cut, still reads.
    @Test(arguments: [1, 3, 8, 13, 32])
    func everyTruncationThrowsOrReadsTheSameValues(bitWidth: Int) {
        var random = SeededRandom(seed: UInt64(bitWidth))
        let values = (0..<150).map { index in index % 40 < 12 ? 1 : UInt32(Support.randomBits(bitWidth, using: &random)) }
        let encoded = Support.encodeRLE(values, bitWidth: bitWidth)
        for length in 0..<encoded.count {
            do {
                let decoded = try Support.decodeRLE(Array(encoded.prefix(length)), bitWidth: bitWidth, count: values.count)
                #expect(decoded == values, "cut to \(length) of \(encoded.count) bytes read other values")
            } catch {
                #expect(error.code.hasPrefix("parquet.encoding."), "\(error)")
            }
        }
    }

    @Test func corruptRunsThrow() {
        let cases: [([UInt8], Int)] = [
            ([0x02, 0x09], 3),  // an RLE value of 9 does not fit in 3 bits
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], 3),  // a header longer than 32 bits
            ([0x02], 3),  // an RLE run without its value
            ([0x04, 0x01, 0x00], 17),  // a 17-bit value needs 3 bytes
        ]
        // A bit width outside 0…32 (from a damaged dictionary page) throws instead of trapping.
        #expect(throws: SluiceError.self) { _ = try Support.decodeRLE([0x02, 0x01], bitWidth: 33, count: 1) }
        for (bytes, width) in cases {
            #expect(throws: SluiceError.self, "\(bytes)") { _ = try Support.decodeRLE(bytes, bitWidth: width, count: 2) }
        }
    }

    /// Random bytes never crash the decoder.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomBytesNeverCrash(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<2000 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let width = Int(random.next() % 33)
            _ = try? Support.decodeRLE(bytes, bitWidth: width, count: Int(random.next() % 300))
        }
    }
}
