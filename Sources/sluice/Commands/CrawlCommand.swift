import ArgumentParser
import SluiceCatalog
import SluiceCore

/// `sluice crawl`: one crawl of a path, without storing a crawler.
struct CrawlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Crawl lake folders into catalog tables once, and say what was decided and why.",
        discussion: """
            Classifies every file (Parquet, JSON, CSV; gzip by its magic bytes) from a sample as \
            Glue does (JSON: the first 1 MB; CSV: 1,000 rows or 1 MB), infers and merges schemas, \
            turns key=value folders into typed partition keys and other folder levels \
            (2026/11/21/10/) into partition_0…partition_3, and groups folders into tables by \
            Glue's rule: sibling folders are partitions of one table when their schemas are more \
            than 70% similar and there are at most 5 of them, otherwise each becomes a table. \
            Every decision is printed with its reason. Markers (_SUCCESS), checksums (.crc), \
            hidden and empty files are skipped. Existing tables are updated in place, keeping \
            their previous version.

            Examples:
              sluice crawl s3://lake/data/ --database lake
              sluice crawl ./exports/orders/ --database sales --table-prefix raw_
              sluice crawl s3://lake/data/ --database lake --exclude 'tmp/**' --combine-compatible-schemas
              sluice query "SELECT count(*) FROM lake.raw WHERE partition_3 = '10'"
            """)

    @Argument(help: "A lake path: s3://bucket/prefix/ (inside the lake folder) or a local folder or file.")
    var path: String

    @OptionGroup var settings: CrawlSettingsOptions
    @OptionGroup var data: DataDirectoryOptions

    @Option(name: .long, help: "Worker threads (default: all processors).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            var crawler = CrawlerDefinition(name: Crawler.oneShotName, targets: [path], databaseName: settings.database)
            settings.apply(to: &crawler)
            let started = MonotonicClock.seconds()
            let engine = threads.map { Crawler(store: store, lakeRoot: data.dataDirectory.lakePath, threads: $0) }
                ?? Crawler(store: store, lakeRoot: data.dataDirectory.lakePath)
            let report = try engine.crawl(crawler)
            print(CrawlReportPrinter.text(report, database: crawler.databaseName.lowercased(), seconds: MonotonicClock.seconds() - started))
        }
    }
}
