import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// The eight-bytes-at-a-time scans must agree exactly with plain byte loops.
@Suite("SWAR byte scanning")
struct ByteScanningTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func quoteCountMatchesAByteLoop(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 1000] {
            // Bytes drawn from a small alphabet so quotes are frequent, plus every byte value.
            let alphabet: [UInt8] = [0x22, 0x2C, 0x0A, 0x41, 0x00, 0xFF, 0xA2, 0x21, 0x23]
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let expected = bytes.filter { $0 == 0x22 }.count
            #expect(bytes.withUnsafeBytes { CSVChunker.count(0x22, in: $0) } == expected, "length \(length)")
        }
    }

    @Test func zeroByteMaskIsExact() {
        var random = SeededRandom(seed: 9)
        for _ in 0..<10_000 {
            var word = random.next()
            // Plant some zero bytes.
            for byte in 0..<8 where random.next() % 4 == 0 { word &= ~(UInt64(0xFF) << UInt64(byte * 8)) }
            var expected: UInt64 = 0
            for byte in 0..<8 where (word >> UInt64(byte * 8)) & 0xFF == 0 { expected |= UInt64(0x80) << UInt64(byte * 8) }
            #expect(CSVTokenizer.zeroBytes(word) == expected)
        }
    }

    @Test func jsonSpecialByteTestIsExact() {
        for value in 0...255 {
            let byte = UInt8(value)
            let special = byte == 0x22 || byte == 0x5C || byte < 0x20
            for position in 0..<8 {
                // Surround the byte with plain letters.
                var word: UInt64 = 0x6161_6161_6161_6161
                word &= ~(UInt64(0xFF) << UInt64(position * 8))
                word |= UInt64(byte) << UInt64(position * 8)
                #expect(JSONScanner.hasSpecialByte(word) == special, "byte 0x\(String(value, radix: 16)) at \(position)")
            }
        }
    }

    @Test func longUnquotedFieldsSplitCorrectly() throws {
        let folder = try TemporaryFolder()
        let long = String(repeating: "abcdefghij", count: 7)
        let text = "a,b\n\(long),x\(long)\nshort,\(long)y\n"
        let path = try folder.write(text, to: "long.csv")
        let reader = try CSVReader(path: path, options: CSVReadOptions(header: .present))
        let rows = try reader.readAll().flatMap(\.rows)
        #expect(rows == [[.string(long), .string("x" + long)], [.string("short"), .string(long + "y")]])
    }
}
