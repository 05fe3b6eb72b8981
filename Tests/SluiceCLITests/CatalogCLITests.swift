import Foundation
import SluiceTestSupport
import Testing

/// `sluice crawl`, `sluice catalog`, `sluice crawler`, `sluice connection` and `sluice query`
/// over catalog tables, each run in its own data directory.
@Suite("sluice catalog, crawl, crawler, connection")
struct CatalogCLITests {
    /// A data directory whose lake holds seed-003-style raw events in hour folders and a
    /// reference CSV.
    private func dataDirectory() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("""
            {"title_id":1,"event":"view"}
            {"title_id":2,"event":"view"}

            """, to: "lake/lake/data/raw/2026/11/21/10/events-0.json")
        try folder.write("{\"title_id\":1,\"event\":\"buy\"}\n", to: "lake/lake/data/raw/2026/11/21/11/events-0.json")
        try folder.write("", to: "lake/lake/data/raw/2026/11/21/11/_SUCCESS")
        try folder.write("title_id,title\n1,Dune\n2,Arrival\n", to: "lake/lake/data/reference/titles.csv")
        return folder
    }

    @Test func crawlThenQueryWithPartitionPruning() async throws {
        let folder = try dataDirectory()
        let sluice = try BinaryRunner.sluice()
        let crawl = try await sluice.run(["crawl", "s3://lake/data/", "--database", "lake", "--data-dir", folder.path])
        #expect(crawl.exitCode == 0, "\(crawl)")
        #expect(crawl.stdout.contains("tables created: raw, reference"), "\(crawl)")
        #expect(crawl.stdout.contains("- split s3://lake/data/: its files sit at different depths (1, 5 folder levels down)"), "\(crawl)")
        #expect(crawl.stdout.contains("- table 'raw' at s3://lake/data/raw/: 2 partition folders 4 levels down with similar schemas"), "\(crawl)")

        let query = try await sluice.run([
            "query", "--data-dir", folder.path, "--format", "csv",
            "SELECT t.title, count(*) AS views FROM lake.raw r JOIN lake.reference t ON r.title_id = t.title_id WHERE r.partition_3 = '10' GROUP BY 1 ORDER BY 1",
        ])
        #expect(query.exitCode == 0, "\(query)")
        #expect(query.stdout == "title,views\nArrival,1\nDune,1\n", "\(query)")

        let explain = try await sluice.run(["query", "--data-dir", folder.path, "EXPLAIN SELECT count(*) FROM lake.raw WHERE partition_3 = '11'"])
        #expect(explain.stdout.contains("Scan lake.raw"), "\(explain)")
        #expect(explain.stdout.contains("units=1/2"), "\(explain)")

        let missing = try await sluice.run(["query", "--data-dir", folder.path, "SELECT * FROM lake.raws"])
        #expect(missing.exitCode != 0)
        #expect(missing.stderr.contains("Table 'lake.raws' not found. Did you mean 'lake.raw'?"), "\(missing)")
    }

    @Test func catalogListingsAsTablesAndJSON() async throws {
        let folder = try dataDirectory()
        let sluice = try BinaryRunner.sluice()
        _ = try await sluice.run(["crawl", "s3://lake/data/", "--database", "lake", "--data-dir", folder.path])
        let databases = try await sluice.run(["catalog", "databases", "--data-dir", folder.path, "--ascii"])
        #expect(databases.stdout.contains("| lake     | 2      |"), "\(databases)")
        let tables = try await sluice.run(["catalog", "tables", "lake", "--data-dir", folder.path, "--ascii"])
        #expect(tables.stdout.contains("| lake.raw       | json   | 2       | partition_0, partition_1, partition_2, partition_3 | 2          | 1       | s3://lake/data/raw/       |"), "\(tables)")
        let table = try await sluice.run(["catalog", "table", "lake.reference", "--data-dir", folder.path, "--ascii"])
        #expect(table.stdout.contains("Table lake.reference: csv, version 1 of 1"), "\(table)")
        #expect(table.stdout.contains("Format options: delimiter=,, skip.header.line.count=1"), "\(table)")
        #expect(table.stdout.contains("| title_id | bigint |"), "\(table)")
        let partitions = try await sluice.run(["catalog", "partitions", "lake.raw", "--data-dir", folder.path, "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(partitions.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 2)
        #expect((decoded?.first?["values"] as? [String: String])?["partition_3"] == "10")
        #expect((decoded?.first?["parameters"] as? [String: String])?["recordCount"] == "2")
        let missing = try await sluice.run(["catalog", "table", "lake.referense", "--data-dir", folder.path])
        #expect(missing.exitCode == 66)
        #expect(missing.stderr.contains("Error: Table 'lake.referense' not found. Did you mean 'reference'?"), "\(missing)")
        let created = try await sluice.run(["catalog", "create-database", "Sales", "--data-dir", folder.path])
        #expect(created.stdout == "Database 'sales' is ready.\n")
    }

    @Test func storedCrawlersRunIncrementallyAndKeepTheirRuns() async throws {
        let folder = try dataDirectory()
        let sluice = try BinaryRunner.sluice()
        let create = try await sluice.run([
            "crawler", "create", "events", "--target", "s3://lake/data/raw/", "--database", "lake",
            "--recrawl", "new-folders-only", "--update-behavior", "log", "--delete-behavior", "log",
            "--schedule", "cron(15 * * * ? *)", "--data-dir", folder.path,
        ])
        #expect(create.exitCode == 0, "\(create)")
        let first = try await sluice.run(["crawler", "run", "events", "--data-dir", folder.path])
        #expect(first.stdout.contains("SUCCEEDED"), "\(first)")
        #expect(first.stdout.contains("Crawled 2 files (opened 2"), "\(first)")
        try folder.write("{\"title_id\":2,\"event\":\"view\"}\n", to: "lake/lake/data/raw/2026/11/21/12/events-0.json")
        let second = try await sluice.run(["crawler", "run", "events", "--data-dir", folder.path])
        #expect(second.stdout.contains("Crawled 1 file (opened 1"), "\(second)")
        #expect(second.stdout.contains("partitions added: 1"), "\(second)")
        let third = try await sluice.run(["crawler", "run", "events", "--data-dir", folder.path])
        #expect(third.stdout.contains("Crawled 0 files (opened 0"), "\(third)")

        let status = try await sluice.run(["crawler", "status", "events", "--data-dir", folder.path])
        #expect(status.stdout.contains("schedule: cron(15 * * * ? *)"), "\(status)")
        #expect(status.stdout.contains("recrawl: CRAWL_NEW_FOLDERS_ONLY"), "\(status)")
        let runs = try await sluice.run(["crawler", "runs", "events", "--data-dir", folder.path, "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 3)
        #expect(decoded?.allSatisfy { $0["state"] as? String == "SUCCEEDED" } == true)
        let list = try await sluice.run(["crawler", "list", "--data-dir", folder.path, "--ascii"])
        #expect(list.stdout.contains("| events  | s3://lake/data/raw/ | lake     |"), "\(list)")

        let badSchedule = try await sluice.run([
            "crawler", "create", "x", "--target", "s3://lake/data/", "--database", "lake", "--schedule", "cron(0 3 * * * *)",
            "--data-dir", folder.path,
        ])
        #expect(badSchedule.exitCode == 64)
        #expect(badSchedule.stderr.contains("exactly one of day-of-month ('*') and day-of-week ('*') must be '?'"), "\(badSchedule)")
    }

    @Test func connectionsAreStoredAndListedWithoutSecrets() async throws {
        let folder = try TemporaryFolder()
        let sluice = try BinaryRunner.sluice()
        let create = try await sluice.run([
            "connection", "create", "appdb", "--type", "postgresql", "--jdbc-url", "jdbc:postgresql://db.internal:5432/app",
            "--user", "app", "--property", "PASSWORD=s3cret-pw", "--require-tls", "--data-dir", folder.path,
        ])
        #expect(create.exitCode == 0, "\(create)")
        #expect(create.stderr.contains("the password is stored in the catalog file"), "\(create)")
        let list = try await sluice.run(["connection", "list", "--data-dir", folder.path, "--format", "json"])
        #expect(list.stdout.contains("\"PASSWORD\" : \"****\""), "\(list)")
        #expect(!list.stdout.contains("s3cret-pw"))
        let table = try await sluice.run(["connection", "list", "--data-dir", folder.path])
        #expect(table.stdout.contains("JDBC_ENFORCE_SSL=true"), "\(table)")
        #expect(!table.stdout.contains("s3cret-pw"))
        let incomplete = try await sluice.run(["connection", "create", "x", "--type", "postgresql", "--user", "u", "--data-dir", folder.path])
        #expect(incomplete.exitCode == 64)
        #expect(incomplete.stderr.contains("Connection 'x' (POSTGRESQL) says neither where the server is nor which database to use."), "\(incomplete)")
    }

    @Test func theDataDirectoryComesFromTheEnvironment() async throws {
        let folder = try dataDirectory()
        let sluice = try BinaryRunner.sluice()
        let crawl = try await sluice.run(["crawl", "s3://lake/data/reference/", "--database", "ref"], environment: ["SLUICE_DATA_DIR": folder.path])
        #expect(crawl.exitCode == 0, "\(crawl)")
        #expect(FileManager.default.fileExists(atPath: folder.file("catalog.sqlite")))
        let query = try await sluice.run(["query", "SELECT title FROM ref.reference ORDER BY title_id", "--format", "csv"], environment: ["SLUICE_DATA_DIR": folder.path])
        #expect(query.stdout == "title\nDune\nArrival\n", "\(query)")
    }
}
