/// The names of a connection record's properties that the PostgreSQL connector reads:
/// Glue's names (`JDBC_CONNECTION_URL`, `USERNAME`, `PASSWORD`, `JDBC_ENFORCE_SSL`) and
/// Sluice's additions for passwords by reference, separate address fields and TLS.
public enum ConnectionProperty {
    public static let jdbcConnectionURL = "JDBC_CONNECTION_URL"
    public static let username = "USERNAME"
    /// An inline password (Glue's property). Prefer a reference.
    public static let password = "PASSWORD"
    public static let jdbcEnforceSSL = "JDBC_ENFORCE_SSL"
    /// The name of an environment variable that holds the password.
    public static let passwordEnvironment = "PASSWORD_ENV"
    /// A file that holds the password (a trailing newline is trimmed).
    public static let passwordFile = "PASSWORD_FILE"
    /// The id of a secret in Sluice's secret store that holds the password.
    public static let secretID = "SECRET_ID"
    public static let host = "HOST"
    public static let port = "PORT"
    public static let database = "DATABASE"
    /// `disable`, `prefer`, `require`, `verify-ca` or `verify-full`.
    public static let sslMode = "SSL_MODE"
    /// A PEM file of the certificate authorities to trust for `verify-ca` / `verify-full`.
    public static let sslRootCertificate = "SSL_ROOT_CERT"
    /// Seconds to wait for the server to accept a connection and log in (default 10).
    public static let connectTimeout = "CONNECT_TIMEOUT"

    /// The properties that may hold a password, in the order they are documented.
    public static let passwordSources = [password, passwordEnvironment, passwordFile, secretID]
}
