import Foundation
import SluiceTestSupport
import Testing

/// `sluice server` against the real clients: boto3 and the aws CLI, unmodified. Each scenario
/// in `python/kinesis_clients.py` starts the built `sluice` as a server on a free loopback port
/// with its own data folder, and asserts on what the clients get back (see the script for the
/// details of each). Needs boto3 and awscli (`scripts/setup.sh --test`).
@Suite("sluice server with boto3 and the aws CLI", .serialized)
struct KinesisClientTests {
    static let pythonFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python").path

    func scenario(_ name: String, timeoutSeconds: Double = 120) async throws -> BinaryRunner.Result {
        let folder = try TemporaryFolder(prefix: "sluice-server-\(name)")
        let binary = try BinaryRunner.locateExecutable(named: "sluice")
        return try await BinaryRunner(executablePath: "/usr/bin/env").run(
            ["python3", "\(Self.pythonFolder)/kinesis_clients.py", binary, folder.path, name],
            environment: ["PYTHONPATH": Self.pythonFolder, "PYTHONDONTWRITEBYTECODE": "1"],
            timeoutSeconds: timeoutSeconds)
    }

    @Test("the whole stream lifecycle: create, put with a partial failure, read every shard, reshard, restart, delete")
    func lifecycle() async throws {
        let result = try await scenario("lifecycle")
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("PASS lifecycle: 422 records read back once each"), "\(result)")
    }

    @Test("bad input gets AWS error types and the server stays up")
    func badInput() async throws {
        let result = try await scenario("bad-input")
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("PASS bad-input: 23 bad requests"), "\(result)")
    }

    @Test("with access keys configured, SigV4 signatures are verified")
    func signatures() async throws {
        let result = try await scenario("signatures")
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("PASS signatures"), "\(result)")
    }

    @Test("the aws CLI works against the server unmodified")
    func awsCLI() async throws {
        let result = try await scenario("awscli")
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("PASS awscli"), "\(result)")
    }

    @Test("kill -9 while clients write loses no acknowledged record and stores none twice")
    func crashSafety() async throws {
        let result = try await scenario("crash")
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("PASS crash: 3 kill -9s"), "\(result)")
    }
}

@Suite("sluice stream commands against a running server", .serialized)
struct StreamCLITests {
    @Test("create, put, list, describe, get and tail; clear errors for a missing stream and a stopped server")
    func commands() async throws {
        let folder = try TemporaryFolder(prefix: "sluice-server-cli")
        let binary = try BinaryRunner.locateExecutable(named: "sluice")
        let result = try await BinaryRunner(executablePath: "/usr/bin/env").run(
            ["python3", "\(KinesisClientTests.pythonFolder)/kinesis_clients.py", binary, folder.path, "cli"],
            environment: ["PYTHONPATH": KinesisClientTests.pythonFolder, "PYTHONDONTWRITEBYTECODE": "1"],
            timeoutSeconds: 120)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("PASS cli"), "\(result)")
    }
}
