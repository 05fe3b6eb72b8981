public import SluiceCore

/// Where a password comes from: written inline, an environment variable, a file (its
/// trailing newline trimmed, as `echo` writes it), or a secret in Sluice's own store.
/// A reference is what connections store; ``SecretResolver`` turns it into the value only
/// when a driver needs it.
public enum SecretReference: Sendable, Equatable, CustomStringConvertible {
    case inline(SecretValue)
    case environment(variable: String)
    case file(path: String)
    case stored(id: String)

    /// Says where the password comes from, never the password: `inline password`,
    /// `environment variable APPDB_PASSWORD`, `file /run/secrets/appdb`, `secret appdb-password`.
    public var description: String {
        switch self {
        case .inline: "inline password"
        case .environment(let variable): "environment variable \(variable)"
        case .file(let path): "file \(path)"
        case .stored(let id): "secret \(id)"
        }
    }
}

/// Resolves ``SecretReference``s against an environment and a ``SecretStore``; every
/// failure is a ``SluiceError`` with code `secret.*` that names the variable, file or
/// secret, and the connection property it came from.
public struct SecretResolver: Sendable {
    public let environment: [String: String]
    public let store: SecretStore?

    public init(environment: [String: String], store: SecretStore?) {
        self.environment = environment
        self.store = store
    }

    /// The value behind `reference`. `property` names where the reference was written
    /// (`PASSWORD_ENV`), so the message can point at it.
    public func resolve(_ reference: SecretReference, property: String? = nil) throws(SluiceError) -> SecretValue {
        let origin = property.map { " (from \($0))" } ?? ""
        switch reference {
        case .inline(let value):
            return value
        case .environment(let variable):
            guard let value = environment[variable] else {
                throw SluiceError(
                    domain: .usage, code: "secret.environmentVariableMissing",
                    message: "Environment variable '\(variable)'\(origin) is not set.",
                    hint: "Export \(variable) in the environment that runs Sluice, or name another variable.")
            }
            guard !value.isEmpty else {
                throw SluiceError(
                    domain: .usage, code: "secret.environmentVariableEmpty",
                    message: "Environment variable '\(variable)'\(origin) is empty.",
                    hint: "Set \(variable) to the password in the environment that runs Sluice.")
            }
            return SecretValue(value)
        case .file(let path):
            let bytes: [UInt8]?
            do {
                bytes = try SecretFiles.contents(of: path)
            } catch {
                throw SluiceError(
                    domain: .usage, code: "secret.fileUnreadable",
                    message: "Password file '\(path)'\(origin) cannot be read: \(error.code == "file.permissionDenied" ? "permission denied" : error.message).",
                    hint: "Let the user that runs Sluice read it (chmod 600 and chown), or point at another file.")
            }
            guard let bytes else {
                throw SluiceError(
                    domain: .usage, code: "secret.fileMissing",
                    message: "Password file '\(path)'\(origin) does not exist.",
                    hint: "Check the path; relative paths start from the directory Sluice runs in.")
            }
            var text = String(decoding: bytes, as: UTF8.self)
            while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text.removeLast() }
            guard !text.isEmpty else {
                throw SluiceError(
                    domain: .usage, code: "secret.fileEmpty",
                    message: "Password file '\(path)'\(origin) is empty.",
                    hint: "Write the password into the file (a trailing newline is ignored).")
            }
            return SecretValue(text)
        case .stored(let id):
            guard let store else {
                throw SluiceError(
                    domain: .usage, code: "secret.noStore",
                    message: "Secret '\(id)'\(origin) cannot be read: no data directory with a secret store is set.",
                    hint: "Pass --data-dir (or set SLUICE_DATA_DIR) to the data directory that holds the secret.")
            }
            return try store.get(id)
        }
    }
}
