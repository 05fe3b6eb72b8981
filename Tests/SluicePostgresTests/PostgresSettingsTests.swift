import SluiceCore
import SluicePostgres
import SluiceSecrets
import Testing

@Suite("PostgreSQL connection settings")
struct PostgresSettingsTests {
    private func settings(_ properties: [String: String]) throws(SluiceError) -> PostgresConnectionSettings {
        try PostgresConnectionSettings(properties: properties)
    }

    private func error(_ properties: [String: String]) -> SluiceError? {
        #expect(throws: SluiceError.self) { try PostgresConnectionSettings(properties: properties) }
    }

    @Test func jdbcURLForms() throws {
        let plain = try settings(["JDBC_CONNECTION_URL": "jdbc:postgresql://db.internal:6543/appdb", "USERNAME": "app", "SECRET_ID": "appdb-password"])
        #expect(plain.host == "db.internal" && plain.port == 6543 && plain.database == "appdb" && plain.user == "app")
        #expect(plain.password == .stored(id: "appdb-password") && plain.passwordProperty == "SECRET_ID")
        #expect(plain.sslMode == .prefer)
        #expect(plain.description == "postgresql://app@db.internal:6543/appdb (sslmode=prefer, password from secret appdb-password)")

        let ipv6 = try settings(["JDBC_CONNECTION_URL": "jdbc:postgresql://[2001:db8::5]/app%20db?sslmode=verify-full&sslrootcert=/etc/ca.pem", "USERNAME": "app"])
        #expect(ipv6.host == "2001:db8::5" && ipv6.port == 5432 && ipv6.database == "app db")
        #expect(ipv6.sslMode == .verifyFull && ipv6.sslRootCertificatePath == "/etc/ca.pem")
        #expect(ipv6.address == "[2001:db8::5]:5432")

        let libpq = try settings(["JDBC_CONNECTION_URL": "postgresql://app:p%40ss@localhost/appdb?ssl=true"])
        #expect(libpq.user == "app" && libpq.password == .inline(SecretValue("p@ss")) && libpq.sslMode == .verifyFull)
        #expect(!libpq.description.contains("p@ss"))

        let short = try settings(["JDBC_CONNECTION_URL": "jdbc:postgresql:appdb", "USERNAME": "app"])
        #expect(short.host == "localhost" && short.database == "appdb")
        let noDatabase = try settings(["JDBC_CONNECTION_URL": "jdbc:postgresql://db/", "USERNAME": "app"])
        #expect(noDatabase.database == "app")
    }

    @Test func separateFieldsAndTLS() throws {
        let fields = try settings([
            "HOST": "10.0.0.7", "PORT": "5433", "DATABASE": "appdb", "USERNAME": "app", "PASSWORD_ENV": "APPDB_PASSWORD",
            "SSL_MODE": "require", "CONNECT_TIMEOUT": "2.5",
        ])
        #expect(fields.address == "10.0.0.7:5433" && fields.sslMode == .require && fields.connectTimeoutSeconds == 2.5)
        #expect(fields.password == .environment(variable: "APPDB_PASSWORD"))
        let enforced = try settings(["HOST": "db", "USERNAME": "app", "JDBC_ENFORCE_SSL": "true"])
        #expect(enforced.sslMode == .require)
        let stronger = try settings(["HOST": "db", "USERNAME": "app", "JDBC_ENFORCE_SSL": "true", "SSL_MODE": "verify-ca"])
        #expect(stronger.sslMode == .verifyCA)
        let agreeing = try settings(["JDBC_CONNECTION_URL": "jdbc:postgresql://db:5432/appdb", "HOST": "db", "USERNAME": "app"])
        #expect(agreeing.host == "db")
    }

    @Test func errorsNameTheProperty() {
        #expect(error(["USERNAME": "app"])?.message == "The connection has no JDBC_CONNECTION_URL and no HOST.")
        #expect(error(["JDBC_CONNECTION_URL": "jdbc:mysql://db:3306/app", "USERNAME": "app"])?.message
            == "JDBC_CONNECTION_URL does not start with jdbc:postgresql:// (it starts with 'jdbc:mysql').")
        #expect(error(["JDBC_CONNECTION_URL": "jdbc:postgresql://2001:db8::5/appdb", "USERNAME": "app"])?.message
            == "JDBC_CONNECTION_URL has an IPv6 host without brackets ('2001:db8::5').")
        #expect(error(["JDBC_CONNECTION_URL": "jdbc:postgresql://db/appdb?sslmdoe=require", "USERNAME": "app"])?.message
            == "JDBC_CONNECTION_URL has the parameter 'sslmdoe', which Sluice does not know.")
        #expect(error(["HOST": "db", "PORT": "70000", "USERNAME": "app"])?.message == "PORT is '70000', not a number from 1 to 65535.")
        #expect(error(["JDBC_CONNECTION_URL": "jdbc:postgresql://db/appdb", "HOST": "other", "USERNAME": "app"])?.message
            == "HOST is 'other' but JDBC_CONNECTION_URL says 'db'.")
        #expect(error(["HOST": "db", "USERNAME": "app", "SSL_MODE": "strict"])?.message
            == "SSL_MODE sets sslmode 'strict'; expected disable, prefer, require, verify-ca or verify-full.")
        let twoPasswords = error(["HOST": "db", "USERNAME": "app", "PASSWORD": "hunter2", "SECRET_ID": "appdb"])
        #expect(twoPasswords?.message == "SECRET_ID is set together with PASSWORD; a connection takes its password from one place.")
        #expect(!(twoPasswords?.description.contains("hunter2") ?? true))
        let badEscape = error(["JDBC_CONNECTION_URL": "postgresql://app:hunter%2@db/appdb"])
        #expect(badEscape?.message == "JDBC_CONNECTION_URL has a bad %-escape in its password.")
    }
}
