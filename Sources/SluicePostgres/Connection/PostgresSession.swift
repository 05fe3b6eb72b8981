import Foundation
public import Logging
import NIOCore
import NIOSSL
import PostgresNIO
public import SluiceCore
public import SluiceSecrets
import Synchronization

/// One open connection to a PostgreSQL database, logged in. Opening resolves the password
/// (only then, and only into the driver), sets up TLS per ``PostgresSSLMode``, and turns
/// every failure into a ``SluiceError`` whose code names a ``PostgresFailureKind``.
///
/// Close it with ``close()``; ``withSession(_:secrets:logger:_:)`` does that for you.
public final class PostgresSession: Sendable {
    public let settings: PostgresConnectionSettings
    let connection: PostgresConnection
    let logger: Logger

    private init(settings: PostgresConnectionSettings, connection: PostgresConnection, logger: Logger) {
        self.settings = settings
        self.connection = connection
        self.logger = logger
    }

    /// Connects and logs in.
    public static func connect(
        _ settings: PostgresConnectionSettings, secrets: SecretResolver, logger: Logger = PostgresSession.quietLogger
    ) async throws(SluiceError) -> PostgresSession {
        let password = try settings.password.map { reference throws(SluiceError) in
            try secrets.resolve(reference, property: settings.passwordProperty)
        }
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: password?.revealed,
            database: settings.database, tls: try tls(for: settings))
        configuration.options.connectTimeout = .milliseconds(Int64(settings.connectTimeoutSeconds * 1000))
        configuration.options.additionalStartupParameters = [("application_name", "sluice")]
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: connectionCounter.wrappingAdd(1, ordering: .relaxed).newValue, logger: logger)
            logger.debug("Connected to PostgreSQL", metadata: ["target": "\(settings)"])
            return PostgresSession(settings: settings, connection: connection, logger: logger)
        } catch {
            let translated = PostgresConnectionError.connecting(error, settings: settings)
            logger.debug("PostgreSQL connection failed", metadata: ["target": "\(settings)", "error": "\(translated.code)"])
            throw translated
        }
    }

    /// Opens a session, runs `body`, and closes the session whatever happens.
    public static func withSession<Result: Sendable>(
        _ settings: PostgresConnectionSettings, secrets: SecretResolver, logger: Logger = PostgresSession.quietLogger,
        _ body: (PostgresSession) async throws(SluiceError) -> Result
    ) async throws(SluiceError) -> Result {
        let session = try await connect(settings, secrets: secrets, logger: logger)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    /// Closes the connection (errors while closing are not interesting: it is gone either way).
    public func close() async {
        try? await connection.close()
    }

    /// A logger that drops everything, for callers that bring none.
    public static let quietLogger = Logger(label: "sluice.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    // MARK: Queries

    /// Runs `sql` (with `$1`… bound to `bindings`) and returns its rows as a stream with
    /// back-pressure: the server sends more only as rows are consumed. `purpose` says what
    /// the query was for in error messages ("listing tables", "reading public.orders").
    func rows(_ sql: String, bindings: [String] = [], purpose: String) async throws(SluiceError) -> PostgresRowSequence {
        var binds = PostgresBindings(capacity: bindings.count)
        for value in bindings { binds.append(value) }
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        } catch {
            throw queryError(error, purpose: purpose)
        }
    }

    /// All rows of a small result (catalog queries), each as text cells by position.
    func textRows(_ sql: String, bindings: [String] = [], purpose: String) async throws(SluiceError) -> [[String?]] {
        let sequence = try await rows(sql, bindings: bindings, purpose: purpose)
        var result: [[String?]] = []
        do {
            for try await row in sequence {
                var cells: [String?] = []
                for cell in row {
                    cells.append(cell.bytes.map { String(buffer: $0) })
                }
                result.append(cells)
            }
        } catch {
            throw queryError(error, purpose: purpose)
        }
        return result
    }

    /// A query's failure as a ``SluiceError``: the server's message, detail and hint with its
    /// SQLSTATE (never bound values), or the lost connection.
    func queryError(_ error: any Error, purpose: String) -> SluiceError {
        if let error = error as? SluiceError { return error }
        guard let error = error as? PSQLError else {
            return SluiceError(
                domain: .connector, code: "postgres.query",
                message: "PostgreSQL \(settings.address)/\(settings.database), \(purpose): \(error).")
        }
        if error.code == .server, let info = error.serverInfo {
            var message = "PostgreSQL \(settings.address)/\(settings.database), \(purpose): \(info[.message] ?? "error")"
            if let detail = info[.detail] { message += " (\(detail))" }
            message += " [SQLSTATE \(info[.sqlState] ?? "?")]."
            let hint = info[.hint] ?? (info[.sqlState] == "42501"
                ? "User '\(settings.user)' lacks a privilege; ask the database owner to GRANT SELECT on it."
                : nil)
            return SluiceError(domain: .connector, code: "postgres.server", message: message, hint: hint)
        }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .connectionError:
            return SluiceError(
                domain: .connector, code: "postgres.connectionLost",
                message: "The connection to PostgreSQL \(settings.address) was lost while \(purpose).",
                hint: "The server may have restarted or a network device cut the connection; run it again.")
        case .queryCancelled:
            return SluiceError(
                domain: .connector, code: "postgres.cancelled",
                message: "PostgreSQL \(settings.address): \(purpose) was cancelled.")
        default:
            return SluiceError(
                domain: .connector, code: "postgres.query",
                message: "PostgreSQL \(settings.address)/\(settings.database), \(purpose): \(error.code).")
        }
    }

    // MARK: TLS

    private static func tls(for settings: PostgresConnectionSettings) throws(SluiceError) -> PostgresConnection.Configuration.TLS {
        guard settings.sslMode != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch settings.sslMode {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let path = settings.sslRootCertificatePath {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw PostgresURL.invalid(
                    ConnectionProperty.sslRootCertificate, "names '\(path)', which does not exist or cannot be read",
                    hint: "Point SSL_ROOT_CERT at a PEM file with the certificate authority that signed the server's certificate.")
            }
            configuration.trustRoots = .file(path)
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw PostgresURL.invalid(
                ConnectionProperty.sslRootCertificate, "could not be loaded as PEM certificates (\(error))",
                hint: "SSL_ROOT_CERT must be a PEM file (-----BEGIN CERTIFICATE-----).")
        }
        return settings.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    /// Numbers connections for postgres-nio's log metadata.
    private static let connectionCounter = Atomic<Int>(0)
}
