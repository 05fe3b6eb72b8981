public import SluiceCore
public import SluiceSecrets

/// Everything needed to reach one PostgreSQL database: address, user, where the password
/// comes from, and TLS. Built from a connection record's properties (``init(properties:)``)
/// or directly. The password stays a ``SecretReference`` until a connection is opened, and
/// ``description`` never shows it.
public struct PostgresConnectionSettings: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    /// Where the password comes from; nil when the server needs none (trust, peer).
    public var password: SecretReference?
    /// The property the password reference was read from (`SECRET_ID`…), for messages.
    public var passwordProperty: String?
    public var sslMode: PostgresSSLMode
    /// A PEM file of certificate authorities to trust instead of the system's.
    public var sslRootCertificatePath: String?
    /// How long to wait for the server to accept the connection and log the user in.
    public var connectTimeoutSeconds: Double

    public static let defaultConnectTimeoutSeconds: Double = 10

    public init(
        host: String, port: Int = PostgresURL.defaultPort, database: String, user: String,
        password: SecretReference? = nil, passwordProperty: String? = nil, sslMode: PostgresSSLMode = .prefer,
        sslRootCertificatePath: String? = nil, connectTimeoutSeconds: Double = PostgresConnectionSettings.defaultConnectTimeoutSeconds
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.passwordProperty = passwordProperty
        self.sslMode = sslMode
        self.sslRootCertificatePath = sslRootCertificatePath
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// `host:port`, with IPv6 hosts in brackets.
    public var address: String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// `postgresql://app@db.internal:5432/appdb (sslmode=prefer, password from secret appdb-password)`.
    public var description: String {
        let passwordText = password.map { "password from \($0)" } ?? "no password"
        return "postgresql://\(user)@\(address)/\(database) (sslmode=\(sslMode), \(passwordText))"
    }

    /// The same settings for another database on the same server (crawling `otherdb/%`).
    public func with(database: String) -> PostgresConnectionSettings {
        var copy = self
        copy.database = database
        return copy
    }
}

extension PostgresConnectionSettings {
    /// The pgjdbc URL parameters Sluice understands. Others are refused (a misspelled
    /// `sslmdoe=require` must not silently turn TLS off); harmless client-side ones are accepted.
    static let knownURLParameters: Set<String> = [
        "user", "password", "ssl", "sslmode", "sslrootcert", "connecttimeout", "logintimeout",
        "applicationname", "sockettimeout", "tcpkeepalive", "currentschema", "options",
    ]

    /// Settings from a connection record's properties (see ``ConnectionProperty``): either
    /// `JDBC_CONNECTION_URL` or `HOST`/`PORT`/`DATABASE`, `USERNAME` (or `user` in the URL),
    /// at most one password source, and TLS from `SSL_MODE`, `JDBC_ENFORCE_SSL`, the URL's
    /// `ssl`/`sslmode` parameters and `SSL_ROOT_CERT`. Each error names the property at fault.
    public init(properties: [String: String]) throws(SluiceError) {
        let value: (String) -> String? = { name in
            guard let text = properties[name]?.trimmingWhitespace, !text.isEmpty else { return nil }
            return text
        }
        var url: PostgresURL?
        if let text = value(ConnectionProperty.jdbcConnectionURL) {
            url = try PostgresURL(parsing: text)
            for parameter in url!.parameters where !Self.knownURLParameters.contains(parameter.name.lowercased()) {
                throw Self.invalid(
                    ConnectionProperty.jdbcConnectionURL, "has the parameter '\(parameter.name)', which Sluice does not know",
                    hint: "Sluice reads user, password, ssl, sslmode, sslrootcert and connectTimeout; remove the others.")
            }
        }

        // Address: the URL, or the separate fields; both only when they agree.
        let hostField = value(ConnectionProperty.host)
        let databaseField = value(ConnectionProperty.database)
        var portField: Int?
        if let text = value(ConnectionProperty.port) {
            guard let number = Int(text), (1...65535).contains(number) else {
                throw Self.invalid(ConnectionProperty.port, "is '\(text)', not a number from 1 to 65535", hint: "PostgreSQL listens on 5432 unless configured otherwise.")
            }
            portField = number
        }
        if let url {
            for (name, field, fromURL) in [
                (ConnectionProperty.host, hostField, url.host), (ConnectionProperty.port, portField.map(String.init), String(url.port)),
                (ConnectionProperty.database, databaseField, url.database ?? ""),
            ] where field != nil && field != fromURL {
                throw Self.invalid(
                    name, "is '\(field!)' but JDBC_CONNECTION_URL says '\(fromURL)'",
                    hint: "Give the address once: either JDBC_CONNECTION_URL or HOST, PORT and DATABASE.")
            }
        }
        guard let host = url?.host ?? hostField else {
            throw Self.missing(
                ConnectionProperty.jdbcConnectionURL, "The connection has no JDBC_CONNECTION_URL and no HOST",
                hint: "Set JDBC_CONNECTION_URL to jdbc:postgresql://HOST:PORT/DATABASE, or set HOST (and PORT, DATABASE).")
        }

        // User: USERNAME, else the URL's.
        let urlUser = url?.parameter("user") ?? url?.user
        if let field = value(ConnectionProperty.username), let urlUser, urlUser != field {
            throw Self.invalid(
                ConnectionProperty.username, "is '\(field)' but JDBC_CONNECTION_URL names user '\(urlUser)'",
                hint: "Name the user once, in USERNAME.")
        }
        guard let user = value(ConnectionProperty.username) ?? urlUser else {
            throw Self.missing(ConnectionProperty.username, "The connection has no USERNAME", hint: "Set USERNAME to the PostgreSQL role to log in as.")
        }
        // PostgreSQL's own default: a database named like the user.
        let database = url?.database ?? databaseField ?? user

        // Password: one source at most.
        var sources: [(String, SecretReference)] = []
        if let text = properties[ConnectionProperty.password], !text.isEmpty { sources.append((ConnectionProperty.password, .inline(SecretValue(text)))) }
        if let urlPassword = url?.parameter("password") ?? url?.password, !urlPassword.isEmpty {
            sources.append((ConnectionProperty.jdbcConnectionURL, .inline(SecretValue(urlPassword))))
        }
        if let name = value(ConnectionProperty.passwordEnvironment) { sources.append((ConnectionProperty.passwordEnvironment, .environment(variable: name))) }
        if let path = value(ConnectionProperty.passwordFile) { sources.append((ConnectionProperty.passwordFile, .file(path: path))) }
        if let id = value(ConnectionProperty.secretID) {
            try SecretIdentifier.validate(id)
            sources.append((ConnectionProperty.secretID, .stored(id: id)))
        }
        guard sources.count <= 1 else {
            throw Self.invalid(
                sources[1].0, "is set together with \(sources[0].0); a connection takes its password from one place",
                hint: "Keep one of PASSWORD_ENV, PASSWORD_FILE, SECRET_ID or PASSWORD (a reference is safer than an inline password).")
        }

        // TLS: SSL_MODE, else the URL's sslmode/ssl; JDBC_ENFORCE_SSL raises it to at least `require`.
        var sslMode = PostgresSSLMode.prefer
        if let text = value(ConnectionProperty.sslMode) {
            sslMode = try Self.sslMode(text, property: ConnectionProperty.sslMode)
        } else if let text = url?.parameter("sslmode") {
            sslMode = try Self.sslMode(text, property: ConnectionProperty.jdbcConnectionURL)
        } else if let text = url?.parameter("ssl") {
            switch text.lowercased() {
            // pgjdbc: ssl=true without sslmode verifies the certificate and host name.
            case "true", "": sslMode = .verifyFull
            case "false": sslMode = .prefer
            default:
                throw Self.invalid(ConnectionProperty.jdbcConnectionURL, "has ssl=\(text); expected true or false", hint: "Write ssl=true, or sslmode=require to skip certificate checks.")
            }
        }
        if let text = value(ConnectionProperty.jdbcEnforceSSL) {
            switch text.lowercased() {
            case "true":
                if sslMode.strength < PostgresSSLMode.require.strength {
                    guard value(ConnectionProperty.sslMode) != .some("disable") else {
                        throw Self.invalid(ConnectionProperty.jdbcEnforceSSL, "is true but SSL_MODE is disable", hint: "Drop one of them.")
                    }
                    sslMode = .require
                }
            case "false": break
            default:
                throw Self.invalid(ConnectionProperty.jdbcEnforceSSL, "is '\(text)'; expected true or false", hint: "Set JDBC_ENFORCE_SSL to true to require TLS.")
            }
        }
        let rootCertificate = value(ConnectionProperty.sslRootCertificate) ?? url?.parameter("sslrootcert")

        var timeout = Self.defaultConnectTimeoutSeconds
        let timeoutSource = value(ConnectionProperty.connectTimeout).map { ($0, ConnectionProperty.connectTimeout) }
            ?? url?.parameter("connectTimeout").map { ($0, ConnectionProperty.jdbcConnectionURL) }
        if let (text, property) = timeoutSource {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw Self.invalid(property, "sets a connect timeout of '\(text)'; expected seconds from 0 to 3600", hint: "Write a number of seconds, e.g. 10.")
            }
            timeout = seconds
        }

        self.init(
            host: host, port: url?.port ?? portField ?? PostgresURL.defaultPort, database: database, user: user,
            password: sources.first?.1, passwordProperty: sources.first?.0, sslMode: sslMode,
            sslRootCertificatePath: rootCertificate, connectTimeoutSeconds: timeout)
    }

    private static func sslMode(_ text: String, property: String) throws(SluiceError) -> PostgresSSLMode {
        let lowered = text.lowercased()
        if lowered == "allow" { return .prefer }
        guard let mode = PostgresSSLMode(rawValue: lowered) else {
            throw invalid(
                property, "sets sslmode '\(text)'; expected disable, prefer, require, verify-ca or verify-full",
                hint: "require encrypts without checking the certificate; verify-full also checks it and the host name.")
        }
        return mode
    }

    static func invalid(_ property: String, _ problem: String, hint: String) -> SluiceError {
        PostgresURL.invalid(property, problem, hint: hint)
    }

    static func missing(_ property: String, _ message: String, hint: String) -> SluiceError {
        SluiceError(domain: .connector, code: "connection.missingProperty", message: message + ".", hint: hint)
    }
}
