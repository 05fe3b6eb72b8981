import ArgumentParser
import SluiceCatalog
import SluiceCore

/// `sluice connection`: stored connections to databases and search clusters.
struct ConnectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connection",
        abstract: "Store and list connections to PostgreSQL and OpenSearch.",
        discussion: """
            A connection is a type and properties with Glue's names (JDBC_CONNECTION_URL, \
            USERNAME, PASSWORD, JDBC_ENFORCE_SSL) plus Sluice's (HOST, PORT, DATABASE, ENDPOINT, \
            API_KEY, and PASSWORD_ENV, PASSWORD_FILE or SECRET_ID to refer to a password instead \
            of storing it). Passwords and API keys are never printed: listings show ****.

            Examples:
              sluice connection create appdb --type postgresql \\
                  --jdbc-url jdbc:postgresql://db.internal:5432/app --user app --password-env APP_DB_PASSWORD
              sluice connection create search --type opensearch --endpoint https://search.internal:9200 \\
                  --property API_KEY=…
              sluice connection list
            """,
        subcommands: [ConnectionCreateCommand.self, ConnectionListCommand.self])
}

struct ConnectionCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Store a new connection.")

    @Argument(help: "Its name (letters, digits, _, - and .).") var name: String
    @Option(name: .long, help: ArgumentHelp("The kind of system.", valueName: "postgresql|jdbc|opensearch")) var type: ConnectionTypeArgument
    @Option(name: .long, help: ArgumentHelp("jdbc:postgresql://host:port/database (JDBC_CONNECTION_URL).", valueName: "url")) var jdbcUrl: String?
    @Option(name: .long, help: "Server host (HOST), instead of a JDBC URL.") var host: String?
    @Option(name: .long, help: "Server port (PORT).") var port: Int?
    @Option(name: .long, help: "Database name (DATABASE).") var databaseName: String?
    @Option(name: .long, help: "User name (USERNAME).") var user: String?
    @Option(name: .long, help: ArgumentHelp("An environment variable holding the password (PASSWORD_ENV).", valueName: "variable")) var passwordEnv: String?
    @Option(name: .long, help: ArgumentHelp("A file holding the password (PASSWORD_FILE).", valueName: "path")) var passwordFile: String?
    @Option(name: .long, help: ArgumentHelp("A secret in Sluice's secret store (SECRET_ID).", valueName: "id")) var secretId: String?
    @Option(name: .long, help: "OpenSearch endpoint, https://host:port (ENDPOINT).") var endpoint: String?
    @Flag(name: .long, help: "Require TLS (JDBC_ENFORCE_SSL=true).") var requireTls = false
    @Option(name: .long, help: ArgumentHelp("Any property as KEY=VALUE; repeat for several.", valueName: "KEY=VALUE")) var property: [String] = []
    @Option(name: .long, help: "What it connects to.") var description = ""
    @OptionGroup var data: DataDirectoryOptions

    func validate() throws {
        for entry in property where !entry.contains("=") {
            throw ValidationError("--property takes KEY=VALUE, e.g. --property JDBC_ENFORCE_SSL=true (got '\(entry.split(separator: "=").first ?? "")').")
        }
    }

    var properties: [String: String] {
        var properties: [String: String] = [:]
        for entry in property {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            properties[parts[0].uppercased()] = parts.count > 1 ? String(parts[1]) : ""
        }
        let named: [(String, String?)] = [
            (ConnectionProperty.jdbcURL, jdbcUrl), (ConnectionProperty.host, host), (ConnectionProperty.port, port.map(String.init)),
            (ConnectionProperty.database, databaseName), (ConnectionProperty.username, user),
            (ConnectionProperty.passwordEnvironmentVariable, passwordEnv), (ConnectionProperty.passwordFile, passwordFile),
            (ConnectionProperty.secretID, secretId), (ConnectionProperty.endpoint, endpoint),
            (ConnectionProperty.enforceSSL, requireTls ? "true" : nil),
        ]
        for (key, value) in named { if let value { properties[key] = value } }
        return properties
    }

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let connection = try data.openCatalog().createConnection(
                CatalogConnection(name: name, type: type.type, properties: properties, description: description))
            print("Connection '\(connection.name)' (\(connection.type.rawValue)) stored.")
            if connection.properties[ConnectionProperty.password] != nil {
                Terminal.writeError("Note: the password is stored in the catalog file; PASSWORD_ENV, PASSWORD_FILE or SECRET_ID keep it out.\n")
            }
        }
    }
}

/// `--type postgresql|jdbc|opensearch` (any letter case).
struct ConnectionTypeArgument: ExpressibleByArgument {
    var type: ConnectionType

    init?(argument: String) {
        guard let type = ConnectionType(rawValue: argument.uppercased()) else { return nil }
        self.type = type
    }

    static var allValueStrings: [String] { ConnectionType.allCases.map { $0.rawValue.lowercased() } }
}

struct ConnectionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List connections (secrets masked).")

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var listing: ListingOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let connections = try data.openCatalog().connections().map(\.masked)
            if listing.format == .json {
                print(Listing.json(connections.map {
                    ConnectionEntry(name: $0.name, type: $0.type.rawValue, properties: $0.properties, description: $0.description,
                                    created: Listing.time($0.createdAt), updated: Listing.time($0.updatedAt))
                }))
                return
            }
            guard !connections.isEmpty else {
                print("No connections yet. Create one with `sluice connection create NAME --type postgresql --jdbc-url …`.")
                return
            }
            print(Listing.table(["connection", "type", "properties", "description"], connections.map { connection in
                let properties = connection.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                return [connection.name, connection.type.rawValue, properties, connection.description]
            }, ascii: listing.ascii, maximumCellWidth: 100))
        }
    }

    struct ConnectionEntry: Encodable {
        var name: String
        var type: String
        var properties: [String: String]
        var description: String
        var created: String
        var updated: String
    }
}
