/// One run of a crawler: its state, times, and the report of what it found and did.
public struct CrawlerRun: Sendable, Equatable {
    public var id: Int64
    public var crawlerName: String
    public var state: State
    /// Seconds since 1970 (UTC).
    public var startedAt: Double
    public var endedAt: Double?
    public var report: CrawlReport

    public enum State: String, Sendable, Codable {
        case running = "RUNNING"
        case succeeded = "SUCCEEDED"
        case failed = "FAILED"
    }

    public init(id: Int64, crawlerName: String, state: State, startedAt: Double, endedAt: Double?, report: CrawlReport) {
        self.id = id
        self.crawlerName = crawlerName
        self.state = state
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.report = report
    }

    public var durationSeconds: Double? { endedAt.map { $0 - startedAt } }
}

/// What a crawl found and did: counts, the tables it touched, every grouping decision with
/// its reason, warnings (files it could not use and why) and a log of its steps.
public struct CrawlReport: Sendable, Equatable, Codable {
    /// Data files found after exclusions and ignore rules.
    public var filesListed = 0
    /// Files opened to classify and infer (0 for an incremental run over an unchanged lake).
    public var filesOpened = 0
    /// Bytes of the opened files on disk.
    public var bytesScanned = 0
    public var tablesCreated: [String] = []
    public var tablesUpdated: [String] = []
    /// Tables whose shape differed but that the update behaviour `LOG` left as they were.
    public var tablesUnchangedByPolicy: [String] = []
    public var tablesDeprecated: [String] = []
    public var tablesDeleted: [String] = []
    public var partitionsAdded = 0
    public var partitionsRemoved = 0
    /// Why folders were grouped into tables or split apart, one sentence each.
    public var decisions: [String] = []
    public var warnings: [String] = []
    public var logs: [String] = []
    /// The error that ended a failed run.
    public var errorMessage: String?

    public init() {}
}
