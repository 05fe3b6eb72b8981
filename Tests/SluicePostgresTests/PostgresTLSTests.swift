import SluiceCore
import SluicePostgres
import SluiceSecrets
import SluiceTestSupport
import Testing

/// Against a second throwaway cluster with TLS on and a self-signed certificate.
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
    private func test(_ change: (inout [String: String], ThrowawayPostgres) -> Void) async throws -> (PostgresConnectionTestResult, ThrowawayPostgres) {
        let postgres = try ThrowawayPostgres.sharedWithTLS()
        var properties = ["JDBC_CONNECTION_URL": postgres.jdbcURL(), "USERNAME": postgres.user, "PASSWORD": postgres.password]
        change(&properties, postgres)
        let result = await PostgresConnector.testConnection(properties: properties, secrets: SecretResolver(environment: [:], store: nil))
        return (result, postgres)
    }

    @Test func requireEncryptsWithoutCheckingTheCertificate() async throws {
        let (result, _) = try await test { properties, _ in properties["SSL_MODE"] = "require" }
        guard case .succeeded(let info) = result.outcome else {
            Issue.record("expected success: \(result.summary)")
            return
        }
        #expect(info.usesTLS)
        #expect(result.summary.contains("TLS on"))
    }

    @Test func preferUsesTLSWhenOffered() async throws {
        let (result, _) = try await test { _, _ in }
        guard case .succeeded(let info) = result.outcome else {
            Issue.record("expected success: \(result.summary)")
            return
        }
        #expect(info.usesTLS)
    }

    @Test func untrustedCertificateIsACertificateProblem() async throws {
        let (result, postgres) = try await test { properties, _ in properties["SSL_MODE"] = "verify-full" }
        #expect(result.failureKind == .tlsHandshakeFailed)
        #expect(result.error?.message == "TLS handshake with 127.0.0.1:\(postgres.port) failed: the server's certificate is not trusted (certificate verify failed).")
        #expect(result.error?.hint?.hasPrefix("Set SSL_ROOT_CERT to the PEM file") == true)
    }

    @Test func trustedRootCertificateVerifies() async throws {
        let (result, _) = try await test { properties, postgres in
            properties["SSL_MODE"] = "verify-full"
            properties["SSL_ROOT_CERT"] = postgres.certificatePath
        }
        #expect(result.succeeded, "\(result.summary)")
        let (missing, _) = try await test { properties, _ in
            properties["SSL_MODE"] = "verify-full"
            properties["SSL_ROOT_CERT"] = "/nonexistent/ca.pem"
        }
        #expect(missing.failureKind == .invalidSettings)
        #expect(missing.error?.message == "SSL_ROOT_CERT names '/nonexistent/ca.pem', which does not exist or cannot be read.")
    }
}
