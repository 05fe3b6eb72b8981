import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// PLAIN booleans, to and from `Bool`s and a ``Bitmap``'s words at any bit position, and RLE
/// booleans as pyarrow writes them.
@Suite("Parquet booleans")
struct PlainBooleansTests {
    @Test(arguments: [1, 2] as [UInt64])
    func roundTripsThroughBoolsAndWords(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for count in [0, 1, 7, 8, 9, 63, 64, 65, 200] {
            let values = (0..<count).map { _ in random.next() % 3 == 0 }
            var encoded: [UInt8] = []
            values.withUnsafeBufferPointer { PlainBooleans.encode($0, into: &encoded) }
            #expect(encoded.count == (count + 7) / 8)

            var bools = [Bool](repeating: false, count: count)
            let consumed = try encoded.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
                try bools.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<Bool>) throws(SluiceError) in
                    try PlainBooleans.decode(buffer, count: count, into: target.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
                }
            }
            #expect(consumed == encoded.count)
            #expect(bools == values)

            for position in [0, 1, 5, 63, 64, 100] {
                // Bits before `position` are kept, bits after are overwritten.
                var words: [UInt64] = [0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF]
                _ = try encoded.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
                    try PlainBooleans.decode(buffer, count: count, into: &words, at: position)
                }
                let bitmap = Bitmap(words: words, count: position + count)
                #expect((0..<position).allSatisfy { bitmap[$0] }, "position \(position)")
                #expect((0..<count).map { bitmap[position + $0] } == values, "position \(position), \(count) values")
                var reencoded: [UInt8] = []
                if position == 0 {
                    words.withUnsafeBufferPointer { PlainBooleans.encode(words: $0, count: count, into: &reencoded) }
                    #expect(reencoded == encoded)
                }
            }
        }
        #expect(throws: SluiceError.self) {
            try [UInt8(1)].withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
                var words: [UInt64] = []
                try PlainBooleans.decode(buffer, count: 9, into: &words, at: 0)
            }
        }
    }

    @Test func pyarrowBooleansRead() throws {
        let expected = ParquetPageFixtures.booleans
        var words: [UInt64] = []
        let consumed = try ParquetPageFixtures.plainBooleans.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            try PlainBooleans.decode(buffer, count: expected.count, into: &words, at: 0)
        }
        #expect(consumed == ParquetPageFixtures.plainBooleans.count)
        let bitmap = Bitmap(words: words, count: expected.count)
        #expect((0..<expected.count).map { bitmap[$0] } == expected)

        // RLE booleans: the length-prefixed hybrid at bit width 1.
        var levels = [UInt32](repeating: 7, count: expected.count)
        try ParquetPageFixtures.rleBooleans.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            var (decoder, consumed) = try RLEHybridDecoder.lengthPrefixed(buffer, bitWidth: 1)
            #expect(consumed == buffer.count)
            try levels.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<UInt32>) throws(SluiceError) in
                try decoder.decode(count: expected.count, into: target.baseAddress!)
            }
        }
        #expect(levels.map { $0 == 1 } == expected)
        var encoder = RLEHybridEncoder(bitWidth: 1)
        levels.withUnsafeBufferPointer { encoder.append($0) }
        var rewritten: [UInt8] = []
        encoder.finishLengthPrefixed(into: &rewritten)
        #expect(rewritten == ParquetPageFixtures.rleBooleans)
    }
}
