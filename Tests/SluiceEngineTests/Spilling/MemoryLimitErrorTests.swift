import SluiceCore
import SluiceEngine
import SluiceTestSupport
import Testing

/// Operators that keep their input in memory — hash join build sides and windows — fail with
/// an error that names the operator, the bytes and the limit, and says what to do.
@Suite("Memory limit errors")
struct MemoryLimitErrorTests {
    typealias Support = SpillTestSupport

    static func table(in folder: TemporaryFolder) throws -> String {
        try Support.parquet("""
            SELECT i AS id, i % 100 AS k, concat('row-', CAST(i AS varchar)) AS label
            FROM \(SpillTestSupport.numbers(150000))
            """, in: folder, name: "rows.parquet")
    }

    func error(of sql: String, limitBytes: Int) throws -> SluiceError {
        let spills = try TemporaryFolder()
        do throws(SluiceError) {
            let result = try Support.engine(limitBytes: limitBytes, spillFolder: spills).execute(sql)
            Issue.record("expected a memory limit error, got \(result.rowCount) rows")
        } catch {
            #expect(try Support.entries(spills).isEmpty)
            return error
        }
        throw SluiceError.internal("unreachable")
    }

    @Test func aHashJoinBuildSideOverTheLimitNamesTheSizes() throws {
        let folder = try TemporaryFolder()
        let path = try Self.table(in: folder)
        let error = try error(
            of: "SELECT count(*) FROM read_parquet('\(path)') a JOIN read_parquet('\(path)') b ON a.id = b.id", limitBytes: 1_000_000)
        #expect(error.code == "query.memoryLimit")
        #expect(error.domain == .query)
        #expect(error.message.hasPrefix("The hash join's build side (its smaller input, held in memory) needs at least "), "\(error)")
        #expect(error.message.hasSuffix("of memory, more than the query's memory limit of 1.0 MB allows."), "\(error)")
        #expect(error.hint?.hasPrefix("Raise the limit with --memory-limit (or SLUICE_MEMORY_LIMIT), e.g. --memory-limit ") == true)
        #expect(error.hint?.hasSuffix(
            "; hash joins do not spill to disk, so filtering the smaller input or selecting fewer of its columns also helps.") == true,
            "\(error)")
    }

    @Test func aWindowOverTheLimitNamesItsFunctions() throws {
        let folder = try TemporaryFolder()
        let path = try Self.table(in: folder)
        let error = try error(
            of: "SELECT id, row_number() OVER (PARTITION BY k ORDER BY id) AS n FROM read_parquet('\(path)')", limitBytes: 1_000_000)
        #expect(error.code == "query.memoryLimit")
        #expect(error.message.hasPrefix("The window operator computing "), "\(error)")
        #expect(error.message.contains("row_number"), "\(error)")
        #expect(error.message.contains("more than the query's memory limit of 1.0 MB allows"), "\(error)")
        #expect(error.hint?.contains("window functions hold their whole input in memory and do not spill to disk") == true, "\(error)")
    }

    @Test func setOperationsAndNestedLoopJoinsOverTheLimitSaySo() throws {
        let folder = try TemporaryFolder()
        let path = try Self.table(in: folder)
        let intersect = try error(
            of: "SELECT id, label FROM read_parquet('\(path)') INTERSECT SELECT id, label FROM read_parquet('\(path)')",
            limitBytes: 1_000_000)
        #expect(intersect.code == "query.memoryLimit")
        #expect(intersect.message.hasPrefix("INTERSECT, holding the distinct rows of its left input, needs at least "), "\(intersect)")
        let nestedLoop = try error(
            of: "SELECT count(*) FROM read_parquet('\(path)') a JOIN read_parquet('\(path)') b ON a.id < b.k", limitBytes: 1_000_000)
        #expect(nestedLoop.code == "query.memoryLimit")
        #expect(nestedLoop.message.hasPrefix("The nested-loop join's right input (held in memory) needs at least "), "\(nestedLoop)")
        #expect(nestedLoop.hint?.contains("joining on a key equality (a.x = b.y) also helps") == true, "\(nestedLoop)")
    }

    @Test func theSameQueriesRunUnderALargerLimit() throws {
        let folder = try TemporaryFolder()
        let path = try Self.table(in: folder)
        let spills = try TemporaryFolder()
        let engine = Support.engine(limitBytes: 200_000_000, spillFolder: spills)
        let joined = try engine.execute("SELECT count(*) FROM read_parquet('\(path)') a JOIN read_parquet('\(path)') b ON a.id = b.id")
        #expect(joined.rows == [[.int(150_000)]])
        let numbered = try engine.execute(
            "SELECT max(n) FROM (SELECT row_number() OVER (PARTITION BY k ORDER BY id) AS n FROM read_parquet('\(path)'))")
        #expect(numbered.rows == [[.int(1_500)]])
    }
}
