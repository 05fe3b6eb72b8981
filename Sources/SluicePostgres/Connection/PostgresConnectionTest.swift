import Foundation
public import Logging
public import SluiceCore
public import SluiceSecrets

/// The outcome of `sluice connection test` for a PostgreSQL connection: either what the
/// server is and how fast it answered, or the first thing that failed, classified by
/// ``PostgresFailureKind`` with a message that names it. Never holds the password.
public struct PostgresConnectionTestResult: Sendable {
    public enum Outcome: Sendable {
        case succeeded(PostgresServerInfo)
        case failed(PostgresFailureKind, SluiceError)
    }

    /// The settings' description (no password), or nil when the properties did not parse.
    public var target: String?
    public var outcome: Outcome

    public var succeeded: Bool {
        if case .succeeded = outcome { return true }
        return false
    }

    /// The failure's kind, nil on success.
    public var failureKind: PostgresFailureKind? {
        if case .failed(let kind, _) = outcome { return kind }
        return nil
    }

    /// The failure, nil on success.
    public var error: SluiceError? {
        if case .failed(_, let error) = outcome { return error }
        return nil
    }

    /// One line for people: `Connected to 127.0.0.1:5432/appdb as app: PostgreSQL 15.18, TLS off, 3 ms`
    /// or the failure's message.
    public var summary: String {
        switch outcome {
        case .succeeded(let info):
            "Connected to \(info.address)/\(info.database) as \(info.user): PostgreSQL \(info.serverVersion), "
                + "TLS \(info.usesTLS ? "on" : "off"), connect \(Self.milliseconds(info.connectMilliseconds)), "
                + "round trip \(Self.milliseconds(info.roundTripMilliseconds))."
        case .failed(_, let error):
            error.message
        }
    }

    static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(Double(Int(value * 10)) / 10) + " ms" : "\(Int(value.rounded())) ms"
    }
}

/// What a successful connection test learned about the server.
public struct PostgresServerInfo: Sendable, Equatable {
    /// `host:port`.
    public var address: String
    public var database: String
    public var user: String
    /// `server_version`, e.g. `15.18 (Debian 15.18-0+deb12u1)`.
    public var serverVersion: String
    /// `server_version_num`, e.g. 150018.
    public var serverVersionNumber: Int
    public var usesTLS: Bool
    /// Time to connect, set up TLS and log in.
    public var connectMilliseconds: Double
    /// Time of one query round trip once logged in.
    public var roundTripMilliseconds: Double
}

extension PostgresConnector {
    /// Connects, logs in, and asks the server who it is; reports the first failure in the
    /// order a person would check things (settings, secret, DNS, port, timeout, TLS, login,
    /// database). Never throws: a failure is part of the result.
    public func testConnection() async -> PostgresConnectionTestResult {
        let started = ContinuousClock.now
        do {
            return try await withSession { session throws(SluiceError) in
                let connected = ContinuousClock.now
                let rows = try await session.textRows("""
                    SELECT current_setting('server_version'), current_setting('server_version_num'), current_user,
                           current_database(), COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)::text
                    """, purpose: "asking the server for its version")
                let answered = ContinuousClock.now
                let row = rows.first ?? []
                let cell = { (index: Int) in index < row.count ? row[index] ?? "" : "" }
                let info = PostgresServerInfo(
                    address: settings.address, database: cell(3), user: cell(2), serverVersion: cell(0),
                    serverVersionNumber: Int(cell(1)) ?? 0, usesTLS: cell(4) == "true",
                    connectMilliseconds: Self.milliseconds(connected - started),
                    roundTripMilliseconds: Self.milliseconds(answered - connected))
                return PostgresConnectionTestResult(target: settings.description, outcome: .succeeded(info))
            }
        } catch {
            return PostgresConnectionTestResult(
                target: settings.description, outcome: .failed(PostgresFailureKind(error) ?? .serverRejected, error))
        }
    }

    /// Tests a connection straight from its properties, so a property error is a result too.
    public static func testConnection(
        properties: [String: String], secrets: SecretResolver, logger: Logger = PostgresSession.quietLogger
    ) async -> PostgresConnectionTestResult {
        do {
            let connector = try PostgresConnector(properties: properties, secrets: secrets, logger: logger)
            return await connector.testConnection()
        } catch {
            return PostgresConnectionTestResult(target: nil, outcome: .failed(PostgresFailureKind(error) ?? .invalidSettings, error))
        }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
