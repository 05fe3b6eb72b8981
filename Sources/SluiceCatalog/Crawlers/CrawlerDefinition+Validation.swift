public import SluiceCore

extension CrawlerDefinition {
    /// Most files a crawler reads per leaf folder when sampling (Glue's limit).
    public static let maximumSampleFiles = 249

    /// The crawler with its names normalized, after checking every setting; errors name the
    /// setting and how to fix it.
    public func validated() throws(SluiceError) -> CrawlerDefinition {
        var crawler = self
        crawler.name = try CatalogName.normalized(name, kind: .crawler)
        crawler.databaseName = try CatalogName.normalized(databaseName, kind: .database)
        guard !targets.isEmpty, targets.allSatisfy({ !$0.isEmpty }) else {
            throw CatalogError.invalid(
                "Crawler '\(crawler.name)' has no target.",
                hint: "Give at least one lake path to crawl, e.g. s3://lake/data/raw/ or ./data/.")
        }
        if !tablePrefix.isEmpty {
            crawler.tablePrefix = try CatalogName.normalized(tablePrefix, kind: .table)
        }
        for pattern in exclusions { _ = try ExclusionPattern(pattern) }
        if let schedule { _ = try CronSchedule(schedule) }
        if let sampleFiles, !(1...CrawlerDefinition.maximumSampleFiles).contains(sampleFiles) {
            throw CatalogError.invalid(
                "Crawler '\(crawler.name)': the sample size \(sampleFiles) is outside 1–\(CrawlerDefinition.maximumSampleFiles) files per folder.",
                hint: "Leave it unset to read every file, or pick a number from 1 to \(CrawlerDefinition.maximumSampleFiles).")
        }
        if let tableLevel, tableLevel < 1 {
            throw CatalogError.invalid(
                "Crawler '\(crawler.name)': the table level must be 1 or more, not \(tableLevel).",
                hint: "Level 1 is the bucket of an s3:// target (or a local target folder itself), level 2 the folders in it.")
        }
        if recrawl == .crawlNewFoldersOnly && (updateBehavior != .log || deleteBehavior != .log) {
            throw CatalogError.invalid(
                "Crawler '\(crawler.name)' crawls new folders only, so it cannot \(updateBehavior != .log ? "update schemas" : "deprecate or delete tables").",
                hint: "As in Glue, CRAWL_NEW_FOLDERS_ONLY needs the update and delete behaviours LOG; crawl everything to let schemas change.")
        }
        return crawler
    }
}
