import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// Data pages pyarrow wrote (see ``ParquetPageFixtures``) decode to the values it was given.
@Suite("Parquet pages from pyarrow")
struct ParquetEncodingFixtureTests {
    typealias Support = EncodingTestSupport

    @Test func deltaEncodedPagesReadAndOurEncodersWriteTheSameBytes() throws {
        let (int64s, consumed) = try Support.decodeDelta(ParquetPageFixtures.deltaInt64)
        #expect(int64s == ParquetPageFixtures.int64Values(200))
        #expect(consumed == ParquetPageFixtures.deltaInt64.count)
        #expect(try Support.decodeDelta32(ParquetPageFixtures.deltaInt32) == ParquetPageFixtures.int32Values(300))
        #expect(try Support.decodeDelta(Support.encodeDelta(int64s)).values == int64s)
        // Byte for byte what pyarrow writes (its INT64 pages use blocks of 256, so those differ).
        #expect(Support.encodeDelta32(ParquetPageFixtures.int32Values(300)) == ParquetPageFixtures.deltaInt32)
        let strings = ParquetByteArrays(ParquetPageFixtures.strings.map { Array($0.utf8) })
        var lengths: [UInt8] = []
        DeltaLengthByteArray.encode(strings, into: &lengths)
        #expect(lengths == ParquetPageFixtures.deltaLengthStrings)
        var fronts: [UInt8] = []
        DeltaByteArray.encode(strings, into: &fronts)
        #expect(fronts == ParquetPageFixtures.deltaStrings)
        var plain: [UInt8] = []
        ParquetPageFixtures.booleans.withUnsafeBufferPointer { PlainBooleans.encode($0, into: &plain) }
        #expect(plain == ParquetPageFixtures.plainBooleans)
    }

    /// An optional INT32 column, dictionary-encoded in a v1 page: definition levels behind a
    /// 4-byte length, then the indices' bit width and the indices.
    @Test func dictionaryPageWithNulls() throws {
        let expected = ParquetPageFixtures.dictionaryValues
        let page = ParquetPageFixtures.dictionaryPage
        var levels = [UInt32](repeating: 0, count: expected.count)
        let present = expected.compactMap { $0 }
        var indices = [UInt32](repeating: 0, count: present.count)
        try page.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            var (levelDecoder, consumed) = try RLEHybridDecoder.lengthPrefixed(buffer, bitWidth: 1)
            try levels.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<UInt32>) throws(SluiceError) in
                try levelDecoder.decode(count: expected.count, into: target.baseAddress!)
            }
            let bitWidth = Int(buffer[consumed])
            #expect(bitWidth == 3)
            var indexDecoder = RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: buffer[(consumed + 1)...]), bitWidth: bitWidth)
            try indices.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<UInt32>) throws(SluiceError) in
                try indexDecoder.decode(count: present.count, into: target.baseAddress!)
            }
        }
        #expect(levels == expected.map { $0 == nil ? 0 : 1 })
        #expect(indices == present.map { UInt32($0) })
        // Our encoder writes the same bytes.
        var levelEncoder = RLEHybridEncoder(bitWidth: 1)
        levels.withUnsafeBufferPointer { levelEncoder.append($0) }
        var rewritten: [UInt8] = []
        levelEncoder.finishLengthPrefixed(into: &rewritten)
        rewritten.append(3)
        rewritten += Support.encodeRLE(indices, bitWidth: 3)
        #expect(rewritten == page)
    }
}
