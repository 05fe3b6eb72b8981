public import SluiceCore

/// A stored connection to a system outside the lake (Glue's `Connection`): a type and a
/// string → string property map with Glue's property names, plus Sluice's own ways to refer
/// to a password instead of storing it.
///
/// Secrets (``ConnectionProperty/secretKeys``) are kept in the catalog file as given but are
/// never shown: ``masked`` replaces them, and errors never quote them.
public struct CatalogConnection: Sendable, Equatable {
    public var name: String
    public var type: ConnectionType
    public var properties: [String: String]
    public var description: String
    /// Seconds since 1970 (UTC).
    public var createdAt: Double
    public var updatedAt: Double

    public init(
        name: String, type: ConnectionType, properties: [String: String], description: String = "",
        createdAt: Double = 0, updatedAt: Double = 0
    ) {
        self.name = name
        self.type = type
        self.properties = properties
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The text shown for a secret value.
    public static let mask = "****"

    /// The properties with secrets replaced by ``mask`` (and a password inside a JDBC URL's
    /// query string masked too), for listing and API responses.
    public var maskedProperties: [String: String] {
        var result = properties
        for key in ConnectionProperty.secretKeys where result[key] != nil { result[key] = CatalogConnection.mask }
        if let url = result[ConnectionProperty.jdbcURL] { result[ConnectionProperty.jdbcURL] = ConnectionProperty.maskingPassword(inURL: url) }
        return result
    }

    /// The connection with its secrets masked.
    public var masked: CatalogConnection {
        var copy = self
        copy.properties = maskedProperties
        return copy
    }

    /// Checks the properties a connection of this type needs; errors name properties, never values.
    public func validate() throws(SluiceError) {
        let known = ConnectionProperty.allKeys
        for key in properties.keys.sorted() where !known.contains(key) {
            var message = "Connection '\(name)' has the unknown property '\(key)'."
            if let suggestion = NameSuggestion.closest(to: key, among: known) { message += " Did you mean '\(suggestion)'?" }
            throw CatalogError.invalid(message, hint: "Known properties: \(known.joined(separator: ", ")).")
        }
        let passwordSources = ConnectionProperty.passwordSources.filter { properties[$0] != nil }
        if passwordSources.count > 1 {
            throw CatalogError.invalid(
                "Connection '\(name)' names its password in \(passwordSources.count) ways (\(passwordSources.joined(separator: ", "))).",
                hint: "Give one of PASSWORD, PASSWORD_ENV (an environment variable), PASSWORD_FILE (a file) or SECRET_ID (Sluice's secret store).")
        }
        switch type {
        case .postgresql, .jdbc:
            let hasURL = properties[ConnectionProperty.jdbcURL] != nil
            let hasFields = properties[ConnectionProperty.host] != nil && properties[ConnectionProperty.database] != nil
            guard hasURL || hasFields else {
                throw CatalogError.invalid(
                    "Connection '\(name)' (\(type.rawValue)) says neither where the server is nor which database to use.",
                    hint: "Give JDBC_CONNECTION_URL=jdbc:postgresql://host:5432/db, or HOST and DATABASE (and PORT when not 5432).")
            }
            if let url = properties[ConnectionProperty.jdbcURL], !url.lowercased().hasPrefix("jdbc:") {
                throw CatalogError.invalid(
                    "Connection '\(name)': JDBC_CONNECTION_URL must start with 'jdbc:'.",
                    hint: "Write it as jdbc:postgresql://host:5432/database.")
            }
        case .opensearch:
            guard properties[ConnectionProperty.endpoint] != nil else {
                throw CatalogError.invalid(
                    "Connection '\(name)' (OPENSEARCH) has no ENDPOINT.",
                    hint: "Give ENDPOINT=https://search.example.com:9200.")
            }
        }
        if let port = properties[ConnectionProperty.port], !(Int(port).map { (1...65535).contains($0) } ?? false) {
            throw CatalogError.invalid("Connection '\(name)': PORT must be a number from 1 to 65535.", hint: "PostgreSQL listens on 5432 by default.")
        }
        if let ssl = properties[ConnectionProperty.enforceSSL], !["true", "false"].contains(ssl.lowercased()) {
            throw CatalogError.invalid("Connection '\(name)': JDBC_ENFORCE_SSL must be true or false.", hint: "Write JDBC_ENFORCE_SSL=true to require TLS.")
        }
    }
}

/// The kinds of connection, named as Glue names them.
public enum ConnectionType: String, Sendable, CaseIterable, Codable {
    case postgresql = "POSTGRESQL"
    case jdbc = "JDBC"
    case opensearch = "OPENSEARCH"
}

/// Property names of connections: Glue's own, then Sluice's.
public enum ConnectionProperty {
    public static let jdbcURL = "JDBC_CONNECTION_URL"
    public static let username = "USERNAME"
    public static let password = "PASSWORD"
    public static let enforceSSL = "JDBC_ENFORCE_SSL"
    /// The name of an environment variable that holds the password.
    public static let passwordEnvironmentVariable = "PASSWORD_ENV"
    /// A file whose content (without a final newline) is the password.
    public static let passwordFile = "PASSWORD_FILE"
    /// A secret in Sluice's encrypted secret store.
    public static let secretID = "SECRET_ID"
    public static let host = "HOST"
    public static let port = "PORT"
    public static let database = "DATABASE"
    public static let endpoint = "ENDPOINT"
    public static let apiKey = "API_KEY"

    public static let allKeys = [
        jdbcURL, username, password, enforceSSL, passwordEnvironmentVariable, passwordFile, secretID,
        host, port, database, endpoint, apiKey,
    ]
    /// Values never shown.
    public static let secretKeys = [password, apiKey]
    /// The ways to give a password; at most one per connection.
    public static let passwordSources = [password, passwordEnvironmentVariable, passwordFile, secretID]

    /// `jdbc:postgresql://h/db?user=u&password=secret` → `…&password=****`.
    public static func maskingPassword(inURL url: String) -> String {
        guard let query = url.firstIndex(of: "?") else { return url }
        let head = url[...query]
        let parts = url[url.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            let lowered = part.lowercased()
            guard lowered.hasPrefix("password=") else { return String(part) }
            return part.prefix("password=".count) + CatalogConnection.mask
        }
        return head + parts.joined(separator: "&")
    }
}
