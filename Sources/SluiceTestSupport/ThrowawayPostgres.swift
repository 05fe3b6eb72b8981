import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A throwaway PostgreSQL cluster for integration tests: started once per test process on
/// first use, shared by every suite, and stopped (its folder deleted) when the process exits.
///
/// The server runs from Debian's binaries (`/usr/lib/postgresql/<version>/bin`; the setup
/// script installs them) on 127.0.0.1 and a free port, in a temporary folder, as the
/// `postgres` user when the tests run as root (PostgreSQL refuses root). TCP logins need a
/// SCRAM password; the superuser logs in over the Unix socket in the folder. Durability is
/// off (`fsync=off`): the cluster lives for one test run.
///
/// A watchdog process stops the server if the test process dies without running its exit
/// handlers (a crash or `kill -9`), so no server outlives its tests.
///
///     let postgres = try ThrowawayPostgres.shared()
///     let database = try postgres.createDatabase("introspection")
///     try postgres.psql("CREATE TABLE t (id int)", database: database)
public final class ThrowawayPostgres: Sendable {
    public let host = "127.0.0.1"
    public let port: Int
    /// The login role tests connect as (a password login over TCP, not a superuser).
    public let user = "sluice_test"
    public let password = "sluice-test-pw"
    /// A database owned by ``user``.
    public let database = "sluice_test"
    /// The PostgreSQL major version the cluster runs.
    public let majorVersion: Int

    /// The cluster's folder (data directory, socket, log).
    public let folder: String
    private let binaries: String

    /// Why a cluster could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The process's cluster, started on the first call.
    public static func shared() throws -> ThrowawayPostgres {
        try sharedCluster.get()
    }

    private static let sharedCluster: Result<ThrowawayPostgres, any Error> = Result { try ThrowawayPostgres(tls: false) }

    /// A second cluster of the process, with TLS on: a self-signed certificate for
    /// `localhost` and 127.0.0.1 (``certificatePath``), made with `openssl` on first use.
    public static func sharedWithTLS() throws -> ThrowawayPostgres {
        try sharedTLSCluster.get()
    }

    private static let sharedTLSCluster: Result<ThrowawayPostgres, any Error> = Result { try ThrowawayPostgres(tls: true) }

    /// The server's certificate (PEM) when TLS is on: the authority to trust for verify-full.
    public var certificatePath: String? { usesTLS ? "\(folder)/server.crt" : nil }
    public let usesTLS: Bool

    private init(tls: Bool) throws {
        usesTLS = tls
        var device = stat()
        guard stat("/dev/null", &device) == 0, (device.st_mode & S_IFMT) == S_IFCHR else {
            // initdb runs `sh -c '… > /dev/null'`; a regular file there (left by a tool that
            // replaced it with a rename) makes it fail with "Permission denied".
            throw Failure(description: "/dev/null is not the null device (a file replaced it). Restore it as root: rm /dev/null && mknod -m 666 /dev/null c 1 3")
        }
        let (binaries, majorVersion) = try Self.locateBinaries()
        self.binaries = binaries
        self.majorVersion = majorVersion
        folder = FileManager.default.temporaryDirectory.path + "/sluice-postgres-\(getpid())-\(UUID().uuidString.prefix(8))"
        port = try LoopbackPort.free()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        do {
            try Self.handOver(folder)
            try run("\(binaries)/initdb", [
                "-D", "\(folder)/data", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync",
                "--auth-local=trust", "--auth-host=scram-sha-256",
            ])
            var options = [
                "-c listen_addresses=127.0.0.1", "-p \(port)", "-c unix_socket_directories='\(folder)'",
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=60",
                "-c shared_buffers=32MB", "-c log_min_messages=warning",
            ]
            if tls {
                // Made as the server's user: the key must be owned by it and private (0600).
                try run("/usr/bin/openssl", [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", "\(folder)/server.key", "-out", "\(folder)/server.crt",
                ])
                options += ["-c ssl=on", "-c ssl_cert_file='\(folder)/server.crt'", "-c ssl_key_file='\(folder)/server.key'"]
            }
            try run("\(binaries)/pg_ctl", [
                "-D", "\(folder)/data", "-l", "\(folder)/server.log", "-o", options.joined(separator: " "), "-w", "-t", "60", "start",
            ])
        } catch {
            // Nothing started: leave no folder behind.
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        Self.registerCleanup(folder: folder, binaries: binaries)
        try psql("CREATE ROLE \(user) LOGIN PASSWORD '\(password)'", database: "postgres")
        try psql("CREATE DATABASE \(database) OWNER \(user)", database: "postgres")
    }

    /// Creates a fresh database owned by ``user`` (dropping an earlier one of the same name),
    /// so each suite has its own tables; returns its name.
    @discardableResult
    public func createDatabase(_ name: String) throws -> String {
        try psql("DROP DATABASE IF EXISTS \"\(name)\"", database: "postgres")
        try psql("CREATE DATABASE \"\(name)\" OWNER \(user)", database: "postgres")
        return name
    }

    /// Runs SQL as the superuser over the Unix socket and returns psql's unaligned output
    /// (`|` between columns, one row per line). Stops at the first error and throws it.
    @discardableResult
    public func psql(_ sql: String, database: String? = nil) throws -> String {
        try run("\(binaries)/psql", [
            "-h", folder, "-p", String(port), "-U", "postgres", "-d", database ?? self.database,
            "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", sql,
        ])
    }

    /// `jdbc:postgresql://127.0.0.1:<port>/<database>`.
    public func jdbcURL(database: String? = nil) -> String {
        "jdbc:postgresql://\(host):\(port)/\(database ?? self.database)"
    }

    // MARK: Running the server's programs

    /// Runs a PostgreSQL program as the `postgres` user (when we are root) from inside the
    /// cluster folder, and returns its standard output; a failure throws with its output.
    @discardableResult
    private func run(_ program: String, _ arguments: [String]) throws -> String {
        try Self.run(program, arguments, folder: folder)
    }

    @discardableResult
    private static func run(_ program: String, _ arguments: [String], folder: String) throws -> String {
        let asPostgres = getuid() == 0
        let executable = asPostgres ? "/usr/sbin/runuser" : program
        let fullArguments = [executable] + (asPostgres ? ["-u", "postgres", "--", program] + arguments : arguments)
        let name = (program as NSString).lastPathComponent
        let outputPath = "\(folder)/\(name)-\(UUID().uuidString.prefix(8)).out"
        defer { unlink(outputPath) }
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        environment["PGTZ"] = "UTC"
        let status = try spawnAndWait(
            fullArguments, environment: environment.map { "\($0.key)=\($0.value)" }, directory: folder, outputPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) failed with exit status \(status):\n\(text)")
        }
        return text
    }

    /// Runs a program with posix_spawn and waits for it: output to a file, input from
    /// /dev/null, no other descriptors inherited. (Not Foundation's `Process`: `pg_ctl start`
    /// leaves a server behind that would inherit its descriptors, and `Process` then never
    /// reports the exit.)
    private static func spawnAndWait(_ arguments: [String], environment: [String], directory: String, outputPath: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = SpawnExtensions.closeFrom?(&actions, 3)
        // Started elsewhere, PostgreSQL's programs only warn that they cannot read the old directory.
        _ = SpawnExtensions.changeDirectory?(&actions, directory)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard result == 0 else {
            throw Failure(description: "Cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "waitpid failed: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot see.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    private static func locateBinaries() throws -> (String, Int) {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init)
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/postgres") }
        // Prefer 15 (what CI installs), else the newest.
        guard let version = versions.contains(15) ? 15 : versions.max() else {
            throw Failure(description: "No PostgreSQL server binaries under \(root)/<version>/bin. Run scripts/setup.sh --test (it installs Debian's postgresql package).")
        }
        return ("\(root)/\(version)/bin", version)
    }

    /// Gives the folder to the `postgres` user when we are root (the server refuses root).
    private static func handOver(_ folder: String) throws {
        guard getuid() == 0 else { return }
        guard let entry = getpwnam("postgres") else {
            throw Failure(description: "Tests run as root but there is no 'postgres' user to run the server as. Install Debian's postgresql package (scripts/setup.sh --test).")
        }
        guard chown(folder, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
            throw Failure(description: "chown postgres \(folder) failed: \(String(cString: strerror(errno)))")
        }
    }

    // MARK: Stopping

    /// The clusters the exit handler stops, guarded by `cleanupLock`.
    nonisolated(unsafe) private static var clusters: [(folder: String, binaries: String)] = []
    private static let cleanupLock = NSLock()

    private static func registerCleanup(folder: String, binaries: String) {
        cleanupLock.lock()
        defer { cleanupLock.unlock() }
        if clusters.isEmpty {
            atexit {
                ThrowawayPostgres.cleanupLock.lock()
                let clusters = ThrowawayPostgres.clusters
                ThrowawayPostgres.cleanupLock.unlock()
                for (folder, binaries) in clusters {
                    _ = try? ThrowawayPostgres.run("\(binaries)/pg_ctl", ["-D", "\(folder)/data", "-m", "immediate", "-w", "stop"], folder: folder)
                    try? FileManager.default.removeItem(atPath: folder)
                }
            }
        }
        clusters.append((folder, binaries))
        startWatchdog(folder: folder)
    }

    /// A shell loop that waits for this process to go away, then stops the server (by the
    /// postmaster's pid in its pid file) and removes the folder. It does nothing when the
    /// exit handler got there first.
    private static func startWatchdog(folder: String) {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            if [ -f '\(folder)/data/postmaster.pid' ]; then
              kill -QUIT "$(head -n 1 '\(folder)/data/postmaster.pid')" 2>/dev/null
              sleep 2
            fi
            rm -rf '\(folder)'
            """
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = SpawnExtensions.closeFrom?(&actions, 3)
        let argv: [UnsafeMutablePointer<CChar>?] = ([String](["/bin/sh", "-c", script])).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        _ = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` and `…_addchdir_np`, which Swift's
/// Glibc module does not show (they need `_GNU_SOURCE`); looked up at run time.
private enum SpawnExtensions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static let closeFrom: CloseFrom? = lookUp("posix_spawn_file_actions_addclosefrom_np")
    static let changeDirectory: ChangeDirectory? = lookUp("posix_spawn_file_actions_addchdir_np")

    private static func lookUp<Function>(_ name: String) -> Function? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }
}
