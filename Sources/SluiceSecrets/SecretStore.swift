import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// Sluice's own encrypted secret store: one file per secret under `<data-dir>/secrets/`,
/// each sealed with AES-256-GCM under the store's ``MasterKey``. The secret's id is bound
/// into the seal as authenticated data, so a file renamed to another id does not open.
///
/// A small check file sealed with the same key tells a wrong key (every secret fails) from
/// a damaged or edited secret file (only that one fails), so each gets its own message.
/// Writes go to a temporary file that is renamed into place: concurrent readers see the
/// old or the new secret, never half of one.
public struct SecretStore: Sendable {
    /// The folder that holds the key file and the secrets.
    public let folder: String
    private let environment: [String: String]

    static let fileExtension = ".secret"
    static let checkFileName = "master.key.check"
    /// Files start with this tag and a format version, so a later format can be told apart.
    static let fileTag = Array("SLUICE-SECRET-1\n".utf8)
    static let checkText = Array("sluice master key check".utf8)

    /// The store of a data directory. `environment` supplies `SLUICE_MASTER_KEY` (tests pass
    /// their own; nil means the process environment).
    public init(dataDirectory: String, environment: [String: String]? = nil) {
        let trimmed = dataDirectory.hasSuffix("/") && dataDirectory.count > 1 ? String(dataDirectory.dropLast()) : dataDirectory
        folder = trimmed + "/secrets"
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    /// Stores `value` under `id`, replacing an earlier value.
    public func put(_ id: String, value: SecretValue) throws(SluiceError) {
        try SecretIdentifier.validate(id)
        guard !value.revealed.isEmpty else {
            throw SluiceError(
                domain: .usage, code: "secret.empty", message: "The value for secret '\(id)' is empty.",
                hint: "Type the secret at the prompt, or pipe it in: printf '%s' \"$PASSWORD\" | sluice secret put \(id)")
        }
        guard let masterKey = try MasterKey.load(folder: folder, environment: environment, create: true) else {
            throw SluiceError.internal("The master key was neither found nor created.")
        }
        try SecretFiles.createPrivateFolder(folder)
        try verifyOrWriteCheck(masterKey)
        let sealed = try seal(Array(value.revealed.utf8), key: masterKey.key, context: Self.context(for: id))
        try SecretFiles.writeAtomically(Self.fileTag + sealed, to: path(of: id))
    }

    /// The value stored under `id`.
    public func get(_ id: String) throws(SluiceError) -> SecretValue {
        try SecretIdentifier.validate(id)
        guard let bytes = try SecretFiles.contents(of: path(of: id)) else { throw notFound(id) }
        guard let masterKey = try MasterKey.load(folder: folder, environment: environment, create: false) else {
            throw SluiceError(
                domain: .usage, code: "secret.noMasterKey",
                message: "Secret '\(id)' exists but the store has no master key: '\(folder)/\(MasterKey.fileName)' is missing and \(MasterKey.environmentVariable) is not set.",
                hint: "Set \(MasterKey.environmentVariable) to the key the store was created with, or restore the key file.")
        }
        try verifyCheck(masterKey)
        guard bytes.starts(with: Self.fileTag),
              let opened = open(Array(bytes.dropFirst(Self.fileTag.count)), key: masterKey.key, context: Self.context(for: id)),
              let text = String(validating: opened, as: UTF8.self)
        else {
            throw SluiceError(
                domain: .usage, code: "secret.damaged",
                message: "Secret '\(id)' cannot be decrypted: its file '\(path(of: id))' was changed or damaged.",
                hint: "Store it again with `sluice secret put \(id)`.")
        }
        return SecretValue(text)
    }

    /// True when a secret with this id exists (without decrypting it).
    public func contains(_ id: String) -> Bool {
        (try? SecretIdentifier.validate(id)) != nil && SecretFiles.permissions(of: path(of: id)) != nil
    }

    /// The stored secrets' ids and when each was last written, sorted by id. Values stay sealed.
    public func list() throws(SluiceError) -> [SecretInfo] {
        try SecretFiles.entries(of: folder)
            .filter { $0.hasSuffix(Self.fileExtension) }
            .map { name in
                let id = String(name.dropLast(Self.fileExtension.count))
                return SecretInfo(id: id, updatedAtSeconds: SecretFiles.modificationTime(of: folder + "/" + name) ?? 0)
            }
            .sorted { $0.id < $1.id }
    }

    /// Deletes the secret `id`; a missing secret is an error, so typos do not pass silently.
    public func delete(_ id: String) throws(SluiceError) {
        try SecretIdentifier.validate(id)
        let path = path(of: id)
        guard SecretFiles.permissions(of: path) != nil else { throw notFound(id) }
        guard unlink(path) == 0 else { throw SecretFiles.failure("delete", path: path, errno: errno) }
    }

    /// The error for a secret that is not in the store.
    public func notFound(_ id: String) -> SluiceError {
        SluiceError(
            domain: .usage, code: "secret.notFound",
            message: "Secret '\(id)' not found; create it with `sluice secret put \(id)`.",
            hint: "`sluice secret list` shows the secrets stored in '\(folder)'.")
    }

    func path(of id: String) -> String { folder + "/" + id + Self.fileExtension }

    static func context(for id: String) -> [UInt8] { Array("sluice-secret:\(id)".utf8) }

    // MARK: The key check

    private var checkPath: String { folder + "/" + Self.checkFileName }

    private func verifyOrWriteCheck(_ masterKey: MasterKey) throws(SluiceError) {
        if try SecretFiles.contents(of: checkPath) == nil {
            let sealed = try seal(Self.checkText, key: masterKey.key, context: Array("sluice-key-check".utf8))
            try SecretFiles.writeAtomically(Self.fileTag + sealed, to: checkPath)
            return
        }
        try verifyCheck(masterKey)
    }

    /// Throws a wrong-key error when the check file does not open with this key. A store
    /// without a check file (nothing written yet) passes.
    private func verifyCheck(_ masterKey: MasterKey) throws(SluiceError) {
        guard let bytes = try SecretFiles.contents(of: checkPath) else { return }
        let opened = bytes.starts(with: Self.fileTag)
            ? open(Array(bytes.dropFirst(Self.fileTag.count)), key: masterKey.key, context: Array("sluice-key-check".utf8))
            : nil
        guard opened == Self.checkText else {
            throw SluiceError(
                domain: .usage, code: "secret.wrongMasterKey",
                message: "The master key from \(masterKey.source == MasterKey.environmentVariable ? MasterKey.environmentVariable : "'\(masterKey.source)'") does not open the secret store '\(folder)': its secrets were encrypted with another key.",
                hint: masterKey.source == MasterKey.environmentVariable
                    ? "Set \(MasterKey.environmentVariable) to the key the store was created with, or unset it to use '\(folder)/\(MasterKey.fileName)'."
                    : "Restore the store's original key file, or set \(MasterKey.environmentVariable) to its key.")
        }
    }

    // MARK: AES-GCM

    private func seal(_ plaintext: [UInt8], key: SymmetricKey, context: [UInt8]) throws(SluiceError) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, authenticating: context)
            guard let combined = box.combined else { throw SluiceError.internal("AES-GCM gave no combined box.") }
            return Array(combined)
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError.internal("AES-GCM sealing failed: \(error).")
        }
    }

    private func open(_ combined: [UInt8], key: SymmetricKey, context: [UInt8]) -> [UInt8]? {
        guard let box = try? AES.GCM.SealedBox(combined: combined),
              let plaintext = try? AES.GCM.open(box, using: key, authenticating: context)
        else { return nil }
        return Array(plaintext)
    }
}

/// A stored secret's id and when it was last written (its value stays sealed).
public struct SecretInfo: Sendable, Equatable {
    public var id: String
    /// Seconds since 1970-01-01 UTC.
    public var updatedAtSeconds: Int64

    public init(id: String, updatedAtSeconds: Int64) {
        self.id = id
        self.updatedAtSeconds = updatedAtSeconds
    }
}
