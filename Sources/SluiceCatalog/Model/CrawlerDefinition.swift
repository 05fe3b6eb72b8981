/// A stored crawler (Glue's `Crawler`): what to crawl, where to write tables, and the policies
/// that decide how tables are grouped, updated and retired.
public struct CrawlerDefinition: Sendable, Equatable, Codable {
    public var name: String
    /// Lake paths to crawl: `s3://bucket/prefix/` (inside the lake folder) or local folders.
    public var targets: [String]
    /// Glob patterns of files and folders to leave out, relative to each target
    /// (``ExclusionPattern``): `**/_tmp/**`, `*.log`, `archive/**`.
    public var exclusions: [String]
    /// The database tables are written to.
    public var databaseName: String
    /// Put before every table name the crawler creates.
    public var tablePrefix: String
    public var recrawl: RecrawlPolicy
    public var updateBehavior: UpdateBehavior
    public var deleteBehavior: DeleteBehavior
    /// `combineCompatibleSchemas`: one table per target when the data is compatible, however
    /// different the schemas (Glue's `TableGroupingPolicy`).
    public var combineCompatibleSchemas: Bool
    /// Fixes the folder level where tables start (Glue's `TableLevelConfiguration`): for an
    /// `s3://` target level 1 is the bucket; for a local folder, level 1 is the target itself.
    public var tableLevel: Int?
    /// Files to read per leaf folder (Glue's sample size); the others are counted but not
    /// opened. Nil reads every file.
    public var sampleFiles: Int?
    /// A cron expression (`cron(0 3 * * ? *)` or 5 fields), validated and stored; the
    /// scheduler runs it.
    public var schedule: String?
    public var description: String
    /// Seconds since 1970 (UTC).
    public var createdAt: Double
    public var updatedAt: Double

    public init(
        name: String, targets: [String], exclusions: [String] = [], databaseName: String, tablePrefix: String = "",
        recrawl: RecrawlPolicy = .crawlEverything, updateBehavior: UpdateBehavior = .updateInDatabase,
        deleteBehavior: DeleteBehavior = .deprecateInDatabase, combineCompatibleSchemas: Bool = false,
        tableLevel: Int? = nil, sampleFiles: Int? = nil, schedule: String? = nil, description: String = "",
        createdAt: Double = 0, updatedAt: Double = 0
    ) {
        self.name = name
        self.targets = targets
        self.exclusions = exclusions
        self.databaseName = databaseName
        self.tablePrefix = tablePrefix
        self.recrawl = recrawl
        self.updateBehavior = updateBehavior
        self.deleteBehavior = deleteBehavior
        self.combineCompatibleSchemas = combineCompatibleSchemas
        self.tableLevel = tableLevel
        self.sampleFiles = sampleFiles
        self.schedule = schedule
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Whether a run looks at everything again or only at folders added since the last run
/// (Glue's `RecrawlPolicy`).
public enum RecrawlPolicy: String, Sendable, Codable, CaseIterable {
    case crawlEverything = "CRAWL_EVERYTHING"
    /// Lists folders, opens only files in folders no table or partition knows yet, and adds
    /// them as partitions; table schemas stay as they are.
    case crawlNewFoldersOnly = "CRAWL_NEW_FOLDERS_ONLY"
}

/// What a run does when a table's schema changed (Glue's `SchemaChangePolicy.UpdateBehavior`).
public enum UpdateBehavior: String, Sendable, Codable, CaseIterable {
    /// Update the table, keeping the old definition as a version.
    case updateInDatabase = "UPDATE_IN_DATABASE"
    /// Leave the table as it is and write the change in the run's log.
    case log = "LOG"
}

/// What a run does with tables whose data is gone (Glue's `SchemaChangePolicy.DeleteBehavior`).
public enum DeleteBehavior: String, Sendable, Codable, CaseIterable {
    /// Mark the table with the `DEPRECATED_BY_CRAWLER` parameter.
    case deprecateInDatabase = "DEPRECATE_IN_DATABASE"
    /// Delete the table (and its partitions).
    case deleteFromDatabase = "DELETE_FROM_DATABASE"
    /// Leave it and write it in the run's log.
    case log = "LOG"
}
