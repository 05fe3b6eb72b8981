import Foundation
import SluiceCore
import SluiceSecrets
import SluiceTestSupport
import Testing

@Suite("Secret store")
struct SecretStoreTests {
    @Test func putGetListDeleteRoundTrip() throws {
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        try store.put("appdb-password", value: SecretValue("s3cr3t ü"))
        try store.put("warehouse.password", value: SecretValue("other"))
        #expect(try store.get("appdb-password").revealed == "s3cr3t ü")
        #expect(try store.list().map(\.id) == ["appdb-password", "warehouse.password"])

        try store.put("appdb-password", value: SecretValue("rotated"))
        #expect(try store.get("appdb-password").revealed == "rotated")

        try store.delete("warehouse.password")
        #expect(try store.list().map(\.id) == ["appdb-password"])
        #expect(!store.contains("warehouse.password"))
    }

    @Test func filesAreEncryptedAndPrivate() throws {
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        try store.put("appdb-password", value: SecretValue("plain-text-password"))
        let bytes = try folder.readBytes("secrets/appdb-password.secret")
        #expect(!String(decoding: bytes, as: UTF8.self).contains("plain-text-password"))
        let key = try FileManager.default.attributesOfItem(atPath: folder.file("secrets/master.key"))
        #expect((key[.posixPermissions] as? Int) == 0o600)
        let secret = try FileManager.default.attributesOfItem(atPath: folder.file("secrets/appdb-password.secret"))
        #expect((secret[.posixPermissions] as? Int) == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: folder.file("secrets"))
        #expect((directory[.posixPermissions] as? Int) == 0o700)
    }

    @Test func missingSecretSaysHowToCreateIt() throws {
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        let error = #expect(throws: SluiceError.self) { try store.get("appdb-password") }
        #expect(error?.code == "secret.notFound")
        #expect(error?.message == "Secret 'appdb-password' not found; create it with `sluice secret put appdb-password`.")
        #expect(throws: SluiceError.self) { try store.delete("appdb-password") }
    }

    @Test func masterKeyFromTheEnvironmentReplacesTheKeyFile() throws {
        let folder = try TemporaryFolder()
        let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let store = SecretStore(dataDirectory: folder.path, environment: ["SLUICE_MASTER_KEY": key])
        try store.put("token", value: SecretValue("abc"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("secrets/master.key")))
        #expect(try SecretStore(dataDirectory: folder.path, environment: ["SLUICE_MASTER_KEY": key]).get("token").revealed == "abc")

        let otherKey = Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()
        let wrong = SecretStore(dataDirectory: folder.path, environment: ["SLUICE_MASTER_KEY": otherKey])
        let error = #expect(throws: SluiceError.self) { try wrong.get("token") }
        #expect(error?.code == "secret.wrongMasterKey")
        #expect(error?.message == "The master key from SLUICE_MASTER_KEY does not open the secret store '\(folder.path)/secrets': its secrets were encrypted with another key.")
        // A wrong key must not write either (it would mix keys in one store).
        #expect(throws: SluiceError.self) { try wrong.put("token2", value: SecretValue("x")) }

        let malformed = SecretStore(dataDirectory: folder.path, environment: ["SLUICE_MASTER_KEY": "not-a-key"])
        let malformedError = #expect(throws: SluiceError.self) { try malformed.get("token") }
        #expect(malformedError?.message == "SLUICE_MASTER_KEY does not hold a base64-encoded 256-bit key.")
    }

    @Test func tamperedFileIsReportedAsDamaged() throws {
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        try store.put("appdb-password", value: SecretValue("s3cr3t"))
        var bytes = try folder.readBytes("secrets/appdb-password.secret")
        bytes[bytes.count - 3] ^= 0x01
        try folder.write(bytes: bytes, to: "secrets/appdb-password.secret")
        let error = #expect(throws: SluiceError.self) { try store.get("appdb-password") }
        #expect(error?.code == "secret.damaged")
        #expect(error?.message == "Secret 'appdb-password' cannot be decrypted: its file '\(folder.path)/secrets/appdb-password.secret' was changed or damaged.")
    }

    @Test func renamedFileDoesNotOpenUnderAnotherId() throws {
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        try store.put("a", value: SecretValue("for a"))
        try FileManager.default.copyItem(atPath: folder.file("secrets/a.secret"), toPath: folder.file("secrets/b.secret"))
        #expect(throws: SluiceError.self) { try store.get("b") }
    }

    @Test func keyFileReadableByOthersIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        try store.put("a", value: SecretValue("x"))
        chmod(folder.file("secrets/master.key"), 0o644)
        let error = #expect(throws: SluiceError.self) { try store.get("a") }
        #expect(error?.code == "secret.keyFileMode")
        #expect(error?.hint == "Run chmod 600 '\(folder.path)/secrets/master.key' so only its owner can read it.")
    }

    @Test func invalidIdsAreRejectedWithTheReason() throws {
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        let slash = #expect(throws: SluiceError.self) { try store.put("../etc/passwd", value: SecretValue("x")) }
        #expect(slash?.message == "Secret id '../etc/passwd' starts with '.'; it must start with a letter or digit.")
        let space = #expect(throws: SluiceError.self) { try store.put("app db", value: SecretValue("x")) }
        #expect(space?.message == "Secret id 'app db' contains ' '; only letters, digits, '.', '_' and '-' are allowed.")
        let empty = #expect(throws: SluiceError.self) { try store.put("ok", value: SecretValue("")) }
        #expect(empty?.code == "secret.empty")
    }

    @Test func secretValuesNeverPrint() {
        let value = SecretValue("hunter2")
        #expect("\(value)" == "<redacted>")
        #expect(String(reflecting: value) == "<redacted>")
        #expect("\(SecretReference.inline(value))" == "inline password")
    }
}
