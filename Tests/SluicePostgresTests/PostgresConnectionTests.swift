import SluiceCore
import SluicePostgres
import SluiceSecrets
import SluiceTestSupport
import Testing

@Suite("PostgreSQL connection test")
struct PostgresConnectionTests {
    @Test func successReportsVersionAndTiming() async throws {
        let postgres = try PostgresFixture.cluster()
        let result = try await PostgresFixture.connector().testConnection()
        guard case .succeeded(let info) = result.outcome else {
            Issue.record("expected success, got \(result.summary)")
            return
        }
        #expect(info.serverVersion.hasPrefix("\(postgres.majorVersion)."))
        #expect(info.serverVersionNumber / 10000 == postgres.majorVersion)
        #expect(info.user == "sluice_test")
        #expect(info.database == PostgresFixture.database)
        #expect(!info.usesTLS)
        #expect(info.connectMilliseconds > 0 && info.roundTripMilliseconds > 0)
        #expect(result.summary.hasPrefix("Connected to 127.0.0.1:\(postgres.port)/sluice_fixture as sluice_test: PostgreSQL \(postgres.majorVersion)."))
    }

    @Test func fromPropertiesWithEveryPasswordReference() async throws {
        let postgres = try PostgresFixture.cluster()
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        try store.put("appdb-password", value: SecretValue(postgres.password))
        let file = try folder.write(postgres.password + "\n", to: "password")
        let resolver = SecretResolver(environment: ["APPDB_PASSWORD": postgres.password], store: store)
        let base = ["JDBC_CONNECTION_URL": postgres.jdbcURL(database: PostgresFixture.database), "USERNAME": postgres.user]
        for (property, value) in [("PASSWORD_ENV", "APPDB_PASSWORD"), ("PASSWORD_FILE", file), ("SECRET_ID", "appdb-password"), ("PASSWORD", postgres.password)] {
            let result = await PostgresConnector.testConnection(properties: base.merging([property: value]) { $1 }, secrets: resolver)
            #expect(result.succeeded, "\(property): \(result.summary)")
        }
    }

    /// Runs a test with one property changed and returns the failure.
    private func failure(
        _ change: (inout [String: String]) throws -> Void, secrets: SecretResolver = SecretResolver(environment: [:], store: nil)
    ) async throws -> (PostgresFailureKind?, SluiceError?) {
        let postgres = try PostgresFixture.cluster()
        var properties = [
            "JDBC_CONNECTION_URL": postgres.jdbcURL(database: PostgresFixture.database), "USERNAME": postgres.user,
            "PASSWORD": postgres.password,
        ]
        try change(&properties)
        let result = await PostgresConnector.testConnection(properties: properties, secrets: secrets)
        #expect(!result.succeeded)
        if let error = result.error {
            #expect(!error.description.contains(postgres.password), "the password leaked into: \(error)")
        }
        return (result.failureKind, result.error)
    }

    @Test func unknownHost() async throws {
        let (kind, error) = try await failure { $0["JDBC_CONNECTION_URL"] = "jdbc:postgresql://appdb.sluice.invalid:5432/appdb" }
        #expect(kind == .hostNotFound)
        #expect(error?.message == "Host 'appdb.sluice.invalid' not found: the DNS lookup failed.")
    }

    @Test func refusedPort() async throws {
        let port = try LoopbackPort.free()
        let (kind, error) = try await failure { $0["JDBC_CONNECTION_URL"] = "jdbc:postgresql://127.0.0.1:\(port)/appdb" }
        #expect(kind == .connectionRefused)
        #expect(error?.message == "Connection to 127.0.0.1:\(port) refused: no server is listening on that port.")
    }

    @Test func serverThatNeverAnswersTimesOut() async throws {
        let listener = try LoopbackPort.silentListener()
        defer { listener.close() }
        let (kind, error) = try await failure {
            $0["JDBC_CONNECTION_URL"] = "jdbc:postgresql://127.0.0.1:\(listener.port)/appdb"
            $0["CONNECT_TIMEOUT"] = "1"
        }
        #expect(kind == .timeout)
        #expect(error?.message == "Connecting to 127.0.0.1:\(listener.port) timed out after 1 s: the server did not answer.")
    }

    @Test func wrongPasswordQuotesTheServer() async throws {
        let postgres = try PostgresFixture.cluster()
        let (kind, error) = try await failure { $0["PASSWORD"] = "wrong-password" }
        #expect(kind == .authenticationFailed)
        #expect(error?.message == "Authentication as user 'sluice_test' on 127.0.0.1:\(postgres.port) failed: password authentication failed for user \"sluice_test\".")
        #expect(error?.hint == "Check the user name and the password (from inline password, set by PASSWORD).")
        #expect(!(error?.description.contains("wrong-password") ?? true))
    }

    @Test func noPasswordWhenTheServerAsksForOne() async throws {
        let (kind, error) = try await failure { $0["PASSWORD"] = nil }
        #expect(kind == .passwordRequired)
        #expect(error?.message.hasSuffix("asks user 'sluice_test' for a password, but the connection has none.") == true)
    }

    @Test func missingDatabaseQuotesTheServer() async throws {
        let postgres = try PostgresFixture.cluster()
        let (kind, error) = try await failure { $0["JDBC_CONNECTION_URL"] = postgres.jdbcURL(database: "nosuchdb") }
        #expect(kind == .databaseNotFound)
        #expect(error?.message == "Database 'nosuchdb' does not exist on 127.0.0.1:\(postgres.port): database \"nosuchdb\" does not exist.")
    }

    @Test func tlsRequiredButServerHasNoSSL() async throws {
        let postgres = try PostgresFixture.cluster()
        let (kind, error) = try await failure { $0["JDBC_ENFORCE_SSL"] = "true" }
        #expect(kind == .tlsNotSupported)
        #expect(error?.message == "Server 127.0.0.1:\(postgres.port) does not support SSL, but the connection requires it (sslmode=require).")
        let (verifyKind, _) = try await failure { $0["SSL_MODE"] = "verify-full" }
        #expect(verifyKind == .tlsNotSupported)
    }

    @Test func missingEnvironmentVariableFileAndSecret() async throws {
        let folder = try TemporaryFolder()
        let secrets = SecretResolver(environment: [:], store: SecretStore(dataDirectory: folder.path, environment: [:]))
        let (envKind, envError) = try await failure({
            $0["PASSWORD"] = nil
            $0["PASSWORD_ENV"] = "APPDB_PASSWORD"
        }, secrets: secrets)
        #expect(envKind == .missingSecret)
        #expect(envError?.message == "Environment variable 'APPDB_PASSWORD' (from PASSWORD_ENV) is not set.")

        let (fileKind, fileError) = try await failure({
            $0["PASSWORD"] = nil
            $0["PASSWORD_FILE"] = folder.file("appdb.password")
        }, secrets: secrets)
        #expect(fileKind == .missingSecret)
        #expect(fileError?.message == "Password file '\(folder.file("appdb.password"))' (from PASSWORD_FILE) does not exist.")

        let (secretKind, secretError) = try await failure({
            $0["PASSWORD"] = nil
            $0["SECRET_ID"] = "appdb-password"
        }, secrets: secrets)
        #expect(secretKind == .missingSecret)
        #expect(secretError?.message == "Secret 'appdb-password' not found; create it with `sluice secret put appdb-password`.")
    }

    @Test func invalidPropertiesAreReportedFirst() async throws {
        let (kind, error) = try await failure { $0["JDBC_CONNECTION_URL"] = "jdbc:postgresql://db:54x2/appdb" }
        #expect(kind == .invalidSettings)
        #expect(error?.message == "JDBC_CONNECTION_URL has port '54x2', which is not a number from 1 to 65535.")
        let (missingKind, missing) = try await failure { $0["USERNAME"] = nil }
        #expect(missingKind == .invalidSettings)
        #expect(missing?.message == "The connection has no USERNAME.")
    }
}
