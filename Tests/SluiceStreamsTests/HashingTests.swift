import SluiceCore
import Testing

@testable import SluiceStreams

@Suite("Hashing: CRC32C, MD5 and hash keys")
struct HashingTests {
    @Test("CRC32C matches the RFC 3720 check values")
    func crc32c() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum([]) == 0)
        // Continuing from a seed equals checksumming the concatenation.
        let whole = Array("hello, segment log".utf8)
        #expect(CRC32C.checksum(Array(whole[7...]), seed: CRC32C.checksum(Array(whole[..<7]))) == CRC32C.checksum(whole))
    }

    @Test("MD5 matches the RFC 1321 test suite")
    func md5() {
        func hex(_ text: String) -> String {
            MD5.digest(Array(text.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
        #expect(hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(hex("a") == "0cc175b9c0f1b6a831c399e269772661")
        #expect(hex("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0")
        #expect(hex(String(repeating: "1234567890", count: 8)) == "57edf4a22be3c955ac49da2e2107b67a")
    }

    @Test("a partition key's hash key is its MD5 read as a big-endian number")
    func partitionKeyHash() {
        // md5("abc") = 900150983cd24fb0d6963f7d28e17f72
        let expected: UInt128 = 0x9001_5098_3cd2_4fb0_d696_3f7d_28e1_7f72
        #expect(HashKey.of(partitionKey: "abc") == expected)
        #expect(String(HashKey.of(partitionKey: "abc")) == "191415658344158766168031473277922803570")
    }

    @Test("uniform ranges cover the key space exactly as Kinesis cuts it")
    func uniformRanges() throws {
        let four = HashKey.uniformRanges(count: 4)
        #expect(four.map { String($0.lowerBound) } == [
            "0", "85070591730234615865843651857942052864", "170141183460469231731687303715884105728",
            "255211775190703847597530955573826158592",
        ])
        #expect(four.last?.upperBound == UInt128.max)
        for count in [1, 2, 3, 5, 7, 500] {
            let ranges = HashKey.uniformRanges(count: count)
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == .max)
            for (left, right) in zip(ranges, ranges.dropFirst()) { #expect(left.upperBound + 1 == right.lowerBound) }
        }
    }

    @Test("boundaries that two shard counts share are the same numbers")
    func sharedBoundaries() {
        let three = Set(HashKey.uniformRanges(count: 3).map(\.lowerBound))
        let six = Set(HashKey.uniformRanges(count: 6).map(\.lowerBound))
        #expect(three.isSubset(of: six))
        #expect(HashKey.uniformRanges(count: 3).map { String($0.lowerBound) } == [
            "0", "113427455640312821154458202477256070485", "226854911280625642308916404954512140970",
        ])
        #expect(Set(HashKey.uniformRanges(count: 5).map(\.lowerBound)).isSubset(of: Set(HashKey.uniformRanges(count: 10).map(\.lowerBound))))
        #expect(HashKey.uniformRanges(count: 1) == [0...UInt128.max])
    }

    @Test("explicit hash keys must be decimal numbers below 2^128")
    func explicitHashKeys() throws {
        #expect(try HashKey.parse(explicit: "340282366920938463463374607431768211455") == .max)
        #expect(try HashKey.parse(explicit: "0") == 0)
        for bad in ["", "-1", "12a", "340282366920938463463374607431768211456"] {
            #expect(throws: SluiceError.self) { try HashKey.parse(explicit: bad) }
        }
    }

    @Test("sequence numbers are 46 digits that increase with shard and position")
    func sequenceNumbers() throws {
        let first = SequenceNumber(streamCreationMilliseconds: 1_790_000_000_000, shardIndex: 3, position: 41)
        let text = first.description
        #expect(text == "4901790000000000" + "0000000003" + "00000000000000000041")
        #expect(text.count == SequenceNumber.digitCount)
        #expect(try SequenceNumber.parse(text) == first)
        let later = SequenceNumber(streamCreationMilliseconds: 1_790_000_000_000, shardIndex: 3, position: 42)
        #expect(first < later)
        #expect(first.description < later.description)
        let child = SequenceNumber(streamCreationMilliseconds: 1_790_000_000_000, shardIndex: 4, position: 0)
        #expect(later.description < child.description)
        for bad in ["", "12", String(repeating: "9", count: 46), text + "0", "49x" + text.dropFirst(3)] {
            #expect(throws: SluiceError.self) { try SequenceNumber.parse(bad) }
        }
    }
}
