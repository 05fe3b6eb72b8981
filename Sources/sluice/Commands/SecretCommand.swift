import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceCore
import SluiceSecrets
#if canImport(Glibc)
import Glibc
#endif

/// `sluice secret put|list|delete`: Sluice's own encrypted secret store, for passwords that
/// connections reference with `SECRET_ID`.
struct SecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Store, list and delete secrets (passwords that connections reference by id).",
        discussion: """
            Secrets are encrypted with AES-256-GCM under a master key: SLUICE_MASTER_KEY \
            (base64 of 32 bytes) when set, else <data-dir>/secrets/master.key, created on first \
            use with mode 0600. A connection uses a secret with SECRET_ID=<id>.

            Examples:
              sluice secret put appdb-password            (asks for the value, without echo)
              printf '%s' "$PASSWORD" | sluice secret put appdb-password
              sluice secret list
              sluice secret delete appdb-password
            """,
        subcommands: [SecretPutCommand.self, SecretListCommand.self, SecretDeleteCommand.self])
}

struct SecretPutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put",
        abstract: "Store a secret, read from standard input or typed at a prompt (never from an argument).")

    @Argument(help: "The secret's id: letters, digits, '.', '_' and '-'.")
    var id: String

    @OptionGroup var dataOptions: DataDirectoryOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            try SecretIdentifier.validate(id)
            let value = try readSecretValue(prompt: "Value for secret '\(id)': ")
            let store = SecretStore(dataDirectory: dataOptions.dataDirectory.path)
            let existed = store.contains(id)
            try store.put(id, value: value)
            Terminal.writeError("\(existed ? "Replaced" : "Stored") secret '\(id)' in \(store.folder).\n")
        }
    }

    /// A line typed at the terminal with echo off, or all of standard input without its
    /// trailing newline.
    private func readSecretValue(prompt: String) throws(SluiceError) -> SecretValue {
        if isatty(STDIN_FILENO) == 1 {
            Terminal.writeError(prompt)
            var settings = termios()
            let hasSettings = tcgetattr(STDIN_FILENO, &settings) == 0
            if hasSettings {
                var silent = settings
                silent.c_lflag &= ~tcflag_t(ECHO)
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
            }
            let line = readLine(strippingNewline: true) ?? ""
            if hasSettings { tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings) }
            Terminal.writeError("\n")
            return SecretValue(line)
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard data.count <= 64 * 1024 else {
            throw SluiceError(
                domain: .usage, code: "secret.tooLarge", message: "The secret on standard input is \(data.count) bytes; the limit is 64 KiB.",
                hint: "Secrets are passwords and tokens; keep files elsewhere and reference them with PASSWORD_FILE.")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw SluiceError(domain: .usage, code: "secret.notText", message: "The secret on standard input is not UTF-8 text.")
        }
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text.removeLast() }
        return SecretValue(text)
    }
}

struct SecretListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the stored secrets' ids and when each was last written (never their values).")

    @OptionGroup var dataOptions: DataDirectoryOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = SecretStore(dataDirectory: dataOptions.dataDirectory.path)
            let secrets = try store.list()
            guard !secrets.isEmpty else {
                Terminal.writeError("No secrets in \(store.folder). Add one with `sluice secret put ID`.\n")
                return
            }
            let width = max(2, secrets.map(\.id.count).max() ?? 0)
            print("ID".padding(toLength: width, withPad: " ", startingAt: 0) + "  UPDATED")
            for secret in secrets {
                let updated = CivilTime.formatTimestamp(microseconds: secret.updatedAtSeconds * 1_000_000, separator: "T", zulu: true)
                print(secret.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + updated)
            }
        }
    }
}

struct SecretDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a stored secret.")

    @Argument(help: "The secret's id.")
    var id: String

    @OptionGroup var dataOptions: DataDirectoryOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let store = SecretStore(dataDirectory: dataOptions.dataDirectory.path)
            try store.delete(id)
            Terminal.writeError("Deleted secret '\(id)'.\n")
        }
    }
}
