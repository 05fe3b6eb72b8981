import Testing
import SluiceTestSupport

@Suite struct BinaryRunnerTests {
    @Test func runsTheBuiltSluiceExecutable() async throws {
        let sluice = try BinaryRunner.sluice()
        let result = try await sluice.run([])
        #expect(result.exitCode == 0, "\(result)")
        #expect(!result.stdout.isEmpty)
    }

    @Test func passesStandardInputEnvironmentAndWorkingFolder() async throws {
        let folder = try TemporaryFolder()
        let shell = BinaryRunner(executablePath: "/bin/sh")
        let result = try await shell.run(
            ["-c", "cat; echo \"$SLUICE_TEST_VALUE\"; pwd; echo oops >&2; exit 3"],
            stdin: "from stdin\n", environment: ["SLUICE_TEST_VALUE": "héllo"], workingDirectory: folder.path)
        #expect(result.exitCode == 3)
        #expect(result.stdout == "from stdin\nhéllo\n\(folder.path)\n")
        #expect(result.stderr == "oops\n")
    }

    @Test func killsAProcessThatRunsPastItsTimeLimit() async throws {
        let shell = BinaryRunner(executablePath: "/bin/sh")
        await #expect(throws: BinaryRunner.Failure.self) {
            try await shell.run(["-c", "echo started; sleep 30"], timeoutSeconds: 0.5)
        }
    }
}
