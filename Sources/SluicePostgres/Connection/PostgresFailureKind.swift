public import SluiceCore

/// What stopped a connection, in the order a person would debug it: first the settings,
/// then the secret, the network (name, port, time), TLS, the login, and the database.
/// Each kind is one ``SluiceError`` code (`connection.hostNotFound`…), so errors thrown by
/// any operation of the connector can be classified the same way.
public enum PostgresFailureKind: String, Sendable, CaseIterable {
    /// A property is missing or malformed (`connection.invalidProperty`, `connection.missingProperty`).
    case invalidSettings
    /// The password's environment variable, file or stored secret is missing (`secret.*`).
    case missingSecret
    /// DNS could not resolve the host name.
    case hostNotFound
    /// Nothing listens on host:port.
    case connectionRefused
    /// The network has no route to the host.
    case networkUnreachable
    /// The server did not accept the connection or log in within the timeout.
    case timeout
    /// TLS is required but the server does not offer it.
    case tlsNotSupported
    /// The TLS handshake failed: certificate not trusted, wrong host name, protocol mismatch.
    case tlsHandshakeFailed
    /// The server asks for a password but the settings give none.
    case passwordRequired
    /// The server refused the login (wrong password, no pg_hba.conf entry, unknown user).
    case authenticationFailed
    /// The login worked but the database does not exist.
    case databaseNotFound
    /// The server refused for another reason (too many connections, starting up…).
    case serverRejected
    /// The peer does not speak PostgreSQL's protocol, or closed the connection.
    case protocolError

    /// The kind of a connector error, from its code; nil for errors that are not about connecting.
    public init?(_ error: SluiceError) {
        switch error.code {
        case "connection.invalidProperty", "connection.missingProperty", "secret.invalidId", "secret.invalidMasterKey":
            self = .invalidSettings
        case let code where code.hasPrefix("secret."):
            self = .missingSecret
        case let code where code.hasPrefix("connection."):
            guard let kind = PostgresFailureKind(rawValue: String(code.dropFirst("connection.".count))) else { return nil }
            self = kind
        default:
            return nil
        }
    }

    /// The error code for this kind, `connection.<kind>`.
    var code: String { "connection." + rawValue }
}
