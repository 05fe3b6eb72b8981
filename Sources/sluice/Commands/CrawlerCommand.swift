import ArgumentParser
import SluiceCatalog
import SluiceCore

/// `sluice crawler`: stored crawlers and their runs.
struct CrawlerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawler",
        abstract: "Create, run and inspect stored crawlers.",
        discussion: """
            A crawler keeps its targets, exclusions, database, table prefix, policies and an \
            optional schedule; every run is recorded with its state, times, counts, decisions \
            and warnings.

            Policies (as in Glue):
              --recrawl everything | new-folders-only   (new folders only opens no file of known folders;
                                                         it needs --update-behavior log --delete-behavior log)
              --update-behavior update | log            (a changed schema: new table version, or only logged)
              --delete-behavior deprecate | delete | log (tables whose data is gone)

            Examples:
              sluice crawler create events --target s3://lake/data/raw/ --database lake \\
                  --recrawl new-folders-only --update-behavior log --delete-behavior log \\
                  --schedule 'cron(15 * * * ? *)'
              sluice crawler run events
              sluice crawler status events
              sluice crawler runs events
              sluice crawler list
            """,
        subcommands: [
            CrawlerCreateCommand.self, CrawlerRunCommand.self, CrawlerStatusCommand.self, CrawlerRunsCommand.self,
            CrawlerListCommand.self,
        ])
}

struct CrawlerCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Store a new crawler.")

    @Argument(help: "Its name (letters, digits, _, - and .).") var name: String
    @Option(name: .long, help: ArgumentHelp("A path to crawl; repeat for several.", valueName: "s3://bucket/prefix/")) var target: [String] = []
    @OptionGroup var settings: CrawlSettingsOptions
    @Option(name: .long, help: ArgumentHelp("What a run looks at.", valueName: "everything|new-folders-only")) var recrawl: RecrawlArgument = .everything
    @Option(name: .long, help: ArgumentHelp("When a table's schema changed.", valueName: "update|log")) var updateBehavior: UpdateArgument = .update
    @Option(name: .long, help: ArgumentHelp("When a table's data is gone.", valueName: "deprecate|delete|log")) var deleteBehavior: DeleteArgument = .deprecate
    @Option(name: .long, help: ArgumentHelp("When to run: 'cron(0 3 * * ? *)' or '0 3 * * *' (checked and stored; the scheduler runs it).", valueName: "cron")) var schedule: String?
    @Option(name: .long, help: "What it is for.") var description = ""
    @OptionGroup var data: DataDirectoryOptions

    func validate() throws {
        if target.isEmpty { throw ValidationError("Give at least one --target PATH to crawl.") }
    }

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            var crawler = CrawlerDefinition(
                name: name, targets: target, databaseName: settings.database, recrawl: recrawl.policy,
                updateBehavior: updateBehavior.behavior, deleteBehavior: deleteBehavior.behavior, schedule: schedule,
                description: description)
            settings.apply(to: &crawler)
            let stored = try data.openCatalog().createCrawler(crawler)
            print("Crawler '\(stored.name)' created: \(stored.targets.joined(separator: ", ")) → database '\(stored.databaseName)'. Run it with `sluice crawler run \(stored.name)`.")
        }
    }
}

struct CrawlerRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a crawler now and print its report.")

    @Argument(help: "The crawler's name.") var name: String
    @OptionGroup var data: DataDirectoryOptions
    @Option(name: .long, help: "Worker threads (default: all processors).") var threads: Int?

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            let crawler = threads.map { Crawler(store: store, lakeRoot: data.dataDirectory.lakePath, threads: max(1, $0)) }
                ?? Crawler(store: store, lakeRoot: data.dataDirectory.lakePath)
            let definition = try store.crawler(named: name)
            let run = try crawler.run(named: name)
            print("Run \(run.id) of '\(run.crawlerName)': \(run.state.rawValue)")
            print(CrawlReportPrinter.text(run.report, database: definition.databaseName, seconds: run.durationSeconds))
            if run.state == .failed {
                throw SluiceError(
                    domain: .catalog, code: "crawler.runFailed", message: "The run of crawler '\(run.crawlerName)' failed.",
                    hint: "The error is above; `sluice crawler runs \(run.crawlerName)` keeps it.")
            }
        }
    }
}

struct CrawlerStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show a crawler's settings and its last run.")

    @Argument(help: "The crawler's name.") var name: String
    @OptionGroup var data: DataDirectoryOptions
    @Option(name: .long, help: "table or json.") var format: ListingFormat = .table

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            let crawler = try store.crawler(named: name)
            let last = try store.runs(crawler: crawler.name, limit: 1).first
            if format == .json {
                print(Listing.json(CrawlerStatus(crawler: crawler, lastRun: last.map(RunEntry.init))))
                return
            }
            print("Crawler \(crawler.name)\(crawler.description.isEmpty ? "" : ": \(crawler.description)")")
            print("  targets: \(crawler.targets.joined(separator: ", "))")
            if !crawler.exclusions.isEmpty { print("  exclusions: \(crawler.exclusions.joined(separator: ", "))") }
            print("  database: \(crawler.databaseName)\(crawler.tablePrefix.isEmpty ? "" : ", table prefix '\(crawler.tablePrefix)'")")
            print("  recrawl: \(crawler.recrawl.rawValue); update: \(crawler.updateBehavior.rawValue); delete: \(crawler.deleteBehavior.rawValue)")
            var grouping: [String] = []
            if crawler.combineCompatibleSchemas { grouping.append("CombineCompatibleSchemas") }
            if let level = crawler.tableLevel { grouping.append("table level \(level)") }
            if let sample = crawler.sampleFiles { grouping.append("\(sample) files per folder") }
            if !grouping.isEmpty { print("  grouping: \(grouping.joined(separator: ", "))") }
            print("  schedule: \(crawler.schedule ?? "none (run on demand)")")
            guard let last else {
                print("  last run: never; start one with `sluice crawler run \(crawler.name)`")
                return
            }
            let entry = RunEntry(last)
            print("  last run: \(entry.id) \(entry.state), started \(entry.started) UTC\(entry.seconds.map { ", \(String(format2: $0)) s" } ?? "")")
            print("    \(entry.summary)")
        }
    }

    struct CrawlerStatus: Encodable {
        var crawler: CrawlerDefinition
        var lastRun: RunEntry?
    }
}

/// A run for listings.
struct RunEntry: Encodable {
    var id: Int64
    var state: String
    var started: String
    var ended: String
    var seconds: Double?
    var report: CrawlReport

    init(_ run: CrawlerRun) {
        id = run.id
        state = run.state.rawValue
        started = Listing.time(run.startedAt)
        ended = Listing.time(run.endedAt)
        seconds = run.durationSeconds
        report = run.report
    }

    var summary: String {
        if let error = report.errorMessage { return error.split(separator: "\n").first.map(String.init) ?? error }
        var parts = ["\(report.filesListed) files listed", "\(report.filesOpened) opened"]
        if !report.tablesCreated.isEmpty { parts.append("\(report.tablesCreated.count) tables created") }
        if !report.tablesUpdated.isEmpty { parts.append("\(report.tablesUpdated.count) updated") }
        if !report.tablesDeprecated.isEmpty { parts.append("\(report.tablesDeprecated.count) deprecated") }
        if !report.tablesDeleted.isEmpty { parts.append("\(report.tablesDeleted.count) deleted") }
        parts.append("\(report.partitionsAdded) partitions added")
        if !report.warnings.isEmpty { parts.append("\(report.warnings.count) warnings") }
        return parts.joined(separator: ", ")
    }
}

struct CrawlerRunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List a crawler's recent runs, newest first.")

    @Argument(help: "The crawler's name.") var name: String
    @Option(name: .long, help: "How many runs.") var limit = 20
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var listing: ListingOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            let crawler = try store.crawler(named: name)
            let runs = try store.runs(crawler: crawler.name, limit: max(1, limit)).map(RunEntry.init)
            if listing.format == .json {
                print(Listing.json(runs))
                return
            }
            guard !runs.isEmpty else {
                print("Crawler '\(crawler.name)' has not run yet.")
                return
            }
            print(Listing.table(["run", "state", "started (UTC)", "seconds", "summary"], runs.map {
                [String($0.id), $0.state, $0.started, $0.seconds.map { String(format2: $0) } ?? "", $0.summary]
            }, ascii: listing.ascii, maximumCellWidth: 100))
        }
    }
}

struct CrawlerListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stored crawlers.")

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var listing: ListingOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            let crawlers = try store.crawlers()
            if listing.format == .json {
                print(Listing.json(crawlers))
                return
            }
            guard !crawlers.isEmpty else {
                print("No crawlers yet. Create one with `sluice crawler create NAME --target PATH --database DB`.")
                return
            }
            var rows: [[String]] = []
            for crawler in crawlers {
                let last = try store.runs(crawler: crawler.name, limit: 1).first
                rows.append([
                    crawler.name, crawler.targets.joined(separator: ", "), crawler.databaseName, crawler.recrawl.rawValue,
                    crawler.schedule ?? "", last.map { "\($0.state.rawValue) \(Listing.time($0.startedAt))" } ?? "never",
                ])
            }
            print(Listing.table(["crawler", "targets", "database", "recrawl", "schedule", "last run (UTC)"], rows, ascii: listing.ascii, maximumCellWidth: 80))
        }
    }
}
