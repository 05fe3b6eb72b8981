import Foundation
import SluiceCatalog
import SluiceCore
import SluiceEngine
import SluiceFormats
import SluiceTestSupport
import Testing

@Suite("Crawler policies, runs and incremental crawls")
struct CrawlerPolicyTests {
    private func dayFile(_ catalog: TestCatalog, _ day: String, _ records: [String]) throws {
        try catalog.lakeFile("lake/events/dt=\(day)/part-0.json", jsonLines(records))
    }

    @Test func aNewDayIsCrawledIncrementallyWithoutOpeningOldFolders() throws {
        let catalog = try TestCatalog()
        try dayFile(catalog, "2026-11-01", [#"{"id":1}"#])
        try dayFile(catalog, "2026-11-02", [#"{"id":2}"#])
        try catalog.store.createCrawler(CrawlerDefinition(
            name: "events-crawler", targets: ["s3://lake/events/"], databaseName: "lake",
            recrawl: .crawlNewFoldersOnly, updateBehavior: .log, deleteBehavior: .log))
        let first = try catalog.crawler.run(named: "events-crawler")
        #expect(first.state == .succeeded)
        #expect(first.report.filesOpened == 2)
        #expect(first.report.tablesCreated == ["events"])

        let unchanged = try catalog.crawler.run(named: "events-crawler")
        #expect(unchanged.report.filesOpened == 0)
        #expect(unchanged.report.filesListed == 0)
        #expect(unchanged.report.partitionsAdded == 0)
        #expect(unchanged.report.tablesCreated.isEmpty)

        // A new day, and an old folder whose file was replaced by garbage: only the new day is opened.
        try dayFile(catalog, "2026-11-03", [#"{"id":3,"extra":"x"}"#])
        try catalog.lakeFile("lake/events/dt=2026-11-01/part-1.json", "not json at all\n")
        let next = try catalog.crawler.run(named: "events-crawler")
        #expect(next.report.filesOpened == 1)
        #expect(next.report.partitionsAdded == 1)
        #expect(next.report.decisions == ["table 'events': 1 new partition folder added (new folders only)"])
        #expect(next.report.logs.contains { $0.contains("has columns the table lacks (extra)") }, "\(next.report.logs)")
        #expect(try catalog.store.partitions(database: "lake", table: "events").map(\.values) == [["2026-11-01"], ["2026-11-02"], ["2026-11-03"]])
        #expect(try catalog.table("lake", "events").version == 1)

        let runs = try catalog.store.runs(crawler: "events-crawler")
        #expect(runs.map(\.id) == [next.id, unchanged.id, first.id])
        #expect(runs.allSatisfy { $0.state == .succeeded && $0.endedAt != nil })
    }

    @Test func newFoldersOnlyNeedsLogPolicies() throws {
        let catalog = try TestCatalog()
        let error = caughtError { () throws(SluiceError) in
            _ = try catalog.store.createCrawler(CrawlerDefinition(
                name: "c", targets: ["s3://lake/x/"], databaseName: "lake", recrawl: .crawlNewFoldersOnly))
        }
        #expect(error?.message == "Crawler 'c' crawls new folders only, so it cannot update schemas.")
    }

    @Test func aSchemaChangeMakesANewVersionOrIsOnlyLogged() throws {
        let catalog = try TestCatalog()
        try dayFile(catalog, "1", [#"{"id":1}"#])
        _ = try catalog.crawl("s3://lake/events/")
        try dayFile(catalog, "2", [#"{"id":2.5}"#])
        let logged = try catalog.crawl("s3://lake/events/") { $0.updateBehavior = .log }
        #expect(logged.tablesUnchangedByPolicy == ["events"])
        #expect(logged.logs.contains("table 'events' would change ('id' bigint → double) but the update behaviour is LOG: left as it is"), "\(logged.logs)")
        #expect(logged.partitionsAdded == 1)
        #expect(try catalog.table("lake", "events").definition.columns == [CatalogColumn("id", .int64)])

        let updated = try catalog.crawl("s3://lake/events/")
        #expect(updated.tablesUpdated == ["events"])
        let versions = try catalog.store.tableVersions(database: "lake", name: "events")
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions[0].definition.columns == [CatalogColumn("id", .int64)])
        #expect(versions[1].definition.columns == [CatalogColumn("id", .float64)])
    }

    @Test func commentsSurviveARecrawl() throws {
        let catalog = try TestCatalog()
        try dayFile(catalog, "1", [#"{"id":1,"a":1,"b":1}"#])
        _ = try catalog.crawl("s3://lake/events/")
        var definition = try catalog.table("lake", "events").definition
        definition.columns[0].comment = "the event's id"
        try catalog.store.updateTable(database: "lake", name: "events", definition: definition)
        try dayFile(catalog, "2", [#"{"id":2,"a":1,"b":1,"kind":"click"}"#])
        _ = try catalog.crawl("s3://lake/events/")
        let columns = try catalog.table("lake", "events").definition.columns
        #expect(columns == [
            CatalogColumn("id", .int64, comment: "the event's id"), CatalogColumn("a", .int64), CatalogColumn("b", .int64),
            CatalogColumn("kind", .string),
        ])
    }

    @Test func tablesWhoseDataIsGoneAreDeprecatedOrDeleted() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/data/a/dt=1/x.json", jsonLines([#"{"a":1,"b":2}"#]))
        try catalog.lakeFile("lake/data/b/y.csv", "k,v\nx,1\ny,2\n")
        try catalog.lakeFile("lake/data/c/z.csv", "k,v\nx,1\ny,2\n")
        _ = try catalog.crawl("s3://lake/data/")
        #expect(try catalog.store.tables(in: "lake").map(\.name) == ["a", "b", "c"])
        FileSystem.removeTree(catalog.folder.file("lake/lake/data/b"))
        try catalog.lakeFile("lake/data/a/dt=2/x.json", jsonLines([#"{"a":3,"b":4}"#]))
        FileSystem.removeTree(catalog.folder.file("lake/lake/data/a/dt=1"))
        let report = try catalog.crawl("s3://lake/data/")
        #expect(report.tablesDeprecated == ["b"])
        #expect(report.partitionsRemoved == 1)
        #expect(try catalog.table("lake", "b").definition.parameters["DEPRECATED_BY_CRAWLER"] == "2027-01-15T08:00:00Z")
        #expect(try catalog.store.partitions(database: "lake", table: "a").map(\.values) == [["2"]])
        let deleted = try catalog.crawl("s3://lake/data/") { $0.deleteBehavior = .deleteFromDatabase }
        #expect(deleted.tablesDeleted == ["b"])
        #expect(try catalog.store.tables(in: "lake").map(\.name) == ["a", "c"])
    }

    @Test func aFailedRunIsRecordedWithItsError() throws {
        let catalog = try TestCatalog()
        try catalog.store.createCrawler(CrawlerDefinition(name: "missing", targets: ["s3://lake/nowhere/"], databaseName: "lake"))
        let run = try catalog.crawler.run(named: "missing")
        #expect(run.state == .failed)
        #expect(run.report.errorMessage?.hasPrefix("The crawl target 's3://lake/nowhere/' does not exist") == true, "\(String(describing: run.report.errorMessage))")
    }

    @Test func aCrawledTableIsQueryableWithPruning() throws {
        let catalog = try TestCatalog()
        try dayFile(catalog, "2026-11-01", [#"{"id":1}"#, #"{"id":2}"#])
        try dayFile(catalog, "2026-11-02", [#"{"id":3}"#])
        _ = try catalog.crawl("s3://lake/events/", database: "default")
        let engine = QueryEngine(
            options: QueryOptions(threads: 2, lakeRoot: catalog.lakeRoot),
            tables: CatalogTableProvider(store: catalog.store, lakeRoot: catalog.lakeRoot, threads: 2))
        #expect(try engine.execute("SELECT sum(id) FROM events WHERE dt = DATE '2026-11-01'").rows == [[.int(3)]])
        #expect(try engine.explain("SELECT id FROM events WHERE dt = '2026-11-02'").contains { $0.contains("units=1/2") })
    }

    /// A query planned while a crawler rewrites the table sees the old or the new table, whole.
    @Test func queriesDuringACrawlSeeTheOldOrTheNewTable() async throws {
        let catalog = try TestCatalog()
        for day in 1...4 { try dayFile(catalog, String(day), [#"{"id":\#(day)}"#]) }
        _ = try catalog.crawl("s3://lake/events/")
        let store = catalog.store
        let lakeRoot = catalog.lakeRoot
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<8 {
                    try dayFile(catalog, String(10 + round), [#"{"id":\#(10 + round),"v\#(round)":1}"#])
                    _ = try catalog.crawl("s3://lake/events/")
                }
            }
            group.addTask {
                let provider = CatalogTableProvider(store: store, lakeRoot: lakeRoot, threads: 1)
                for _ in 0..<40 {
                    guard let source = try provider.table(named: ["lake", "events"]) as? CatalogTableSource else { continue }
                    // Every partition registered with the definition read alongside it has its folder.
                    let columns = source.table.definition.columns.map(\.name)
                    #expect(columns.first == "id")
                    let partitionCount = source.partitions.count
                    let declared = Int(source.table.definition.parameters["objectCount"] ?? "") ?? -1
                    #expect(partitionCount == declared, "definition and partitions read together")
                }
            }
            try await group.waitForAll()
        }
    }
}
