public import SluiceCore
public import SluiceFormats

/// Runs crawlers: looks at lake folders and writes what it finds into the catalog as tables
/// and partitions, the way Glue crawlers do — so their users' expectations carry over — and
/// says why it decided what it did.
///
/// A crawl, one file per step:
/// 1. ``LakeListing`` lists each target's data files (no file opened), leaving out markers,
///    checksums, hidden and empty files and the crawler's exclusions; in new-folders-only
///    mode also the folders the catalog already knows (``IncrementalCrawl``).
/// 2. ``FileClassifier`` classifies each file with the built-in classifiers in Glue's order
///    (``ParquetClassifier``, ``JSONClassifier``, ``CSVClassifier``; gzip by its magic bytes),
///    reading at most Glue's samples (``CrawlSampling``).
/// 3. ``FileSampling`` opens all files, or the crawler's sample of each folder, on all cores.
/// 4. ``PartitionDetection`` turns the folders below a table into typed partition keys.
/// 5. ``TableGrouping`` decides which folders are tables and which partitions, by Glue's
///    similarity rule (``SchemaSimilarity``) or the crawler's grouping options.
/// 6. ``CatalogUpdate`` compares with the catalog and applies the crawler's policies; all
///    changes are written in one transaction, so queries see the old tables or the new ones.
public struct Crawler: Sendable {
    public let store: CatalogStore
    /// Folder that `s3://` targets and locations resolve into.
    public let lakeRoot: String?
    public let threads: Int

    /// The crawler name written on tables made by `sluice crawl` (no stored crawler).
    public static let oneShotName = "sluice-crawl"

    public init(store: CatalogStore, lakeRoot: String?, threads: Int = ProcessorCount.active) {
        self.store = store
        self.lakeRoot = lakeRoot
        self.threads = threads
    }

    /// Runs a stored crawler and records the run (state, times, report) whatever happens.
    public func run(named name: String) throws(SluiceError) -> CrawlerRun {
        let definition = try store.crawler(named: name)
        var run = try store.startRun(crawler: definition.name)
        do throws(SluiceError) {
            run.report = try crawl(definition)
            run.state = .succeeded
        } catch {
            run.report.errorMessage = error.description
            run.state = .failed
        }
        try store.finishRun(run.id, state: run.state, report: run.report)
        return try store.runs(crawler: definition.name, limit: 1).first ?? run
    }

    /// Crawls with these settings and writes the result into the catalog; returns the report.
    /// The crawl's own errors (a missing target, an unreadable folder) are thrown; files it
    /// cannot use are warnings in the report.
    public func crawl(_ settings: CrawlerDefinition) throws(SluiceError) -> CrawlReport {
        let crawler = try settings.validated()
        var report = CrawlReport()
        if try store.ensureDatabase(crawler.databaseName) {
            report.logs.append("created the database '\(crawler.databaseName)'")
        }
        let exclusions = try crawler.exclusions.map { pattern throws(SluiceError) in try ExclusionPattern(pattern) }
        let existing = try store.tablesWithPartitions(in: crawler.databaseName).map { CatalogUpdate.Existing(table: $0.table, partitions: $0.partitions) }
        var update = CatalogUpdate(
            databaseName: crawler.databaseName, crawlerName: crawler.name, tablePrefix: crawler.tablePrefix,
            updateBehavior: crawler.updateBehavior, deleteBehavior: crawler.deleteBehavior,
            crawledAt: FileStatistics.isoTime(store.now()), existing: existing)
        let incremental = crawler.recrawl == .crawlNewFoldersOnly ? IncrementalCrawl(existing: existing, lakeRoot: lakeRoot) : nil
        var targets: [CrawlTarget] = []
        for text in crawler.targets {
            let target = try CrawlTarget(text, lakeRoot: lakeRoot)
            targets.append(target)
            try crawl(target, crawler: crawler, exclusions: exclusions, incremental: incremental, update: &update, report: &report)
        }
        if incremental == nil { update.retireMissing(under: targets) }
        try store.apply(update.changes)
        report.tablesCreated += update.report.tablesCreated
        report.tablesUpdated += update.report.tablesUpdated
        report.tablesUnchangedByPolicy += update.report.tablesUnchangedByPolicy
        report.tablesDeprecated += update.report.tablesDeprecated
        report.tablesDeleted += update.report.tablesDeleted
        report.partitionsAdded += update.report.partitionsAdded
        report.partitionsRemoved += update.report.partitionsRemoved
        report.decisions += update.report.decisions
        report.warnings += update.report.warnings
        report.logs += update.report.logs
        return report
    }

    /// Most warnings of one kind written out in full; the rest are counted.
    static let maximumWarningsPerKind = 50

    private func crawl(
        _ target: CrawlTarget, crawler: CrawlerDefinition, exclusions: [ExclusionPattern], incremental: IncrementalCrawl?,
        update: inout CatalogUpdate, report: inout CrawlReport
    ) throws(SluiceError) {
        let listing = try LakeListing.list(
            target, exclusions: exclusions,
            skipFolder: { incremental?.skipsFolder($0, in: target) ?? false },
            skipFilesIn: { incremental?.skipsFiles(in: $0, of: target) ?? false })
        report.filesListed += listing.files.count
        var listed = "\(target.text): \(listing.files.count) data file\(listing.files.count == 1 ? "" : "s")"
        let ignored = listing.ignoredByReason.sorted { $0.key < $1.key }.map { "\($0.value) because \($0.key)" }
        if !ignored.isEmpty { listed += "; skipped " + ignored.joined(separator: ", ") }
        if listing.excludedCount > 0 { listed += "; \(listing.excludedCount) excluded by pattern" }
        if listing.skippedKnownCount > 0 { listed += "; \(listing.skippedKnownCount) files and folders already in the catalog left unopened" }
        report.logs.append(listed)
        for path in listing.emptyFiles.prefix(Crawler.maximumWarningsPerKind) { report.warnings.append("\(path): empty file skipped") }
        if listing.emptyFiles.count > Crawler.maximumWarningsPerKind {
            report.warnings.append("… and \(listing.emptyFiles.count - Crawler.maximumWarningsPerKind) more empty files skipped")
        }

        let sampled = try FileSampling.classify(listing.files, sampleFiles: crawler.sampleFiles, threads: threads)
        report.filesOpened += sampled.opened
        report.bytesScanned += sampled.bytesOpened
        for (path, reason) in sampled.unknown.prefix(Crawler.maximumWarningsPerKind) {
            report.warnings.append("\(path): could not classify (UNKNOWN): \(reason)")
        }
        if sampled.unknown.count > Crawler.maximumWarningsPerKind {
            report.warnings.append("… and \(sampled.unknown.count - Crawler.maximumWarningsPerKind) more files could not be classified")
        }
        report.warnings += sampled.notes.prefix(Crawler.maximumWarningsPerKind)
        let formats = Dictionary(grouping: sampled.files) { $0.classification.compatibility.description }
            .map { "\($0.value.count) \($0.key)" }.sorted()
        if !formats.isEmpty { report.logs.append("classified: " + formats.joined(separator: ", ")) }

        var grouping = TableGrouping(target: target, combineCompatibleSchemas: crawler.combineCompatibleSchemas, tableLevel: crawler.tableLevel)
        var files = sampled.files
        if let incremental { files = incremental.assign(files, to: &update, grouping: grouping) }
        let plans = grouping.group(files)
        report.decisions += grouping.decisions
        report.warnings += grouping.warnings
        for plan in plans {
            update.add(plan, target: target, grouping: grouping, removeMissingPartitions: incremental == nil)
        }
    }
}
