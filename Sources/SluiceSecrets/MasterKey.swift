import Crypto
import Foundation
import SluiceCore

/// The AES-256 key that encrypts a secret store, and where it came from.
///
/// `SLUICE_MASTER_KEY` (base64 of 32 bytes, e.g. from `openssl rand -base64 32`) wins when
/// set, so a server can keep the key out of the data directory. Otherwise the key lives in
/// `<store>/master.key` (base64, mode 0600), created with a random key the first time a
/// secret is written. A key file that other users may read is refused, as ssh refuses keys.
struct MasterKey {
    static let environmentVariable = "SLUICE_MASTER_KEY"
    static let fileName = "master.key"
    static let sizeBytes = 32

    let key: SymmetricKey
    /// `SLUICE_MASTER_KEY` or the key file's path, for messages.
    let source: String

    /// The store's key; `create` makes a key file when there is neither a variable nor a file.
    /// Returns nil when there is no key and `create` is false (an empty store).
    static func load(folder: String, environment: [String: String], create: Bool) throws(SluiceError) -> MasterKey? {
        if let text = environment[environmentVariable], !text.isEmpty {
            return MasterKey(key: try decode(text, source: environmentVariable), source: environmentVariable)
        }
        let path = folder + "/" + fileName
        if let bytes = try SecretFiles.contents(of: path) {
            try checkPermissions(path)
            return MasterKey(key: try decode(String(decoding: bytes, as: UTF8.self), source: path), source: path)
        }
        guard create else { return nil }
        try SecretFiles.createPrivateFolder(folder)
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        if try SecretFiles.createExclusively(Array(text.utf8), at: path) {
            return MasterKey(key: key, source: path)
        }
        // Another process created the key first: use theirs.
        return try load(folder: folder, environment: environment, create: false)
    }

    private static func decode(_ text: String, source: String) throws(SluiceError) -> SymmetricKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed), data.count == sizeBytes else {
            let what = source == environmentVariable ? source : "The key file '\(source)'"
            throw SluiceError(
                domain: .usage, code: "secret.invalidMasterKey",
                message: "\(what) does not hold a base64-encoded 256-bit key.",
                hint: source == environmentVariable
                    ? "Set it to 32 random bytes in base64 (openssl rand -base64 32), or unset it to use the store's key file."
                    : "Restore the key file from a backup, or set SLUICE_MASTER_KEY to the store's key.")
        }
        return SymmetricKey(data: data)
    }

    private static func checkPermissions(_ path: String) throws(SluiceError) {
        guard let mode = SecretFiles.permissions(of: path), mode & 0o077 != 0 else { return }
        throw SluiceError(
            domain: .usage, code: "secret.keyFileMode",
            message: "The key file '\(path)' may be read by other users (mode \(String(mode, radix: 8))).",
            hint: "Run chmod 600 '\(path)' so only its owner can read it.")
    }
}
