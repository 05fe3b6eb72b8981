import SluiceCore
@testable import SluiceEngine
import SluiceFormats
import SluiceTestSupport
import Testing

/// `ORDER BY` over more rows than the memory limit holds: runs go to disk, the merge streams
/// them back, and the order — ties included — is the in-memory sort's.
@Suite("Sort spills to disk")
struct SpillingSortTests {
    typealias Support = SortWindowTestSupport

    static let schema = Schema([
        Field("name", .string), Field("score", .int32), Field("price", .decimal(precision: 12, scale: 2)),
        Field("ratio", .float64), Field("tag", .int64),
    ])

    /// Rows with few distinct values per column (many ties) and NULLs in every key column.
    static func rows(count: Int, seed: UInt64) -> [[Value]] {
        var random = SeededRandom(seed: seed)
        let columns = [
            Support.values(of: .string, count: count, poolSize: 300, using: &random),
            Support.values(of: .int32, count: count, poolSize: 40, using: &random),
            Support.values(of: .decimal(precision: 12, scale: 2), count: count, poolSize: 25, using: &random),
            Support.values(of: .float64, count: count, poolSize: 30, using: &random),
        ]
        return (0..<count).map { row in columns.map { $0[row] } + [.int(Int64(row))] }
    }

    static let keyLists: [[SortKey]] = [
        [SortKey(column: 0)],
        [SortKey(column: 1, isAscending: false, nullsFirst: true), SortKey(column: 0, isAscending: true, nullsFirst: false)],
        [SortKey(column: 2, isAscending: true, nullsFirst: true), SortKey(column: 3, isAscending: false), SortKey(column: 0, isAscending: false, nullsFirst: true)],
    ]

    @Test(arguments: keyLists.indices)
    func spilledSortEqualsTheInMemorySort(keyList: Int) throws {
        let keys = Self.keyLists[keyList]
        let rows = Self.rows(count: 30_000, seed: 11 + UInt64(keyList))
        var random = SeededRandom(seed: 5)
        let (lanes, laneRows) = try Support.lanes(Self.schema, rows, laneCount: 2, using: &random)
        let expected = Support.referenceSort(laneRows, keys: keys)
        let spills = try TemporaryFolder()
        let context = ExecutionContext(memoryLimitBytes: 1_000_000, spillParentPath: spills.path)
        let sort = PhysicalSort(inputs: lanes, keys: keys, threads: 2, context: context)
        let actual = try Support.drain(sort).rows
        #expect(context.spilledBytes > 0, "the sort should have spilled")
        #expect(sort.spilledBytes > 0)
        #expect(sort.explainLine.contains("runs="), "\(sort.explainLine)")
        // Exactly the reference order: ties keep their lane order (the tag column tells).
        expectRowsEqual(actual, expected, keys.map(\.explainText).joined(separator: ", "))
        #expect(context.memory.reservedBytes == 0, "the sort should give its memory back")
        context.close()
        #expect(try FileSystem.entries(of: spills.path).isEmpty)
    }

    @Test func theMergeSkipsAndStopsAcrossChunksOfRunsOnDisk() throws {
        // Three runs (two on disk, read a chunk at a time, and one in memory) merged with an
        // offset and a limit that fall inside chunks.
        let keys = [SortKey(column: 1), SortKey(column: 0, isAscending: false, nullsFirst: true)]
        let context = ExecutionContext(memoryLimitBytes: 1_000_000)
        let spill = SortSpill(context: context, statistics: SpillStatistics())
        var runs: [SortRun] = []
        var laneRows: [[[Value]]] = []
        for (index, count) in [9_000, 7_000, 5_000].enumerated() {
            let rows = Self.rows(count: count, seed: 40 + UInt64(index))
            laneRows.append(rows)
            let run = try SortedRun(batch: Support.batch(Self.schema, rows), keys: keys, threads: 1)
            runs.append(index < 2 ? .disk(try spill.write(run, schema: Self.schema)) : .memory(run))
        }
        if case .disk(let file) = runs[0] { #expect(file.chunkCount > 3, "the run should span several chunks") }
        let reference = Support.referenceSort(laneRows, keys: keys)
        for (offset, limit) in [(0, nil), (1_234, 5_000), (20_000, 10)] as [(Int, Int?)] {
            let merger = try RunMerger(
                runs: runs, schema: Self.schema, keys: keys, firstKeyDecides: false, offset: offset, limit: limit,
                reservation: MemoryReservation(context.memory))
            var actual: [[Value]] = []
            while let batch = try merger.next() {
                #expect(batch.count > 0)
                actual += batch.rows
            }
            let end = limit.map { min(reference.count, offset + $0) } ?? reference.count
            let expected = Array(reference[offset..<end])
            expectRowsEqual(actual, expected, "offset \(offset) limit \(String(describing: limit))")
        }
    }

    @Test func manyRunsMergeInSeveralPasses() throws {
        // A tiny limit and wide rows: more runs than one merge may read at once.
        let keys = [SortKey(column: 3, isAscending: false, nullsFirst: true), SortKey(column: 4)]
        let rows = Self.rows(count: 50_000, seed: 21)
        var random = SeededRandom(seed: 2)
        let (lanes, laneRows) = try Support.lanes(Self.schema, rows, laneCount: 2, using: &random)
        let context = ExecutionContext(memoryLimitBytes: 1_000_000)
        let spill = SortSpill(context: context, statistics: SpillStatistics())
        let sort = PhysicalSort(inputs: lanes, keys: keys, threads: 2, context: context)
        let actual = try Support.drain(sort).rows
        let runs = Int(sort.explainLine.split(separator: "runs=").last ?? "") ?? 0
        #expect(runs > spill.maximumMergeWidth, "\(sort.explainLine), merge width \(spill.maximumMergeWidth)")
        expectRowsEqual(actual, Support.referenceSort(laneRows, keys: keys), "many runs")
    }

    @Test func sqlOrderByOverASpillingSortMatchesTheInMemoryOne() throws {
        let data = try TemporaryFolder()
        let spills = try TemporaryFolder()
        let path = try SpillTestSupport.parquet("""
            SELECT i AS id, CASE WHEN i % 13 = 0 THEN NULL ELSE concat('c', CAST(i % 577 AS varchar)) END AS city,
                   CASE WHEN i % 17 = 0 THEN NULL ELSE i % 91 END AS bucket, CAST(i % 1000 AS double) / 8 AS amount
            FROM \(SpillTestSupport.numbers(100000))
            """, in: data, name: "orders.parquet")
        let sql = "SELECT * FROM read_parquet('\(path)') ORDER BY bucket DESC NULLS FIRST, city ASC NULLS LAST, id"
        let expected = try SpillTestSupport.unlimited().execute(sql)
        let engine = SpillTestSupport.engine(limitBytes: 2_000_000, spillFolder: spills)
        let actual = try engine.execute(sql)
        #expect(actual.spilledBytes > 0)
        expectRowsEqual(actual.rows, expected.rows, "ORDER BY")
        let plan = try SpillTestSupport.analyze(sql, engine: engine)
        #expect(plan.contains { $0.hasPrefix("Sort") && $0.contains("spilled=") }, "\(plan.joined(separator: "\n"))")
        #expect(try SpillTestSupport.entries(spills).isEmpty)
    }
}
