import ArgumentParser
import Foundation
import Logging
import SluiceCatalog
import SluiceCore
import SluiceServer
import SluiceStreams

/// `sluice server`: the long-running process that serves the AWS APIs.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the Sluice server: streams with the Kinesis API, /health and /metrics.",
        discussion: """
            Listens on 127.0.0.1:4566 unless --host/--port say otherwise, and keeps everything under \
            the data directory (--data-dir, else $SLUICE_DATA_DIR, else ~/.sluice): streams in \
            <data-dir>/streams. boto3 and the aws CLI talk to it with --endpoint-url \
            http://127.0.0.1:4566 (JSON 1.1, X-Amz-Target). GET /health answers {"status":"ok"}; \
            GET /metrics is Prometheus text.

            Durability: by default every write request is answered only after fdatasync, so an \
            acknowledged record survives a crash or power loss. --group-commit-ms N lets the writers \
            of an N-millisecond window share one sync; --durability none skips syncing (tests only).

            Signatures: with --access-key-id and --secret-access-key (or $SLUICE_ACCESS_KEY_ID and \
            $SLUICE_SECRET_ACCESS_KEY) every request must carry a valid SigV4 signature by that key; \
            without them any signature is accepted.

            SIGINT (Ctrl-C) or SIGTERM stop it gracefully: requests in flight finish, logs are synced.

            Examples:
              sluice server
              sluice server --port 4567 --data-dir /tmp/sluice
              aws --endpoint-url http://127.0.0.1:4566 kinesis list-streams
            """)

    enum Durability: String, ExpressibleByArgument, CaseIterable {
        case fsync
        case unsynced = "none"
    }

    @Option(name: .long, help: "Address to listen on.") var host = ServerConfiguration.defaultHost
    @Option(name: .long, help: "Port to listen on.") var port = ServerConfiguration.defaultPort
    @OptionGroup var data: DataDirectoryOptions
    @Option(name: .long, help: "fsync (every acknowledged record is on disk) or none (tests only).") var durability: Durability = .fsync
    @Option(name: .long, help: ArgumentHelp("Let writers of this many milliseconds share one fsync.", valueName: "ms"))
    var groupCommitMs: Int?
    @Flag(name: .long, help: "Enforce Kinesis's per-shard write limits (1 MiB/s, 1,000 records/s).") var shardLimits = false
    @Option(name: .long, help: "Require SigV4 signatures by this access key id.") var accessKeyId: String?
    @Option(name: .long, help: "The secret of --access-key-id.") var secretAccessKey: String?
    @Option(name: .long, help: ArgumentHelp("How long shard iterators stay valid (tests shorten it).", visibility: .hidden))
    var iteratorLifetimeSeconds = 300
    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
        if let groupCommitMs, !(1...1000).contains(groupCommitMs) {
            throw ValidationError("--group-commit-ms must be between 1 and 1000.")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let keyId = accessKeyId ?? environment["SLUICE_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = secretAccessKey ?? environment["SLUICE_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if (keyId == nil) != (secret == nil) {
            throw ValidationError("Give both --access-key-id and --secret-access-key, or neither.")
        }
        let durabilityPolicy: DurabilityPolicy =
            durability == .unsynced ? .noSync : groupCommitMs.map { .groupCommit(windowMilliseconds: $0) } ?? .syncPerRequest
        let configuration = ServerConfiguration(
            host: host, port: port, dataDirectory: data.dataDirectory, durability: durabilityPolicy,
            shardWriteLimits: shardLimits ? .kinesis : nil,
            credentials: keyId.flatMap { id in secret.map { [id: $0] } } ?? [:], iteratorLifetimeSeconds: iteratorLifetimeSeconds)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "sluice.server")
        let dataPath = configuration.dataDirectory.path
        try await reportingErrors { () async throws(SluiceError) in
            try await SluiceServer.run(configuration, logger: logger) { address in
                Terminal.writeError("Sluice server listening on http://\(address) (data: \(dataPath)); Ctrl-C stops it.\n")
            }
        }
    }
}
