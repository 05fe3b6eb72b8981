import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a built executable of this package (by default `sluice`) the way a user would:
/// arguments, optional standard input, extra environment variables and a working folder,
/// with a time limit. End-to-end tests compare its exit code, stdout and stderr.
///
///     let sluice = try BinaryRunner.sluice()
///     let result = try await sluice.run(["schema", path])
///     #expect(result.exitCode == 0)
public struct BinaryRunner: Sendable {
    /// What one run produced. Output is decoded as UTF-8 (invalid bytes become U+FFFD).
    public struct Result: Sendable, Equatable, CustomStringConvertible {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String

        public init(exitCode: Int32, stdout: String, stderr: String) {
            self.exitCode = exitCode
            self.stdout = stdout
            self.stderr = stderr
        }

        public var succeeded: Bool { exitCode == 0 }

        public var description: String {
            "exit code \(exitCode)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
        }
    }

    /// Why a run could not give a result.
    public enum Failure: Error, CustomStringConvertible {
        /// No built executable was found; `searched` lists the paths tried.
        case executableNotFound(name: String, searched: [String])
        /// The process ran past its time limit and was killed.
        case timedOut(command: String, seconds: Double, stdout: String, stderr: String)

        public var description: String {
            switch self {
            case .executableNotFound(let name, let searched):
                "The built '\(name)' executable was not found. Searched:\n"
                    + searched.map { "  \($0)" }.joined(separator: "\n")
                    + "\nRun 'swift build' first, or set SLUICE_BINARY to its path."
            case .timedOut(let command, let seconds, let stdout, let stderr):
                "'\(command)' did not finish within \(seconds) seconds and was killed.\n"
                    + "--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
            }
        }
    }

    /// Absolute path of the executable this runner starts.
    public let executablePath: String

    public init(executablePath: String) {
        self.executablePath = executablePath
    }

    /// A runner for the `sluice` executable built with the tests.
    public static func sluice() throws -> BinaryRunner {
        BinaryRunner(executablePath: try locateExecutable(named: "sluice"))
    }

    /// Finds a built executable of this package: `$SLUICE_BINARY` (for `sluice`) when set,
    /// else next to the running test bundle (the build products folder), else in
    /// `.build/debug` or `.build/release` of the package that holds this source file.
    public static func locateExecutable(named name: String, filePath: String = #filePath) throws -> String {
        let candidates = candidatePaths(named: name, filePath: filePath)
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue {
                return candidate
            }
        }
        throw Failure.executableNotFound(name: name, searched: candidates)
    }

    static func candidatePaths(named name: String, filePath: String) -> [String] {
        var folders: [String] = []
        if name == "sluice", let override = ProcessInfo.processInfo.environment["SLUICE_BINARY"], !override.isEmpty {
            return [override]
        }
        // The test runner itself (Linux: .build/<triple>/debug/SluicePackageTests.xctest).
        if let executable = Bundle.main.executablePath {
            folders.append(URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        if let first = CommandLine.arguments.first, first.contains("/") {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        // macOS: the products folder holds `SluicePackageTests.xctest/Contents/MacOS/…`.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().path)
        }
        // The package's own build folder, found from this source file.
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                folders.append(directory.appendingPathComponent(".build/debug").path)
                folders.append(directory.appendingPathComponent(".build/release").path)
                break
            }
            directory.deleteLastPathComponent()
        }
        var seen = Set<String>()
        return folders.map { "\($0)/\(name)" }.filter { seen.insert($0).inserted }
    }

    /// Runs the executable and waits for it, at most `timeoutSeconds` (then it is killed and
    /// ``Failure/timedOut(command:seconds:stdout:stderr:)`` thrown). `environment` is added to
    /// (and overrides) the test process's environment; `workingDirectory` defaults to the
    /// test process's.
    public func run(
        _ arguments: [String],
        stdin: String? = nil,
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        timeoutSeconds: Double = 60
    ) async throws -> Result {
        try await run(
            arguments, stdinBytes: stdin.map { Array($0.utf8) }, environment: environment,
            workingDirectory: workingDirectory, timeoutSeconds: timeoutSeconds)
    }

    /// ``run(_:stdin:environment:workingDirectory:timeoutSeconds:)`` with raw bytes on stdin.
    public func run(
        _ arguments: [String],
        stdinBytes: [UInt8]?,
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        timeoutSeconds: Double = 60
    ) async throws -> Result {
        let executablePath = executablePath
        return try await withCheckedThrowingContinuation { continuation in
            // Blocking waits happen on a thread of their own, never on Swift's cooperative pool
            // (nor on Dispatch's, which adds threads only slowly when its few threads block).
            BinaryRunner.startThread {
                do {
                    continuation.resume(returning: try BinaryRunner.runBlocking(
                        executablePath: executablePath, arguments: arguments, stdinBytes: stdinBytes,
                        environment: environment, workingDirectory: workingDirectory, timeoutSeconds: timeoutSeconds))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func runBlocking(
        executablePath: String, arguments: [String], stdinBytes: [UInt8]?, environment: [String: String],
        workingDirectory: String?, timeoutSeconds: Double
    ) throws -> Result {
        ignoreBrokenPipeSignal
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        // Without input the child reads an empty /dev/null (never the test runner's stdin).
        // (`FileHandle.nullDevice` is not a real descriptor in swift-corelibs-foundation.)
        process.standardInput = stdinBytes == nil ? FileHandle(forReadingAtPath: "/dev/null") : inputPipe

        let collected = CollectedOutput()
        let readers = DispatchGroup()
        for (pipe, isError) in [(outputPipe, false), (errorPipe, true)] {
            let handle = pipe.fileHandleForReading
            readers.enter()
            startThread {
                collected.store(handle.readDataToEndOfFile(), isError: isError)
                readers.leave()
            }
        }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // The child has its own copies now; ours must close or the readers never see the end.
        try? outputPipe.fileHandleForWriting.close()
        try? errorPipe.fileHandleForWriting.close()
        if stdinBytes != nil { try? inputPipe.fileHandleForReading.close() }
        if let stdinBytes {
            let handle = inputPipe.fileHandleForWriting
            startThread {
                // The process may exit without reading everything; EPIPE is expected then.
                try? handle.write(contentsOf: Data(stdinBytes))
                try? handle.close()
            }
        }
        let processIdentifier = process.processIdentifier
        let deadline = DispatchTime.now() + timeoutSeconds
        var timedOut = false
        if finished.wait(timeout: deadline) == .timedOut {
            timedOut = true
            // Children first: swift-corelibs-foundation reports the exit only once the output
            // pipes close, and a grandchild (`sh -c 'sleep 99'`) keeps them open.
            for descendant in descendants(of: processIdentifier) { kill(descendant, SIGKILL) }
            kill(processIdentifier, SIGTERM)
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        // Output readers end when every writer of the pipes closed them; a child that left a
        // grandchild holding them open gets a few seconds more, then its output is cut.
        _ = readers.wait(timeout: .now() + 5)
        let (stdout, stderr) = collected.texts()
        if timedOut {
            let command = ([executablePath] + arguments).joined(separator: " ")
            throw Failure.timedOut(command: command, seconds: timeoutSeconds, stdout: stdout, stderr: stderr)
        }
        return Result(exitCode: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Every process below `root` (Linux, from /proc; elsewhere none are needed).
    private static func descendants(of root: Int32) -> [Int32] {
        #if os(Linux)
        var childrenByParent: [Int32: [Int32]] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let nameEnd = stat.lastIndex(of: ")")
            else { continue }
            // Fields after "(name)": state, then the parent's pid.
            let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { childrenByParent[parent, default: []].append(pid) }
        }
        var result: [Int32] = []
        var pending = [root]
        while let next = pending.popLast() {
            let children = childrenByParent[next] ?? []
            result.append(contentsOf: children)
            pending.append(contentsOf: children)
        }
        return result
        #else
        return []
        #endif
    }

    private static func startThread(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.start()
    }

    /// Writing to a pipe whose reader has exited must fail with EPIPE, not kill the tests.
    private static let ignoreBrokenPipeSignal: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}

/// Output gathered by reader threads.
// @unchecked Sendable: every access to the two buffers happens under `lock`.
private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var stdout = Data()
    private var stderr = Data()

    func store(_ data: Data, isError: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isError { stderr = data } else { stdout = data }
    }

    func texts() -> (String, String) {
        lock.lock()
        defer { lock.unlock() }
        return (String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
