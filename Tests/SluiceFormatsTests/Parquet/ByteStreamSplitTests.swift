import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// BYTE_STREAM_SPLIT at the fast widths (2, 4, 8) and any other fixed width.
@Suite("Parquet BYTE_STREAM_SPLIT")
struct ByteStreamSplitTests {
    private func decode(_ bytes: [UInt8], width: Int, from first: Int = 0, count: Int) throws(SluiceError) -> [UInt8] {
        var output = [UInt8](repeating: 0xEE, count: count * width)
        try bytes.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            try output.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) in
                Result { () throws(SluiceError) in
                    try ByteStreamSplit.decode(buffer, width: width, from: first, count: count, into: target.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 8)!)
                }
            }.get()
        }
        return output
    }

    private func encode(_ bytes: [UInt8], width: Int) -> [UInt8] {
        var output: [UInt8] = []
        bytes.withUnsafeBytes { ByteStreamSplit.encode($0, width: width, into: &output) }
        return output
    }

    /// Encodings.md: AA BB CC DD 00 11 22 33 A3 B4 C5 D6 split into AA 00 A3 BB 11 B4 CC 22 C5 DD 33 D6.
    @Test func specExample() throws {
        let values: [UInt8] = [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6]
        let split: [UInt8] = [0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6]
        #expect(encode(values, width: 4) == split)
        #expect(try decode(split, width: 4, count: 3) == values)
        #expect(try decode(split, width: 4, from: 1, count: 2) == Array(values[4...]))
    }

    @Test(arguments: [1, 2, 3, 4, 5, 8, 12, 16])
    func roundTripsAtWidth(width: Int) throws {
        var random = SeededRandom(seed: UInt64(width))
        for count in [0, 1, 7, 100, 1001] {
            let values = (0..<(count * width)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let split = encode(values, width: width)
            #expect(split.count == values.count)
            #expect(try decode(split, width: width, count: count) == values, "width \(width), \(count) values")
            if count > 3 {
                #expect(try decode(split, width: width, from: 2, count: count - 3) == Array(values[(2 * width)..<((count - 1) * width)]))
            }
        }
    }

    @Test func pyarrowFloatsAndDoublesRead() throws {
        let expected = (0..<10).map { Double($0) * 1.5 - 7.25 }
        let floats = try decode(ParquetPageFixtures.splitFloats, width: 4, count: 10)
        let doubles = try decode(ParquetPageFixtures.splitDoubles, width: 8, count: 10)
        #expect(floats.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) } == expected.map(Float.init))
        #expect(doubles.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) } == expected)
    }

    @Test func wrongSizesThrow() {
        #expect(throws: SluiceError.self) { _ = try decode([1, 2, 3, 4, 5], width: 4, count: 1) }
        #expect(throws: SluiceError.self) { _ = try decode([1, 2, 3, 4], width: 4, count: 2) }
        #expect(throws: SluiceError.self) { _ = try decode([1, 2, 3, 4], width: 4, from: 1, count: 1) }
        #expect(throws: SluiceError.self) { _ = try decode([1, 2, 3, 4], width: 0, count: 0) }
    }
}
