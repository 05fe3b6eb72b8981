import SluiceCore
import SluiceSecrets
import SluiceTestSupport
import Testing

@Suite("Secret references")
struct SecretResolverTests {
    @Test func resolvesEachKindOfReference() throws {
        let folder = try TemporaryFolder()
        let store = SecretStore(dataDirectory: folder.path, environment: [:])
        try store.put("appdb-password", value: SecretValue("from-store"))
        let file = try folder.write("from-file\n", to: "password.txt")
        let windowsFile = try folder.write("crlf\r\n", to: "crlf.txt")
        let resolver = SecretResolver(environment: ["APPDB_PASSWORD": "from-env"], store: store)
        #expect(try resolver.resolve(.inline(SecretValue("inline"))).revealed == "inline")
        #expect(try resolver.resolve(.environment(variable: "APPDB_PASSWORD")).revealed == "from-env")
        #expect(try resolver.resolve(.file(path: file)).revealed == "from-file")
        #expect(try resolver.resolve(.file(path: windowsFile)).revealed == "crlf")
        #expect(try resolver.resolve(.stored(id: "appdb-password")).revealed == "from-store")
    }

    @Test func everyFailureHasItsOwnMessage() throws {
        let folder = try TemporaryFolder()
        let empty = try folder.write("\n", to: "empty.txt")
        let resolver = SecretResolver(environment: ["BLANK": ""], store: SecretStore(dataDirectory: folder.path, environment: [:]))
        func failure(_ reference: SecretReference, property: String? = nil) -> SluiceError? {
            #expect(throws: SluiceError.self) { try resolver.resolve(reference, property: property) }
        }
        #expect(failure(.environment(variable: "APPDB_PASSWORD"), property: "PASSWORD_ENV")?.message
            == "Environment variable 'APPDB_PASSWORD' (from PASSWORD_ENV) is not set.")
        #expect(failure(.environment(variable: "BLANK"))?.message == "Environment variable 'BLANK' is empty.")
        #expect(failure(.file(path: folder.file("missing.txt")), property: "PASSWORD_FILE")?.message
            == "Password file '\(folder.file("missing.txt"))' (from PASSWORD_FILE) does not exist.")
        #expect(failure(.file(path: empty))?.message == "Password file '\(empty)' is empty.")
        #expect(failure(.stored(id: "appdb-password"), property: "SECRET_ID")?.message
            == "Secret 'appdb-password' not found; create it with `sluice secret put appdb-password`.")
        let noStore = SecretResolver(environment: [:], store: nil)
        #expect(throws: SluiceError.self) { try noStore.resolve(.stored(id: "x")) }
    }
}
