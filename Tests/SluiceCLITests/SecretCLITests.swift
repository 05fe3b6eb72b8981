import SluiceTestSupport
import Testing

@Suite("sluice secret")
struct SecretCLITests {
    @Test func putListDeleteThroughStandardInput() async throws {
        let folder = try TemporaryFolder()
        let sluice = try BinaryRunner.sluice()
        let environment = ["SLUICE_DATA_DIR": folder.path, "SLUICE_MASTER_KEY": ""]
        let put = try await sluice.run(["secret", "put", "appdb-password"], stdin: "hunter2\n", environment: environment)
        #expect(put.exitCode == 0, "\(put)")
        #expect(put.stderr == "Stored secret 'appdb-password' in \(folder.path)/secrets.\n")
        #expect(!put.stdout.contains("hunter2") && !put.stderr.contains("hunter2"))
        #expect(!(try folder.read("secrets/appdb-password.secret")).contains("hunter2"))

        let again = try await sluice.run(["secret", "put", "appdb-password", "--data-dir", folder.path], stdin: "rotated")
        #expect(again.stderr == "Replaced secret 'appdb-password' in \(folder.path)/secrets.\n")

        let list = try await sluice.run(["secret", "list"], environment: environment)
        #expect(list.exitCode == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.first == "ID              UPDATED")
        #expect(lines.count == 2 && lines[1].hasPrefix("appdb-password  20"))
        #expect(!list.stdout.contains("rotated"))

        let delete = try await sluice.run(["secret", "delete", "appdb-password"], environment: environment)
        #expect(delete.exitCode == 0)
        let missing = try await sluice.run(["secret", "delete", "appdb-password"], environment: environment)
        #expect(missing.exitCode == 64)
        #expect(missing.stderr.hasPrefix("Error: Secret 'appdb-password' not found; create it with `sluice secret put appdb-password`.\n"))
    }

    @Test func valuesAreNotTakenFromArguments() async throws {
        let result = try await BinaryRunner.sluice().run(["secret", "put", "appdb-password", "hunter2"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("Unexpected argument 'hunter2'"))
    }
}
