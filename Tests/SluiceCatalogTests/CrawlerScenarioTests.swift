import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import SluiceFormats
import Testing

@Suite("Crawler scenarios: partitions, merging, splitting, formats")
struct CrawlerScenarioTests {
    @Test func hivePartitionsByDateBecomeOneTableWithADateKey() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/orders/dt=2026-11-01/part-0.json", jsonLines([#"{"order_id":1,"amount":12.5}"#, #"{"order_id":2,"amount":3}"#]))
        try catalog.lakeFile("lake/orders/dt=2026-11-02/part-0.json", jsonLines([#"{"order_id":3,"amount":7.25}"#]))
        let report = try catalog.crawl("s3://lake/orders/")
        #expect(report.tablesCreated == ["orders"])
        #expect(report.partitionsAdded == 2)
        #expect(report.filesListed == 2)
        #expect(report.filesOpened == 2)
        let table = try catalog.table("lake", "orders")
        let definition = table.definition
        #expect(definition.columns == [CatalogColumn("order_id", .int64), CatalogColumn("amount", .float64)])
        #expect(definition.partitionKeys == [CatalogColumn("dt", .date)])
        #expect(definition.location == "s3://lake/orders/")
        #expect(definition.classification == .json)
        #expect(definition.parameters["recordCount"] == "3")
        #expect(definition.parameters["objectCount"] == "2")
        #expect(definition.parameters["compressionType"] == "none")
        #expect(definition.parameters["crawlerName"] == Crawler.oneShotName)
        #expect(definition.parameters["lastCrawled"] == "2027-01-15T08:00:00Z")
        let partitions = try catalog.store.partitions(database: "lake", table: "orders")
        #expect(partitions.map(\.values) == [["2026-11-01"], ["2026-11-02"]])
        #expect(partitions.map(\.location) == ["s3://lake/orders/dt=2026-11-01/", "s3://lake/orders/dt=2026-11-02/"])
        #expect(partitions[0].parameters["recordCount"] == "2")
        #expect(report.decisions.contains { $0.hasPrefix("table 'orders' at s3://lake/orders/: 2 partition folders 1 level down with similar schemas") })
    }

    @Test func unnamedHourFoldersBecomeStringPartitions() throws {
        let catalog = try TestCatalog()
        for hour in ["09", "10"] {
            try catalog.lakeFile("lake/data/raw/2026/11/21/\(hour)/events-\(hour).json", jsonLines([#"{"title_id":7,"event":"view"}"#]))
        }
        let report = try catalog.crawl("s3://lake/data/raw/")
        #expect(report.tablesCreated == ["raw"])
        let definition = try catalog.table("lake", "raw").definition
        #expect(definition.partitionKeys.map(\.name) == ["partition_0", "partition_1", "partition_2", "partition_3"])
        #expect(definition.partitionKeys.allSatisfy { $0.type == .string })
        let partitions = try catalog.store.partitions(database: "lake", table: "raw")
        #expect(partitions.map(\.values) == [["2026", "11", "21", "09"], ["2026", "11", "21", "10"]])
    }

    @Test func similarJSONSchemasMergeWithWidening() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/events/dt=1/a.json", jsonLines([#"{"id":1,"price":3,"name":"a"}"#]))
        try catalog.lakeFile("lake/events/dt=2/b.json", jsonLines([#"{"id":2,"price":3.5,"name":"b","coupon":"X"}"#]))
        let report = try catalog.crawl("s3://lake/events/")
        #expect(report.tablesCreated == ["events"])
        let definition = try catalog.table("lake", "events").definition
        #expect(definition.columns == [
            CatalogColumn("id", .int64), CatalogColumn("price", .float64), CatalogColumn("name", .string), CatalogColumn("coupon", .string),
        ])
        #expect(definition.partitionKeys == [CatalogColumn("dt", .int32)])
        #expect(report.decisions.contains { $0.contains("2 distinct schemas; the least similar, 'dt=1', has 3 of the 4 merged columns (75% > 70%)") }, "\(report.decisions)")
    }

    @Test func dissimilarDatasetsSplitIntoTablesWithTheReason() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/data/users/dt=1/u.json", jsonLines([#"{"user_id":1,"gender":"f","city":"Seoul"}"#]))
        try catalog.lakeFile("lake/data/orders/dt=1/o.json", jsonLines([#"{"order_id":1,"amount":2.5,"category":"books"}"#]))
        let report = try catalog.crawl("s3://lake/data/")
        #expect(report.tablesCreated.sorted() == ["orders", "users"])
        #expect(report.decisions.first == "split s3://lake/data/: schemas not similar enough for one table (2 distinct schemas; the least similar, 'orders/dt=1', has 3 of the 6 merged columns (50% ≤ 70%)); set CombineCompatibleSchemas to keep them together")
        #expect(try catalog.table("lake", "users").definition.partitionKeys == [CatalogColumn("dt", .int32)])

        // Combining compatible schemas keeps them in one table, the folders as partition_0.
        let combined = try TestCatalog()
        try combined.lakeFile("lake/data/users/dt=1/u.json", jsonLines([#"{"user_id":1}"#]))
        try combined.lakeFile("lake/data/orders/dt=1/o.json", jsonLines([#"{"order_id":1}"#]))
        let one = try combined.crawl("s3://lake/data/") { $0.combineCompatibleSchemas = true }
        #expect(one.tablesCreated == ["data"])
        #expect(try combined.table("lake", "data").definition.partitionKeys.map(\.name) == ["partition_0", "dt"])
    }

    @Test func differentFormatsAndDepthsSplit() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/data/raw/2026/11/e.json", jsonLines([#"{"title_id":1,"n":2}"#]))
        try catalog.lakeFile("lake/data/reference/titles.csv", "title_id,title\n1,Dune\n2,Arrival\n")
        try catalog.lakeFile("lake/data/other/dt=1/x.csv", "a,b\n1,2\n3,4\n")
        try catalog.lakeFile("lake/data/other/dt=2/y.json", jsonLines([#"{"a":1,"b":2}"#]))
        let report = try catalog.crawl("s3://lake/data/")
        // As in Glue, tables split below a folder are named after their own folders (dt=1 → dt_1).
        #expect(report.tablesCreated.sorted() == ["dt_1", "dt_2", "raw", "reference"])
        #expect(report.decisions.first == "split s3://lake/data/: its files sit at different depths (1, 2, 3 folder levels down)")
        #expect(report.decisions.contains { $0.hasPrefix("split s3://lake/data/other/: its files are not compatible (csv delimited by ',' with a header in s3://lake/data/other/dt=1/; json in s3://lake/data/other/dt=2/)") }, "\(report.decisions)")
        let reference = try catalog.table("lake", "reference").definition
        #expect(reference.classification == .csv)
        #expect(reference.columns == [CatalogColumn("title_id", .int64), CatalogColumn("title", .string)])
        #expect(reference.formatOptions == ["delimiter": ",", "skip.header.line.count": "1"])
        #expect(reference.location == "s3://lake/data/reference/")
        #expect(try catalog.store.partitions(database: "lake", table: "reference").isEmpty)
        #expect(report.partitionsAdded == 1)
    }

    @Test func csvWithoutHeaderAndOddDelimitersFollowGluesRules() throws {
        let catalog = try TestCatalog()
        // All text: the first row is not a header.
        try catalog.lakeFile("lake/names/names.csv", "first;last\nana;kim\nbo;lee\n")
        // Numbers under a text row: a header.
        try catalog.lakeFile("lake/scores/scores.tsv.txt", "name\tscore\nana\t3\nbo\t4\n")
        _ = try catalog.crawl("s3://lake/names/")
        _ = try catalog.crawl("s3://lake/scores/")
        let names = try catalog.table("lake", "names").definition
        #expect(names.columns == [CatalogColumn("col0", .string), CatalogColumn("col1", .string)])
        #expect(names.formatOptions == ["delimiter": ";", "skip.header.line.count": "0"])
        #expect(names.parameters["recordCount"] == "3")
        let scores = try catalog.table("lake", "scores").definition
        #expect(scores.columns == [CatalogColumn("name", .string), CatalogColumn("score", .int64)])
        #expect(scores.formatOptions["delimiter"] == "\\t")
    }

    @Test func gzipIsRecognisedByItsMagicBytes() throws {
        let catalog = try TestCatalog()
        try catalog.gzipLakeFile("lake/clicks/dt=2026-11-01/part-0", jsonLines([#"{"id":1,"url":"/a"}"#, #"{"id":2,"url":"/b"}"#]))
        let report = try catalog.crawl("s3://lake/clicks/")
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let definition = try catalog.table("lake", "clicks").definition
        #expect(definition.parameters["compressionType"] == "gzip")
        #expect(definition.columns.map(\.name) == ["id", "url"])
        #expect(definition.parameters["recordCount"] == "2")
    }

    @Test func markersChecksumsAndEmptyFilesAreLeftOut() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/logs/dt=1/part-0.json", jsonLines([#"{"level":"info"}"#]))
        try catalog.lakeFile("lake/logs/dt=1/_SUCCESS", "")
        try catalog.lakeFile("lake/logs/dt=1/.part-0.json.crc", "crc")
        try catalog.lakeFile("lake/logs/dt=1/part-0.json.crc", "crc")
        try catalog.lakeFile("lake/logs/dt=1/_temporary/0/part-9.json", "{\"x\":1}\n")
        try catalog.lakeFile("lake/logs/dt=2/part-0.json", "")
        try catalog.lakeFile("lake/logs/dt=3/blob.bin", "\u{0}\u{1}\u{2}binary")
        let report = try catalog.crawl("s3://lake/logs/")
        #expect(report.filesListed == 2)
        #expect(report.warnings.contains { $0.hasSuffix("logs/dt=2/part-0.json: empty file skipped") }, "\(report.warnings)")
        #expect(report.warnings.contains { $0.contains("dt=3/blob.bin: could not classify (UNKNOWN): not Parquet: it does not start with Parquet's 'PAR1' mark; not JSON: it does not start with '{'; not CSV: it holds binary data (NUL bytes)") }, "\(report.warnings)")
        #expect(report.logs.contains { $0.contains("skipped") && $0.contains("because it is a checksum file (.crc)") }, "\(report.logs)")
        #expect(try catalog.store.partitions(database: "lake", table: "logs").map(\.values) == [["1"]])
    }

    @Test func exclusionsAndTheTableLevelChangeWhatIsCrawled() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/data/a/dt=1/x.json", jsonLines([#"{"a":1}"#]))
        try catalog.lakeFile("lake/data/b/dt=1/y.json", jsonLines([#"{"a":1}"#]))
        try catalog.lakeFile("lake/data/tmp/dt=1/z.json", jsonLines([#"{"a":1}"#]))
        let excluded = try catalog.crawl("s3://lake/data/") { $0.exclusions = ["tmp/**"] }
        #expect(excluded.filesListed == 2)
        #expect(excluded.tablesCreated == ["data"])  // a and b are similar: one table
        let levels = try TestCatalog()
        try levels.lakeFile("lake/data/a/dt=1/x.json", jsonLines([#"{"a":1}"#]))
        try levels.lakeFile("lake/data/b/dt=1/y.json", jsonLines([#"{"a":1}"#]))
        let report = try levels.crawl("s3://lake/data/") { $0.tableLevel = 3 }
        #expect(report.tablesCreated == ["a", "b"])
        #expect(report.decisions.first == "s3://lake/data/ is at level 2, above the table level 3: its subfolders are decided separately")
    }

    @Test func aTablePrefixAndParquetFiles() throws {
        let catalog = try TestCatalog()
        let schema = Schema([Field("id", .int64), Field("title", .string)])
        let builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [.int(1), .string("Dune")])
        try builder.append(row: [.int(2), .string("Arrival")])
        try FileSystem.createFolders(catalog.folder.file("lake/lake/titles"))
        let writer = try ParquetWriter(path: catalog.folder.file("lake/lake/titles/part-0.parquet"), schema: schema)
        try writer.write(builder.finish())
        try writer.finish()
        let report = try catalog.crawl("s3://lake/titles/") { $0.tablePrefix = "ref_" }
        #expect(report.tablesCreated == ["ref_titles"])
        let definition = try catalog.table("lake", "ref_titles").definition
        #expect(definition.classification == .parquet)
        #expect(definition.parameters["recordCount"] == "2")
        #expect(definition.columns.map(\.name) == ["id", "title"])
    }
}

@Suite("Crawler sampling limits")
struct CrawlerSamplingTests {
    @Test func jsonSamplesTheFirstMegabyteAndEstimatesTheRest() throws {
        let catalog = try TestCatalog()
        // ~1.5 MB of records with two fields, then one with a third: the sample never sees it.
        let line = #"{"id":1,"text":"\#(String(repeating: "x", count: 90))"}"#
        let count = (3 << 20) / 2 / (line.utf8.count + 1)
        let text = String(repeating: line + "\n", count: count) + #"{"id":2,"text":"y","late":true}"# + "\n"
        try catalog.lakeFile("lake/big/part-0.json", text)
        _ = try catalog.crawl("s3://lake/big/")
        let definition = try catalog.table("lake", "big").definition
        #expect(definition.columns.map(\.name) == ["id", "text"])
        let estimate = Int(definition.parameters["recordCount"] ?? "") ?? 0
        #expect(abs(estimate - (count + 1)) < (count + 1) / 50, "estimated \(estimate) of \(count + 1)")
        #expect(definition.parameters["averageRecordSize"] == String(line.utf8.count + 1))
    }

    @Test func jsonReadsOnWhileNoValidRecordWasFound() throws {
        let catalog = try TestCatalog()
        let garbage = String(repeating: "{ not json " + String(repeating: "z", count: 100) + "\n", count: (3 << 20) / 112)
        try catalog.lakeFile("lake/late/part-0.json", garbage + #"{"id":1}"# + "\n")
        let report = try catalog.crawl("s3://lake/late/")
        #expect(try catalog.table("lake", "late").definition.columns == [CatalogColumn("id", .int64)])
        #expect(report.warnings.contains { $0.contains("sampled records are not valid JSON") }, "\(report.warnings)")
    }

    @Test func csvSamplesTheFirstThousandRows() throws {
        let catalog = try TestCatalog()
        var text = "id,code\n"
        for row in 1...1_000 { text += "\(row),\(row)\n" }
        text += "1001,A-7\n"
        try catalog.lakeFile("lake/codes/codes.csv", text)
        _ = try catalog.crawl("s3://lake/codes/")
        let definition = try catalog.table("lake", "codes").definition
        // Row 1,001 is past Glue's sample: `code` stays bigint, as Glue would type it.
        #expect(definition.columns == [CatalogColumn("id", .int64), CatalogColumn("code", .int64)])
    }

    @Test func aSampleSizeOpensOnlyThatManyFilesPerFolder() throws {
        let catalog = try TestCatalog()
        for file in 0..<5 { try catalog.lakeFile("lake/many/dt=1/part-\(file).json", jsonLines([#"{"id":\#(file)}"#])) }
        let report = try catalog.crawl("s3://lake/many/") { $0.sampleFiles = 2 }
        #expect(report.filesListed == 5)
        #expect(report.filesOpened == 2)
        #expect(try catalog.store.partitions(database: "lake", table: "many").first?.parameters["objectCount"] == "5")
    }
}
