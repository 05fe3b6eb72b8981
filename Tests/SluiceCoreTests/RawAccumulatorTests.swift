import Testing
@testable import SluiceCore

@Suite("RawAccumulator")
struct RawAccumulatorTests {
    @Test func emptyAppendsBeforeAnyAllocationAndShortAndLongCopies() {
        var bytes = RawAccumulator<UInt8>()
        defer { bytes.deallocate() }
        bytes.append(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(bytes.count == 0)
        let short: [UInt8] = Array("abc".utf8)
        let long: [UInt8] = Array(repeating: 7, count: 1000)
        short.withUnsafeBytes { bytes.append($0) }
        long.withUnsafeBytes { bytes.append($0) }
        #expect(bytes.count == 1003)
        #expect(bytes.takeArray() == short + long)
        #expect(bytes.count == 0)
    }

    @Test func emptyStringInAFreshBuilder() {
        let builder = ColumnBuilder(type: .string)
        builder.append(string: "")
        builder.append(string: "x")
        #expect(builder.finish().values == [.string(""), .string("x")])
    }

    @Test func growsTruncatesAndHandsOutArrays() {
        var numbers = RawAccumulator<Int64>()
        defer { numbers.deallocate() }
        for value in 0..<10_000 { numbers.append(Int64(value)) }
        #expect(numbers[9_999] == 9_999)
        numbers.removeLast(9_000)
        #expect(numbers.last == 999)
        #expect(numbers.takeArray() == (0..<1000).map(Int64.init))
    }
}
