import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import SluiceFormats

extension TestCatalog {
    var crawler: Crawler { Crawler(store: store, lakeRoot: lakeRoot, threads: 2) }

    /// A one-shot crawl of `target` into `database` with optional settings changed.
    func crawl(_ target: String, database: String = "lake", _ change: (inout CrawlerDefinition) -> Void = { _ in }) throws -> CrawlReport {
        var settings = CrawlerDefinition(name: Crawler.oneShotName, targets: [target], databaseName: database)
        change(&settings)
        return try crawler.crawl(settings)
    }

    /// Writes `text` gzip-compressed into the lake.
    func gzipLakeFile(_ key: String, _ text: String) throws {
        let deflater = try GzipDeflater()
        var output: [UInt8] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeBytes { deflater.deflate($0, final: true, into: &output) }
        bytes.removeAll()
        try folder.write(bytes: output, to: "lake/" + key)
    }

    func table(_ database: String, _ name: String) throws -> CatalogTable {
        try store.table(database: database, name: name)
    }
}

/// NDJSON lines from simple field lists.
func jsonLines(_ records: [String]) -> String {
    records.map { $0 + "\n" }.joined()
}
