import SluiceTestSupport
import Testing

/// `sluice query`: tables on stdout, CSV/JSON/Parquet results, SQL from a file, the summary
/// on stderr only, and errors that point into the SQL.
@Suite("sluice query")
struct QueryCLITests {
    private func lake() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("""
            {"order_id":1,"category":"books","amount":12.5}
            {"order_id":2,"category":"games","amount":30}
            {"order_id":3,"category":"books","amount":7.5}

            """, to: "orders/dt=2026-11-01/part-0.json")
        try folder.write("""
            {"order_id":4,"category":"games","amount":5}

            """, to: "orders/dt=2026-11-02/part-0.json")
        return folder
    }

    @Test func printsATableAndTheSummaryOnStderr() async throws {
        let folder = try lake()
        let sluice = try BinaryRunner.sluice()
        let sql = "SELECT category, sum(amount) AS revenue FROM read_json('\(folder.file("orders"))/') GROUP BY 1 ORDER BY 1"
        let result = try await sluice.run(["query", sql, "--ascii"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("| books    |    20.0 |"), "\(result)")
        #expect(result.stdout.contains("| games    |    35.0 |"), "\(result)")
        #expect(result.stderr.contains("2 rows in"), "\(result)")
    }

    @Test func writesCSVWithAHeaderAndJSON() async throws {
        let folder = try lake()
        let sluice = try BinaryRunner.sluice()
        let sql = "SELECT order_id, dt FROM read_json('\(folder.file("orders"))/') WHERE dt = '2026-11-02'"
        let csv = try await sluice.run(["query", sql, "--format", "csv"])
        #expect(csv.exitCode == 0, "\(csv)")
        #expect(csv.stdout == "order_id,dt\n4,2026-11-02\n")
        #expect(!csv.stdout.contains("rows in"))
        let json = try await sluice.run(["query", sql, "--format", "json"])
        #expect(json.stdout == #"{"order_id":4,"dt":"2026-11-02"}"# + "\n")
    }

    @Test func readsSQLFromAFileAndWritesParquet() async throws {
        let folder = try lake()
        let sluice = try BinaryRunner.sluice()
        let sqlFile = try folder.write("SELECT count(*) AS orders FROM read_json('\(folder.file("orders"))/')\n", to: "count.sql")
        let output = folder.file("count.parquet")
        let result = try await sluice.run(["query", "-f", sqlFile, "--format", "parquet", "--output", output])
        #expect(result.exitCode == 0, "\(result)")
        let back = try await sluice.run(["query", "SELECT * FROM read_parquet('\(output)')", "--format", "csv"])
        #expect(back.stdout == "orders\n4\n", "\(back)")
    }

    @Test func explainPrintsThePlanLines() async throws {
        let folder = try lake()
        let sluice = try BinaryRunner.sluice()
        let result = try await sluice.run(["query", "EXPLAIN SELECT amount FROM read_json('\(folder.file("orders"))/') WHERE dt = '2026-11-01'"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("Scan read_json("), "\(result)")
        #expect(result.stdout.contains("units=1/2"), "\(result)")
    }

    @Test func errorsPointIntoTheSQL() async throws {
        let folder = try lake()
        let sluice = try BinaryRunner.sluice()
        let result = try await sluice.run(["query", "SELECT amout FROM read_json('\(folder.file("orders"))/')"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("Error: line 1, column 8: Column 'amout' not found. Did you mean 'amount'?"), "\(result)")
        let syntax = try await sluice.run(["query", "SELECT FROM"])
        #expect(syntax.exitCode != 0)
        #expect(syntax.stderr.contains("line 1, column 8"), "\(syntax)")
        let usage = try await sluice.run(["query", "SELECT 1", "--format", "parquet"])
        #expect(usage.exitCode != 0)
        #expect(usage.stderr.contains("--format parquet needs --output PATH"), "\(usage)")
    }
}
