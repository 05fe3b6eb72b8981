import ArgumentParser
import SluiceCatalog

/// Crawl settings shared by `sluice crawl` and `sluice crawler create`.
struct CrawlSettingsOptions: ParsableArguments {
    @Option(name: .long, help: "The database to write tables to (created when missing).")
    var database: String

    @Option(name: .long, help: ArgumentHelp("Put before every table name the crawl creates.", valueName: "prefix"))
    var tablePrefix = ""

    @Option(name: .long, help: ArgumentHelp(
        "Leave out files and folders matching this glob, relative to the path; repeat for several ('*.log', '**/_tmp/**', 'archive/**').",
        valueName: "glob"))
    var exclude: [String] = []

    @Flag(name: .long, help: "One table per path when the data is compatible, however different the schemas (Glue's CombineCompatibleSchemas).")
    var combineCompatibleSchemas = false

    @Option(name: .long, help: ArgumentHelp(
        "The folder level where tables start (Glue's TableLevelConfiguration): for s3:// paths the bucket is level 1; for a local folder the folder itself.",
        valueName: "n"))
    var tableLevel: Int?

    @Option(name: .long, help: ArgumentHelp("Files to open per folder (1–249); the rest are counted, not read.", valueName: "n"))
    var sampleFiles: Int?

    func apply(to crawler: inout CrawlerDefinition) {
        crawler.databaseName = database
        crawler.tablePrefix = tablePrefix
        crawler.exclusions = exclude
        crawler.combineCompatibleSchemas = combineCompatibleSchemas
        crawler.tableLevel = tableLevel
        crawler.sampleFiles = sampleFiles
    }
}

/// `--recrawl everything|new-folders-only` (Glue's names also accepted).
enum RecrawlArgument: String, ExpressibleByArgument, CaseIterable {
    case everything
    case newFoldersOnly = "new-folders-only"

    init?(argument: String) {
        switch argument.lowercased() {
        case "everything", "crawl_everything": self = .everything
        case "new-folders-only", "crawl_new_folders_only": self = .newFoldersOnly
        default: return nil
        }
    }

    var policy: RecrawlPolicy { self == .everything ? .crawlEverything : .crawlNewFoldersOnly }
}

/// `--update-behavior update|log`.
enum UpdateArgument: String, ExpressibleByArgument, CaseIterable {
    case update, log

    init?(argument: String) {
        switch argument.lowercased() {
        case "update", "update_in_database": self = .update
        case "log": self = .log
        default: return nil
        }
    }

    var behavior: UpdateBehavior { self == .update ? .updateInDatabase : .log }
}

/// `--delete-behavior deprecate|delete|log`.
enum DeleteArgument: String, ExpressibleByArgument, CaseIterable {
    case deprecate, delete, log

    init?(argument: String) {
        switch argument.lowercased() {
        case "deprecate", "deprecate_in_database": self = .deprecate
        case "delete", "delete_from_database": self = .delete
        case "log": self = .log
        default: return nil
        }
    }

    var behavior: DeleteBehavior {
        switch self {
        case .deprecate: .deprecateInDatabase
        case .delete: .deleteFromDatabase
        case .log: .log
        }
    }
}
