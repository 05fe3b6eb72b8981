import ArgumentParser
import SluiceCatalog
import SluiceCore

/// `sluice catalog`: browse and edit the data catalog.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Browse the data catalog: databases, tables, partitions.",
        discussion: """
            The catalog is one SQLite file, <data-dir>/catalog.sqlite (--data-dir, \
            $SLUICE_DATA_DIR, or ~/.sluice). Crawlers fill it from lake folders; `sluice query` \
            reads its tables as database.table (or a bare name in the 'default' database). \
            Names are case-insensitive and stored lower-case, as in the Glue Data Catalog.

            Examples:
              sluice catalog databases
              sluice catalog tables lake
              sluice catalog table lake.orders
              sluice catalog partitions lake.orders --format json
              sluice catalog create-database sales --description "orders and users"
            """,
        subcommands: [
            CatalogDatabasesCommand.self, CatalogTablesCommand.self, CatalogTableCommand.self,
            CatalogPartitionsCommand.self, CatalogCreateDatabaseCommand.self,
        ])
}

/// `db.table` (or a bare `table` in `default`) from the command line.
struct QualifiedTableName: ExpressibleByArgument {
    var database: String
    var table: String

    init?(argument: String) {
        let parts = argument.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1 where !parts[0].isEmpty: (database, table) = (CatalogDatabase.defaultName, parts[0])
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty: (database, table) = (parts[0], parts[1])
        default: return nil
        }
    }

    static var defaultValueDescription: String { "database.table" }
}

struct CatalogDatabasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "databases", abstract: "List the databases.")

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var listing: ListingOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            let databases = try store.databases()
            var counts: [String: Int] = [:]
            for database in databases { counts[database.name] = try store.tables(in: database.name).count }
            if listing.format == .json {
                print(Listing.json(databases.map {
                    DatabaseEntry(name: $0.name, description: $0.description, location: $0.location, tables: counts[$0.name] ?? 0,
                                  created: Listing.time($0.createdAt))
                }))
                return
            }
            guard !databases.isEmpty else {
                print("No databases yet. Create one with `sluice catalog create-database NAME`, or crawl: `sluice crawl PATH --database NAME`.")
                return
            }
            print(Listing.table(["database", "tables", "description", "created (UTC)"], databases.map {
                [$0.name, String(counts[$0.name] ?? 0), $0.description, Listing.time($0.createdAt)]
            }, ascii: listing.ascii))
        }
    }

    struct DatabaseEntry: Encodable {
        var name: String
        var description: String
        var location: String?
        var tables: Int
        var created: String
    }
}

struct CatalogTablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tables", abstract: "List the tables of a database (default: every database).")

    @Argument(help: "The database.") var database: String?
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var listing: ListingOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            var names: [String] = []
            if let database {
                names = [database]
            } else {
                names = try store.databases().map(\.name)
            }
            var tables: [CatalogTable] = []
            var partitionCounts: [String: Int] = [:]
            for name in names {
                for table in try store.tables(in: name) {
                    tables.append(table)
                    partitionCounts[table.qualifiedName] = try store.partitions(database: table.databaseName, table: table.name).count
                }
            }
            if listing.format == .json {
                print(Listing.json(tables.map { TableEntry($0, partitions: partitionCounts[$0.qualifiedName] ?? 0) }))
                return
            }
            guard !tables.isEmpty else {
                print("No tables\(database.map { " in '\($0)'" } ?? ""). Crawl lake folders into tables: `sluice crawl PATH --database NAME`.")
                return
            }
            print(Listing.table(["table", "format", "columns", "partition keys", "partitions", "version", "location"], tables.map { table in
                let definition = table.definition
                return [
                    table.qualifiedName, definition.classification.rawValue, String(definition.columns.count),
                    definition.partitionKeys.map(\.name).joined(separator: ", "), String(partitionCounts[table.qualifiedName] ?? 0),
                    String(table.version), definition.location,
                ]
            }, ascii: listing.ascii))
        }
    }
}

/// A table for `--format json`.
struct TableEntry: Encodable {
    struct ColumnEntry: Encodable {
        var name: String
        var type: String
        var comment: String?
    }

    var database: String
    var name: String
    var version: Int
    var classification: String
    var location: String
    var columns: [ColumnEntry]
    var partitionKeys: [ColumnEntry]
    var formatOptions: [String: String]
    var parameters: [String: String]
    var partitions: Int?
    var created: String
    var updated: String

    init(_ table: CatalogTable, partitions: Int? = nil) {
        database = table.databaseName
        name = table.name
        version = table.version
        classification = table.definition.classification.rawValue
        location = table.definition.location
        columns = table.definition.columns.map { ColumnEntry(name: $0.name, type: $0.type.description, comment: $0.comment) }
        partitionKeys = table.definition.partitionKeys.map { ColumnEntry(name: $0.name, type: $0.type.description, comment: $0.comment) }
        formatOptions = table.definition.formatOptions
        parameters = table.definition.parameters
        self.partitions = partitions
        created = Listing.time(table.createdAt)
        updated = Listing.time(table.updatedAt)
    }
}

struct CatalogTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table", abstract: "Show a table: columns, partition keys, location, format, parameters, versions.")

    @Argument(help: "database.table") var name: QualifiedTableName
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var listing: ListingOptions
    @Flag(name: .long, help: "Also list every kept version's columns.") var versions = false

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            let (table, partitions) = try store.snapshot(database: name.database, name: name.table)
            let kept = try store.tableVersions(database: name.database, name: name.table)
            if listing.format == .json {
                print(Listing.json(TableEntry(table, partitions: partitions.count)))
                return
            }
            let definition = table.definition
            print("Table \(table.qualifiedName): \(definition.classification.rawValue), version \(table.version) of \(kept.count)")
            print("Location: \(definition.location)")
            if !definition.formatOptions.isEmpty {
                print("Format options: " + definition.formatOptions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
            }
            let rows = definition.columns.map { [$0.name, $0.type.description, "", $0.comment ?? ""] }
                + definition.partitionKeys.map { [$0.name, $0.type.description, "partition key", $0.comment ?? ""] }
            print(Listing.table(["column", "type", "", "comment"], rows, ascii: listing.ascii, maximumCellWidth: 80))
            print("Partitions: \(partitions.count)")
            if !definition.parameters.isEmpty {
                print("Parameters:")
                for (key, value) in definition.parameters.sorted(by: { $0.key < $1.key }) { print("  \(key) = \(value)") }
            }
            if versions {
                for version in kept {
                    let columns = version.definition.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
                    print("Version \(version.version) (\(Listing.time(version.createdAt))): \(columns)")
                }
            }
        }
    }
}

struct CatalogPartitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partitions", abstract: "List a table's partitions with their statistics.")

    @Argument(help: "database.table") var name: QualifiedTableName
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var listing: ListingOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = try data.openCatalog()
            let (table, partitions) = try store.snapshot(database: name.database, name: name.table)
            let keys = table.definition.partitionKeys.map(\.name)
            if listing.format == .json {
                print(Listing.json(partitions.map {
                    PartitionEntry(values: Dictionary(uniqueKeysWithValues: zip(keys, $0.values)), location: $0.location, parameters: $0.parameters)
                }))
                return
            }
            guard !keys.isEmpty else {
                print("Table '\(table.qualifiedName)' has no partition keys: its files are read from \(table.definition.location).")
                return
            }
            print(Listing.table(keys + ["files", "bytes", "records", "location"], partitions.map { partition in
                partition.values + [
                    partition.parameters[TableParameter.objectCount] ?? "", partition.parameters[TableParameter.sizeKey] ?? "",
                    partition.parameters[TableParameter.recordCount] ?? "", partition.location,
                ]
            }, ascii: listing.ascii, maximumCellWidth: 80))
            print("\(partitions.count) partition\(partitions.count == 1 ? "" : "s")")
        }
    }

    struct PartitionEntry: Encodable {
        var values: [String: String]
        var location: String
        var parameters: [String: String]
    }
}

struct CatalogCreateDatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-database", abstract: "Create a database.")

    @Argument(help: "Its name (letters, digits and _; stored lower-case).") var name: String
    @Option(name: .long, help: "What it holds.") var description = ""
    @Option(name: .long, help: ArgumentHelp("A default location for its tables.", valueName: "s3://bucket/prefix/")) var location: String?
    @Flag(name: .long, help: "Succeed when it exists already.") var ifNotExists = false
    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let database = try data.openCatalog().createDatabase(name, description: description, location: location, ifNotExists: ifNotExists)
            print("Database '\(database.name)' is ready.")
        }
    }
}
