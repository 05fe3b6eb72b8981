import Foundation
import SluiceTestSupport
import Testing

/// `sluice query --memory-limit`: sizes in the forms people write, clear errors for the rest,
/// and a query that spills prints the same rows as one that does not, leaving no files behind.
@Suite("sluice query --memory-limit")
struct QueryMemoryLimitCLITests {
    /// 100,000 rows with 80,021 keys, new keys coming until late in the input, as SQL.
    static let sql = """
        SELECT k, count(*) AS n, min(label) AS first_label FROM (
          SELECT ((a.x - 1) * 10000 + b.y) * 7919 % 80021 AS k, concat('row-', CAST(b.y AS varchar)) AS label
          FROM UNNEST(sequence(1, 10)) AS a(x) CROSS JOIN UNNEST(sequence(1, 10000)) AS b(y))
        GROUP BY k ORDER BY k
        """

    @Test func aQueryThatSpillsPrintsTheSameRowsAndCleansUp() async throws {
        let spills = try TemporaryFolder()
        let sluice = try BinaryRunner.sluice()
        let reference = try await sluice.run(["query", Self.sql, "--format", "csv"])
        #expect(reference.exitCode == 0, "\(reference)")
        #expect(!reference.stderr.contains("spilled"), "\(reference)")
        let limited = try await sluice.run(["query", Self.sql, "--format", "csv", "--memory-limit", "1MB", "--temp-dir", spills.path])
        #expect(limited.exitCode == 0, "\(limited)")
        #expect(limited.stdout == reference.stdout)
        #expect(limited.stdout.split(separator: "\n").count == 80_022)
        #expect(limited.stderr.contains(" · spilled "), "\(limited)")
        #expect(limited.stderr.contains(" to disk"), "\(limited)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spills.path).isEmpty)
    }

    @Test func theEnvironmentSetsTheLimitAndTheSpillFolder() async throws {
        let spills = try TemporaryFolder()
        let sluice = try BinaryRunner.sluice()
        let result = try await sluice.run(
            ["query", "EXPLAIN ANALYZE " + Self.sql],
            environment: ["SLUICE_MEMORY_LIMIT": "1 MiB", "SLUICE_TEMP_DIR": spills.path])
        let plan = result.stdout.split(separator: "\n").map { String($0.prefix(200)) }.joined(separator: "\n")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("HashAggregate keys=[#0] aggregates=[count(*), min(#1)] spilled="), "\(plan)")
        #expect(result.stdout.contains(" partitions="), "\(plan)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spills.path).isEmpty)
    }

    @Test(arguments: ["2GB", "512MB", "1.5GiB", "3000000", "64 MiB", "1tb"])
    func acceptsSizesWithUnits(size: String) async throws {
        let result = try await BinaryRunner.sluice().run(["query", "SELECT 1 AS one", "--format", "csv", "--memory-limit", size])
        #expect(result.exitCode == 0, "\(size): \(result)")
        #expect(result.stdout == "one\n1\n")
    }

    @Test func refusesWhatIsNotASize() async throws {
        let sluice = try BinaryRunner.sluice()
        let bad = try await sluice.run(["query", "SELECT 1", "--memory-limit", "2XB"])
        #expect(bad.exitCode == 64, "\(bad)")
        #expect(bad.stderr.contains("--memory-limit '2XB' is not a memory size."), "\(bad)")
        #expect(bad.stderr.contains("512MB, 2GB, 1.5GiB"), "\(bad)")
        let small = try await sluice.run(["query", "SELECT 1", "--memory-limit", "10KB"])
        #expect(small.exitCode == 64, "\(small)")
        #expect(small.stderr.contains("--memory-limit '10KB' is 10.0 KB, below the smallest limit, 1.0 MB."), "\(small)")
        let environment = try await sluice.run(["query", "SELECT 1"], environment: ["SLUICE_MEMORY_LIMIT": "lots"])
        #expect(environment.exitCode == 64, "\(environment)")
        #expect(environment.stderr.contains("Error: SLUICE_MEMORY_LIMIT 'lots' is not a memory size."), "\(environment)")
    }

    @Test func helpExplainsTheLimit() async throws {
        let help = try await BinaryRunner.sluice().run(["query", "--help"])
        #expect(help.stdout.contains("--memory-limit <size>"), "\(help)")
        #expect(help.stdout.contains("--temp-dir <path>"), "\(help)")
        #expect(help.stdout.contains("spilling"), "\(help)")
    }
}
