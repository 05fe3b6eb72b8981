import SluiceCore
import SluiceEngine
import SluiceTestSupport
import Testing

/// `GROUP BY` over more groups than the memory limit holds: the result equals the in-memory
/// one for every aggregate kind, spilling really happened, and the spill folder is gone after.
@Suite("Hash aggregation spills to disk")
struct SpillingAggregationTests {
    typealias Support = SpillTestSupport

    /// 120,000 rows in three row groups: an integer key with ~60,000 values and NULLs, a string key
    /// with ~45,000 values and NULLs, and columns for every aggregate kind. Amounts are multiples of
    /// 0.25, so float sums are exact in any order. Made once, shared by the tests that read it.
    static let shared = Result { () throws -> (folder: TemporaryFolder, path: String) in
        let folder = try TemporaryFolder()
        return (folder, try table(in: folder))
    }

    static func table(in folder: TemporaryFolder, rows: Int = 120_000) throws -> String {
        try Support.parquet("""
            SELECT
              CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 7919) % 60013 END AS k,
              CASE WHEN i % 89 = 0 THEN NULL ELSE concat('key-', CAST((i * 31) % 45007 AS varchar)) END AS s,
              i AS id,
              i % 1000 AS v,
              CASE WHEN i % 11 = 0 THEN NULL ELSE concat('name-', CAST((i * 13) % 5003 AS varchar)) END AS name,
              i % 7 = 0 AS flag,
              CAST(i % 100 AS double) / 4 AS amount
            FROM \(SpillTestSupport.numbers(rows))
            """, in: folder, name: "groups.parquet")
    }

    static let aggregates = """
        count(*) AS rows, count(name) AS names, sum(v) AS total, avg(v) AS mean, min(name) AS first_name,
        max(name) AS last_name, count(DISTINCT v) AS distinct_values, approx_distinct(v) AS approx_values,
        bool_and(flag) AS all_flags, bool_or(flag) AS any_flag, sum(amount) AS amount, min(id) AS first_id, max(id) AS last_id
        """

    @Test(arguments: ["k", "s", "k, s"])
    func groupsMatchTheInMemoryResult(keys: String) throws {
        let spills = try TemporaryFolder()
        let path = try Self.shared.get().path
        let sql = "SELECT \(keys), \(Self.aggregates) FROM read_parquet('\(path)') GROUP BY \(keys)"
        let expected = try Support.unlimited().execute(sql)
        let actual = try Support.engine(limitBytes: 2_000_000, spillFolder: spills).execute(sql)
        #expect(expected.spilledBytes == 0)
        #expect(actual.spilledBytes > 0, "the aggregation should have spilled")
        #expect(actual.rowCount == expected.rowCount)
        #expect(actual.rowCount > 30_000)
        HashTestSupport.expectSameRows(actual.rows, expected.rows, "GROUP BY \(keys)")
        #expect(try Support.entries(spills).isEmpty, "the spill folder should be removed")
    }

    @Test func distinctOnlyAggregatesSpillInBothGroupings() throws {
        // count(DISTINCT x) alone becomes two aggregations (by k and x, then by k): both spill.
        let spills = try TemporaryFolder()
        let path = try Self.shared.get().path
        let sql = "SELECT s, count(DISTINCT id) AS ids FROM read_parquet('\(path)') GROUP BY s"
        let expected = try Support.unlimited().execute(sql)
        let engine = Support.engine(limitBytes: 2_000_000, spillFolder: spills)
        let actual = try engine.execute(sql)
        #expect(actual.spilledBytes > 0)
        HashTestSupport.expectSameRows(actual.rows, expected.rows, "count(DISTINCT id) by s")
        let plan = try Support.analyze(sql, engine: engine)
        #expect(plan.filter { $0.contains("HashAggregate") && $0.contains("spilled=") }.count == 2, "\(plan.joined(separator: "\n"))")
    }

    @Test func aPartitionThatDoesNotFitIsSplitAgain() throws {
        // 300,000 distinct keys under 1 MB: a sixteenth of them still does not fit, so partitions
        // split by the next hash bits.
        let data = try TemporaryFolder()
        let spills = try TemporaryFolder()
        let path = try Support.parquet(
            "SELECT i AS k, i % 10 AS v, concat('n', CAST(i AS varchar)) AS name FROM \(SpillTestSupport.numbers(300000))",
            in: data, name: "wide.parquet", rowGroupRows: 60_000)
        let sql = "SELECT k, sum(v) AS total, max(name) AS name FROM read_parquet('\(path)') GROUP BY k"
        let engine = Support.engine(limitBytes: 1_000_000, spillFolder: spills)
        let plan = try Support.analyze(sql, engine: engine)
        let line = try #require(plan.first { $0.contains("HashAggregate") })
        #expect(line.contains("spilled="), "\(line)")
        #expect(!line.contains("levels=1"), "expected a second level: \(line)")
        #expect(plan.last?.contains("spilled=") == true, "\(plan.joined(separator: "\n"))")
        let result = try engine.execute(sql)
        #expect(result.rowCount == 300_000)
        let sums = result.rows.reduce(Int64(0)) { total, row in
            if case .int(let value) = row[1] { return total + value }
            return total
        }
        #expect(sums == Int64(30_000 * 45))
        #expect(try Support.entries(spills).isEmpty)
    }

    @Test func aggregatesWithoutKeysNeverSpill() throws {
        let spills = try TemporaryFolder()
        let path = try Self.shared.get().path
        let sql = "SELECT count(*), sum(v), min(name), max(name), approx_distinct(id) FROM read_parquet('\(path)')"
        let expected = try Support.unlimited().execute(sql)
        let actual = try Support.engine(limitBytes: 1_000_000, spillFolder: spills).execute(sql)
        #expect(actual.spilledBytes == 0)
        #expect(actual.rows == expected.rows)
    }

    @Test func aReaderDroppedEarlyRemovesItsSpillFolder() throws {
        let spills = try TemporaryFolder()
        let path = try Self.shared.get().path
        let engine = Support.engine(limitBytes: 1_000_000, spillFolder: spills)
        var stream: QueryStream? = try engine.start("SELECT k, count(*) FROM read_parquet('\(path)') GROUP BY k")
        #expect(try stream?.next() != nil)
        // Partitions still to aggregate wait on disk.
        let during = try Support.entries(spills)
        #expect(during.count == 1 && during.allSatisfy { $0.hasPrefix("sluice-spill-") }, "\(during)")
        stream = nil
        #expect(try Support.entries(spills).isEmpty)
    }
}
