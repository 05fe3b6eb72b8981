/// How a connection uses TLS, with libpq's names and meanings:
///
/// | mode | TLS | certificate checked | host name checked |
/// |---|---|---|---|
/// | `disable` | never | — | — |
/// | `prefer` | when the server offers it | no | no |
/// | `require` | always (fails without) | no | no |
/// | `verify-ca` | always | against the trusted authorities | no |
/// | `verify-full` | always | against the trusted authorities | yes |
///
/// The trusted authorities are `SSL_ROOT_CERT` when set, else the system's.
public enum PostgresSSLMode: String, Sendable, CaseIterable, CustomStringConvertible {
    case disable
    case prefer
    case require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"

    /// True when the connection fails unless TLS is used.
    public var requiresTLS: Bool { self == .require || self == .verifyCA || self == .verifyFull }

    /// True when the server's certificate is checked against trusted authorities.
    public var verifiesCertificate: Bool { self == .verifyCA || self == .verifyFull }

    /// Orders modes by strength, so `JDBC_ENFORCE_SSL` can raise a weaker mode to `require`.
    var strength: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public var description: String { rawValue }
}
