import Dispatch
import SluiceCore
import Synchronization
import Testing

/// Columns made from a dictionary build their buffers only when read, once, on any thread.
@Suite struct DeferredColumnTests {
    static let words = Column(
        type: .string, count: 3, validity: nil, storage: .bytes(offsets: [0, 3, 3, 8], data: Array("redgreen".utf8)))

    @Test func stringsAreGatheredFromTheCodesWithNullsEmpty() {
        var validity = BitmapBuilder(capacity: 5)
        for present in [true, false, true, true, false] { validity.append(present) }
        let column = Column(
            type: .string, count: 5, validity: validity.finish(),
            dictionary: ColumnDictionary(values: Self.words, indices: [2, 2, 0, 1, 0]))
        #expect(column.isDeferred)
        #expect(column.nullCount == 2)
        #expect((0..<5).map { column.value(at: $0) } == [.string("green"), .null, .string("red"), .string(""), .null])
        guard case .bytes(let offsets, let data) = column.storage else {
            Issue.record("strings have byte storage")
            return
        }
        #expect(offsets == [0, 5, 5, 8, 8, 8])
        #expect(data == Array("greenred".utf8))
        #expect(!column.isDeferred)
    }

    @Test func numbersAreGatheredToo() {
        let values = Column(type: .int64, count: 2, validity: nil, storage: .int64([7, 9]))
        let column = Column(type: .int64, count: 4, validity: nil, dictionary: ColumnDictionary(values: values, indices: [1, 0, 0, 1]))
        guard case .int64(let numbers) = column.storage else {
            Issue.record("bigints have int64 storage")
            return
        }
        #expect(numbers == [9, 7, 7, 9])
    }

    @Test func takingRowsGathersCodesNotBytes() {
        let column = Column(type: .string, count: 4, validity: nil, dictionary: ColumnDictionary(values: Self.words, indices: [0, 1, 2, 0]))
        let taken = column.take([3, 2, 2])
        #expect(taken.isDeferred)
        #expect(taken.dictionary?.indices == [0, 2, 2])
        #expect((0..<3).map { taken.value(at: $0) } == [.string("red"), .string("green"), .string("green")])
        #expect(column.isDeferred, "taking rows did not build the source's bytes")
    }

    @Test func anEmptyDictionaryGivesNulls() {
        let none = Column(type: .string, count: 0, validity: nil, storage: .bytes(offsets: [0], data: []))
        let validity = Bitmap(words: [0], count: 3)
        let column = Column(type: .string, count: 3, validity: validity, dictionary: ColumnDictionary(values: none, indices: [0, 0, 0]))
        #expect((0..<3).map { column.value(at: $0) } == [.null, .null, .null])
    }

    @Test func threadsReadingAtOnceSeeOneBuild() {
        let indices = (0..<100_000).map { UInt32($0 % 3) }
        let column = Column(type: .string, count: indices.count, validity: nil, dictionary: ColumnDictionary(values: Self.words, indices: indices))
        let sizes = Mutex<Set<Int>>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            guard case .bytes(_, let data) = column.storage else { return }
            sizes.withLock { _ = $0.insert(data.count) }
        }
        let expected = (100_000 / 3 + 1) * 3 + (100_000 / 3) * 5
        #expect(sizes.withLock { $0 } == [expected])
    }
}
