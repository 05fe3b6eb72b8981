#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SluiceCore

/// Turns what postgres-nio and SwiftNIO throw into ``SluiceError``s that say what failed in
/// words: the host, the port, the server's own message with its SQLSTATE. postgres-nio hides
/// details from its `description` on purpose (they may hold query values); these messages use
/// only the settings (never the password) and the server's error fields.
enum PostgresConnectionError {
    /// The error for a failed connect-and-login.
    static func connecting(_ error: any Error, settings: PostgresConnectionSettings) -> SluiceError {
        if let error = error as? SluiceError { return error }
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                return serverRefusedLogin(error, settings: settings)
            case .sslUnsupported:
                return failure(
                    .tlsNotSupported,
                    "Server \(settings.address) does not support SSL, but the connection requires it (sslmode=\(settings.sslMode)).",
                    hint: "Turn ssl on in the server's postgresql.conf, or set SSL_MODE to prefer (or disable) if an unencrypted connection is acceptable.")
            case .authMechanismRequiresPassword:
                return failure(
                    .passwordRequired,
                    "Server \(settings.address) asks user '\(settings.user)' for a password, but the connection has none.",
                    hint: "Set SECRET_ID, PASSWORD_ENV or PASSWORD_FILE (or PASSWORD) on the connection.")
            case .unsupportedAuthMechanism:
                return failure(
                    .authenticationFailed,
                    "Server \(settings.address) asks user '\(settings.user)' to log in with a method Sluice does not support.",
                    hint: "Sluice logs in with SCRAM-SHA-256, MD5 or a plain password; change the method for this host in the server's pg_hba.conf.")
            case .saslError:
                return failure(
                    .authenticationFailed,
                    "Authentication as user '\(settings.user)' on \(settings.address) failed during the SCRAM exchange.",
                    hint: "Check the password (\(passwordOrigin(settings))).")
            case .connectionError:
                if let underlying = error.underlying { return network(underlying, settings: settings) }
            case .serverClosedConnection, .uncleanShutdown, .receivedUnencryptedDataAfterSSLRequest,
                 .messageDecodingFailure, .unexpectedBackendMessage:
                return failure(
                    .protocolError,
                    "The server at \(settings.address) closed the connection or answered in a way PostgreSQL does not (\(error.code)).",
                    hint: "Check that \(settings.address) is a PostgreSQL server and not another service or a proxy.")
            case .failedToAddSSLHandler:
                return failure(
                    .tlsHandshakeFailed, "Could not start TLS to \(settings.address).",
                    hint: "Check SSL_MODE and SSL_ROOT_CERT.")
            default:
                break
            }
            return failure(.protocolError, "Connecting to \(settings.address) failed: \(error.code).", hint: nil)
        }
        return network(error, settings: settings)
    }

    /// Errors of the network and TLS layers (no PostgreSQL message yet).
    static func network(_ error: any Error, settings: PostgresConnectionSettings) -> SluiceError {
        if let error = error as? NIOConnectionError {
            if let single = error.connectionErrors.first {
                return network(single.error, settings: settings)
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return hostNotFound(settings)
            }
        }
        if let error = error as? SocketAddressError, case .unknown = error {
            return hostNotFound(settings)
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return timedOut(settings)
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED:
                return failure(
                    .connectionRefused,
                    "Connection to \(settings.address) refused: no server is listening on that port.",
                    hint: "Check the port, that PostgreSQL is running there, and that it listens on this address (listen_addresses in postgresql.conf).")
            case ENETUNREACH, EHOSTUNREACH:
                return failure(
                    .networkUnreachable, "No route to \(settings.address) (\(String(cString: strerror(error.errnoCode)))).",
                    hint: "Check the network path between Sluice and the server: routes, VPN, security groups.")
            case ETIMEDOUT:
                return timedOut(settings)
            default:
                return failure(
                    .networkUnreachable, "Connecting to \(settings.address) failed: \(String(cString: strerror(error.errnoCode))).",
                    hint: "Check the host, the port and the network between Sluice and the server.")
            }
        }
        if let error = error as? NIOSSLError {
            return failure(
                .tlsHandshakeFailed,
                "TLS handshake with \(settings.address) failed: \(tlsReason(error)).",
                hint: settings.sslMode.verifiesCertificate
                    ? "Set SSL_ROOT_CERT to the PEM file of the authority that signed the server's certificate, and check that the certificate names '\(settings.host)'."
                    : "Check the server's TLS setup (ssl_cert_file, ssl_min_protocol_version).")
        }
        if let error = error as? NIOSSLExtraError {
            return failure(
                .tlsHandshakeFailed,
                "TLS handshake with \(settings.address) failed: the server's certificate does not match the host name '\(settings.host)' (\(error)).",
                hint: "Connect with the name the certificate was issued for, or use SSL_MODE verify-ca to check the authority only.")
        }
        return failure(.protocolError, "Connecting to \(settings.address) failed: \(error).", hint: nil)
    }

    static func hostNotFound(_ settings: PostgresConnectionSettings) -> SluiceError {
        failure(
            .hostNotFound, "Host '\(settings.host)' not found: the DNS lookup failed.",
            hint: "Check the host name in JDBC_CONNECTION_URL (or HOST) and that this machine's DNS can resolve it.")
    }

    static func timedOut(_ settings: PostgresConnectionSettings) -> SluiceError {
        failure(
            .timeout,
            "Connecting to \(settings.address) timed out after \(formatSeconds(settings.connectTimeoutSeconds)): the server did not answer.",
            hint: "Check firewalls and security groups between Sluice and the server, and the host and port; raise CONNECT_TIMEOUT for a slow network.")
    }

    /// A login refused by the server: its SQLSTATE decides the kind, its message is quoted.
    private static func serverRefusedLogin(_ error: PSQLError, settings: PostgresConnectionSettings) -> SluiceError {
        let sqlState = error.serverInfo?[.sqlState] ?? ""
        let serverMessage = error.serverInfo?[.message] ?? "no message"
        switch sqlState {
        case "28P01", "28000":
            return failure(
                .authenticationFailed,
                "Authentication as user '\(settings.user)' on \(settings.address) failed: \(serverMessage).",
                hint: sqlState == "28P01"
                    ? "Check the user name and the password (\(passwordOrigin(settings)))."
                    : "The server's pg_hba.conf decides which users may log in to which database from this host; ask its administrator.")
        case "3D000":
            return failure(
                .databaseNotFound,
                "Database '\(settings.database)' does not exist on \(settings.address): \(serverMessage).",
                hint: "Check the database name in JDBC_CONNECTION_URL (or DATABASE); `psql -l` lists the server's databases.")
        default:
            let hint = error.serverInfo?[.hint]
            return failure(
                .serverRejected,
                "Server \(settings.address) refused the connection: \(serverMessage) (SQLSTATE \(sqlState)).",
                hint: hint ?? "See the server's log for details.")
        }
    }

    private static func passwordOrigin(_ settings: PostgresConnectionSettings) -> String {
        guard let password = settings.password else { return "none is set" }
        return "from \(password)" + (settings.passwordProperty.map { ", set by \($0)" } ?? "")
    }

    private static func tlsReason(_ error: NIOSSLError) -> String {
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return "the server's certificate is not trusted (certificate verify failed)" }
        return text
    }

    static func failure(_ kind: PostgresFailureKind, _ message: String, hint: String?) -> SluiceError {
        SluiceError(domain: .connector, code: kind.code, message: message, hint: hint)
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
