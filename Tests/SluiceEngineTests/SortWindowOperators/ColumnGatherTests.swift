import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport
import Testing

@Suite struct ColumnGatherTests {
    /// Random batches of every type, nested ones included.
    static func randomBatch(seed: UInt64, rows: Int) -> RecordBatch {
        var random = SeededRandom(seed: seed)
        let schema = RandomData.schema(using: &random, fieldCount: 8, allowNested: true)
        return RandomData.batch(schema: schema, rows: rows, nullRate: 0.2, allowNonFinite: true, using: &random)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func concatenatingPiecesGivesTheWhole(seed: UInt64) throws {
        let whole = Self.randomBatch(seed: seed, rows: 150)
        var random = SeededRandom(seed: seed + 10)
        var pieces: [RecordBatch] = []
        var start = 0
        while start < whole.count {
            let size = min(whole.count - start, Int.random(in: 0...70, using: &random))
            pieces.append(whole.take((start..<start + size).map { Int32($0) }))
            start += size
        }
        let joined = try ColumnConcatenation.concatenate(pieces, schema: whole.schema)
        expectBatchesEqual([joined], [whole], "seed \(seed)")
        #expect(try ColumnConcatenation.concatenate([], schema: whole.schema).count == 0)
    }

    /// Pieces of one dictionary-coded column join as codes: the strings are not built.
    @Test func piecesOfOneDictionaryStayCodes() throws {
        let values = Column(type: .string, count: 2, validity: nil, storage: .bytes(offsets: [0, 1, 7], data: Array("M서울".utf8)))
        let whole = Column(type: .string, count: 6, validity: nil, dictionary: ColumnDictionary(values: values, indices: [0, 1, 1, 0, 0, 1]))
        let joined = try ColumnConcatenation.concatenate([whole.take([0, 1, 2]), whole.take([3, 4, 5])], type: .string)
        #expect(joined.isDeferred)
        #expect((0..<6).map { joined.value(at: $0) } == (0..<6).map { whole.value(at: $0) })
        // Different dictionaries (or none) fall back to copying the strings.
        let other = Column(type: .string, count: 1, validity: nil, storage: .bytes(offsets: [0, 1], data: [65]))
        let mixed = try ColumnConcatenation.concatenate([whole.take([1]), other], type: .string)
        #expect(!mixed.isDeferred)
        #expect(mixed.value(at: 1) == .string("A"))
    }

    @Test(arguments: [4, 5] as [UInt64])
    func gatheringFromSeveralSourcesPicksTheRightRows(seed: UInt64) throws {
        let first = Self.randomBatch(seed: seed, rows: 60)
        var random = SeededRandom(seed: seed + 20)
        let second = RandomData.batch(schema: first.schema, rows: 40, nullRate: 0.3, using: &random)
        let count = 200
        let sources = (0..<count).map { _ in UInt32.random(in: 0...1, using: &random) }
        let rows = sources.map { source -> Int32 in
            if Int.random(in: 0..<10, using: &random) == 0 { return -1 }
            return Int32.random(in: 0..<Int32(source == 0 ? 60 : 40), using: &random)
        }
        var columns: [Column] = []
        for index in first.columns.indices {
            columns.append(try ColumnGather.gather(
                [first.columns[index], second.columns[index]], type: first.schema.fields[index].type, sourceOf: sources, rows: rows))
        }
        let gathered = try RecordBatch(schema: first.schema, columns: columns)
        let expected = zip(sources, rows).map { source, row -> [Value] in
            if row < 0 { return first.schema.fields.map { _ in Value.null } }
            return (source == 0 ? first : second).row(Int(row))
        }
        expectRowsEqual(gathered.rows, expected, "seed \(seed)")
    }

    @Test func parallelGatherMatchesPlainGather() throws {
        var random = SeededRandom(seed: 99)
        let schema = RandomData.schema(using: &random, fieldCount: 3, allowNested: false)
        let batch = RandomData.batch(schema: schema, rows: 300, nullRate: 0.2, using: &random)
        // Repeated rows, enough to pass the parallel threshold.
        let rows = (0..<(1 << 16) + 10).map { _ in Int32.random(in: 0..<300, using: &random) }
        let parallel = try ColumnGather.gatherInParallel(batch, rows: rows, threads: 2)
        let plain = try ColumnGather.gather(batch, rows: rows)
        expectBatchesEqual([parallel], [plain])
    }
}
