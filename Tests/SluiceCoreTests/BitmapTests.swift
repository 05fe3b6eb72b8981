import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct BitmapTests {
    @Test(arguments: [0, 1, 5, 63, 64, 65, 127, 128, 129, 200])
    func repeatingSetsExactlyCountBits(count: Int) {
        let ones = Bitmap(repeating: true, count: count)
        #expect(ones.count == count)
        #expect(ones.setCount == count)
        #expect(ones.words.count == (count + 63) / 64)
        #expect((0..<count).allSatisfy { ones[$0] })
        // Bits past `count` stay clear, so a word-wise popcount agrees with setCount.
        #expect(ones.words.reduce(0) { $0 + $1.nonzeroBitCount } == count)
        let zeros = Bitmap(repeating: false, count: count)
        #expect(zeros.setCount == 0)
        #expect((0..<count).allSatisfy { !zeros[$0] })
    }

    @Test func setCountIgnoresBitsPastTheEnd() {
        // Garbage above `count` in the last, partial word must not count.
        let bitmap = Bitmap(words: [~0, 0b1011 | (0xFF << 10)], count: 64 + 4)
        #expect(bitmap.setCount == 64 + 3)
        #expect(Bitmap(words: [~0], count: 10).setCount == 10)
        #expect(Bitmap(words: [], count: 0).setCount == 0)
    }

    @Test func equalityComparesOnlyTheFirstCountBits() {
        #expect(Bitmap(words: [0b0101], count: 3) == Bitmap(words: [0b1101], count: 3))
        #expect(Bitmap(words: [0b0101], count: 4) != Bitmap(words: [0b1101], count: 4))
        #expect(Bitmap(repeating: true, count: 3) != Bitmap(repeating: true, count: 4))
    }

    @Test func builderAppendsBitsAndRuns() {
        var builder = BitmapBuilder()
        builder.append(true)
        builder.append(false, count: 70)  // crosses a word boundary without touching bits
        builder.append(true)
        builder.append(true, count: 3)
        builder.append(false, count: 0)
        builder.append(false)
        builder.append(false, count: 57)  // the bits after it start a third word
        builder.append(true)
        let bitmap = builder.finish()
        var expected = [true] + Array(repeating: false, count: 70) + [true, true, true, true, false]
        expected += Array(repeating: false, count: 57) + [true]
        #expect(bitmap.count == expected.count)
        #expect((0..<bitmap.count).map { bitmap[$0] } == expected)
        #expect(bitmap.setCount == 6)
        #expect(builder.count == 0 && builder.words.isEmpty)
    }

    @Test func builderMatchesAReferenceForRandomRuns() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<200 {
            var builder = BitmapBuilder(capacity: 10)
            var expected: [Bool] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                let bit = Bool.random(using: &random)
                if Bool.random(using: &random) {
                    builder.append(bit)
                    expected.append(bit)
                } else {
                    let run = Int.random(in: 0...130, using: &random)
                    builder.append(bit, count: run)
                    expected += Array(repeating: bit, count: run)
                }
            }
            let bitmap = builder.finish()
            #expect(bitmap.count == expected.count)
            #expect((0..<bitmap.count).map { bitmap[$0] } == expected)
            #expect(bitmap.setCount == expected.filter { $0 }.count)
            #expect(bitmap.words.count == (expected.count + 63) / 64)
        }
    }
}
