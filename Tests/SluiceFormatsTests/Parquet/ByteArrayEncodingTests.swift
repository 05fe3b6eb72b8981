import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY: the spec's examples, round trips, appending
/// to values already read, and damaged input.
@Suite("Parquet byte-array encodings")
struct ByteArrayEncodingTests {
    typealias Support = EncodingTestSupport

    private func decodeLengths(_ bytes: [UInt8], count: Int, into values: inout ParquetByteArrays) throws(SluiceError) -> Int {
        try bytes.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            try DeltaLengthByteArray.decode(buffer, count: count, into: &values)
        }
    }

    private func decodeFronts(_ bytes: [UInt8], count: Int, into values: inout ParquetByteArrays) throws(SluiceError) -> Int {
        try bytes.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            try DeltaByteArray.decode(buffer, count: count, into: &values)
        }
    }

    private func encoded(_ strings: [String], fronts: Bool) -> [UInt8] {
        var output: [UInt8] = []
        let values = ParquetByteArrays(strings.map { Array($0.utf8) })
        if fronts { DeltaByteArray.encode(values, into: &output) } else { DeltaLengthByteArray.encode(values, into: &output) }
        return output
    }

    /// Encodings.md: "Hello", "World", "Foobar", "ABCDEF" are the lengths 5, 5, 6, 6 then the bytes.
    @Test func specDeltaLengthExample() throws {
        let strings = ["Hello", "World", "Foobar", "ABCDEF"]
        let bytes = encoded(strings, fronts: false)
        let lengths = Support.encodeDelta([5, 5, 6, 6])
        #expect(bytes == lengths + Array("HelloWorldFoobarABCDEF".utf8))
        var values = ParquetByteArrays()
        #expect(try decodeLengths(bytes + [1, 2], count: 4, into: &values) == bytes.count)
        #expect(Support.strings(values) == strings)
        #expect(values.offsets == [0, 5, 10, 16, 22])
    }

    /// Encodings.md: "axis", "axle", "babble", "babyhood" are prefixes 0, 2, 0, 3 and suffixes
    /// "axis", "le", "babble", "yhood".
    @Test func specDeltaStringsExample() throws {
        let strings = ["axis", "axle", "babble", "babyhood"]
        let bytes = encoded(strings, fronts: true)
        var suffixes: [UInt8] = []
        DeltaLengthByteArray.encode(ParquetByteArrays(["axis", "le", "babble", "yhood"].map { Array($0.utf8) }), into: &suffixes)
        #expect(bytes == Support.encodeDelta([0, 2, 0, 3]) + suffixes)
        var values = ParquetByteArrays()
        #expect(try decodeFronts(bytes + [9], count: 4, into: &values) == bytes.count)
        #expect(Support.strings(values) == strings)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func roundTripsAndAppends(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let alphabet = Array("aab€🎉\u{0}".unicodeScalars.map(String.init))
        for count in [0, 1, 2, 50, 129, 700] {
            var strings: [String] = []
            for _ in 0..<count {
                // Shared prefixes come from reusing the previous string.
                var text = random.next() % 3 == 0 ? "" : String((strings.last ?? "").prefix(Int(random.next() % 6)))
                for _ in 0..<Int(random.next() % 9) { text += alphabet[Int(random.next() % UInt64(alphabet.count))] }
                strings.append(text)
            }
            for fronts in [false, true] {
                let bytes = encoded(strings, fronts: fronts)
                var values = ParquetByteArrays(["before"].map { Array($0.utf8) })
                let consumed = fronts
                    ? try decodeFronts(bytes, count: count, into: &values) : try decodeLengths(bytes, count: count, into: &values)
                #expect(consumed == bytes.count)
                #expect(Support.strings(values) == ["before"] + strings, "seed \(seed), \(count) values, fronts \(fronts)")
            }
        }
    }

    @Test func fixtureStringsFromPyarrowRead() throws {
        for (bytes, fronts) in [(ParquetPageFixtures.deltaLengthStrings, false), (ParquetPageFixtures.deltaStrings, true)] {
            var values = ParquetByteArrays()
            let count = ParquetPageFixtures.strings.count
            let consumed = fronts ? try decodeFronts(bytes, count: count, into: &values) : try decodeLengths(bytes, count: count, into: &values)
            #expect(consumed == bytes.count)
            #expect(Support.strings(values) == ParquetPageFixtures.strings)
        }
    }

    /// Every cut throws, and leaves the values read before untouched.
    @Test func everyTruncationThrowsAndLeavesValuesAlone() {
        let strings = (0..<200).map { "value \($0 / 3) " + String(repeating: "z", count: $0 % 13) }
        for fronts in [false, true] {
            let bytes = encoded(strings, fronts: fronts)
            for length in 0..<bytes.count {
                var values = ParquetByteArrays([Array("kept".utf8)])
                #expect(throws: SluiceError.self, "cut to \(length)") {
                    _ = fronts
                        ? try decodeFronts(Array(bytes.prefix(length)), count: 200, into: &values)
                        : try decodeLengths(Array(bytes.prefix(length)), count: 200, into: &values)
                }
                #expect(values == ParquetByteArrays([Array("kept".utf8)]))
            }
        }
    }

    @Test func emptyValuesRead() throws {
        for fronts in [false, true] {
            var values = ParquetByteArrays()
            _ = fronts
                ? try decodeFronts(encoded(["", "", ""], fronts: true), count: 3, into: &values)
                : try decodeLengths(encoded(["", "", ""], fronts: false), count: 3, into: &values)
            #expect(values.offsets == [0, 0, 0, 0] && values.data.isEmpty)
        }
    }

    @Test func corruptLengthsAndPrefixesThrow() {
        var values = ParquetByteArrays()
        // A negative length.
        let negative = Support.encodeDelta([3, -1]) + Array("abc".utf8)
        #expect(throws: SluiceError.self) { _ = try decodeLengths(negative, count: 2, into: &values) }
        // A count that differs from the header's.
        let three = encoded(["a", "b", "c"], fronts: false)
        #expect(throws: SluiceError.self) { _ = try decodeLengths(three, count: 2, into: &values) }
        // A prefix longer than the previous value.
        var suffixes: [UInt8] = []
        DeltaLengthByteArray.encode(ParquetByteArrays([Array("ab".utf8), Array("c".utf8)]), into: &suffixes)
        #expect(throws: SluiceError.self) { _ = try decodeFronts(Support.encodeDelta([0, 3]) + suffixes, count: 2, into: &values) }
        #expect(throws: SluiceError.self) { _ = try decodeFronts(Support.encodeDelta([1, 0]) + suffixes, count: 2, into: &values) }
        #expect(values == ParquetByteArrays())
    }

    @Test(arguments: [7, 8] as [UInt64])
    func randomBytesNeverCrash(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<2000 {
            var bytes = (0..<Int(random.next() % 80)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if random.next() % 2 == 0 { bytes = [0x80, 0x01, 4, 5, 0] + bytes }
            var values = ParquetByteArrays()
            _ = try? decodeLengths(bytes, count: 5, into: &values)
            _ = try? decodeFronts(bytes, count: 5, into: &values)
        }
    }
}
