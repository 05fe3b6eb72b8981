#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore
import SluiceFormats
import Synchronization

/// The folder one query spills into: `sluice-spill-<pid>-<random>` under the temporary folder
/// (``QueryOptions/spillParentPath``, else `$TMPDIR`, else `/tmp`). It is made at the first
/// spill only, and removed with everything in it when the query ends — on success, on an
/// error, when its reader is dropped early, or (through ``QueryEngine/removeActiveSpillFolders()``)
/// when the CLI is interrupted. Folders that a killed process left behind are removed by the
/// next query that spills into the same temporary folder.
final class SpillDirectory: Sendable {
    /// The temporary folder the query's folder goes into.
    let parentPath: String
    private let state = Mutex<State>(State())

    private struct State {
        var path: String?
        var nextFile = 0
        var removed = false
    }

    /// Folder names start with this, then the process id.
    static let namePrefix = "sluice-spill-"

    init(parentPath: String?) {
        let parent = parentPath ?? Self.systemTemporaryPath
        self.parentPath = parent.count > 1 && parent.hasSuffix("/") ? String(parent.dropLast()) : parent
    }

    deinit { remove() }

    /// `$TMPDIR`, else `/tmp`.
    static var systemTemporaryPath: String {
        if let value = getenv("TMPDIR"), let text = String(validatingCString: value), !text.isEmpty { return text }
        return "/tmp"
    }

    /// The query's folder, if a spill made it.
    var path: String? { state.withLock { $0.path } }

    /// A new file name in the query's folder (made now if needed), e.g. `.../sort-run-3.parquet`.
    func newFilePath(_ stem: String) throws(SluiceError) -> String {
        let parentPath = self.parentPath
        return try state.withLock { (state) throws(SluiceError) -> String in
            guard !state.removed else {
                throw SluiceError.internal("A query spilled after its spill folder was removed.", domain: .query)
            }
            let folder: String
            if let path = state.path {
                folder = path
            } else {
                folder = try Self.makeFolder(in: parentPath)
                state.path = folder
                ActiveSpillFolders.shared.insert(folder)
            }
            state.nextFile += 1
            return "\(folder)/\(stem)-\(state.nextFile).parquet"
        }
    }

    /// Deletes the folder and its files; later spills fail. Safe to call more than once.
    func remove() {
        let path = state.withLock { state -> String? in
            state.removed = true
            defer { state.path = nil }
            return state.path
        }
        guard let path else { return }
        FileSystem.removeTree(path)
        ActiveSpillFolders.shared.remove(path)
    }

    private static func makeFolder(in parent: String) throws(SluiceError) -> String {
        do throws(SluiceError) {
            try FileSystem.createFolders(parent)
        } catch {
            throw SluiceError(
                domain: .io, code: "spill.folder",
                message: "Cannot spill to disk: \(error.message)",
                hint: "Choose a temporary folder you may write to with --temp-dir (or SLUICE_TEMP_DIR), or raise --memory-limit.")
        }
        removeAbandonedFolders(in: parent)
        for _ in 0..<8 {
            let name = "\(namePrefix)\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
            let path = "\(parent)/\(name)"
            if mkdir(path, 0o700) == 0 { return path }
            let code = errno
            if code == EEXIST { continue }
            throw SluiceError(
                domain: .io, code: "spill.folder",
                message: "Cannot spill to disk: making the folder '\(path)' failed: \(String(cString: strerror(code))).",
                hint: "Choose a temporary folder you may write to with --temp-dir (or SLUICE_TEMP_DIR), or raise --memory-limit.")
        }
        throw SluiceError.internal("Eight random spill folder names under '\(parent)' were all taken.", domain: .io)
    }

    /// Removes `sluice-spill-<pid>-*` folders of processes that no longer run (killed before
    /// they could clean up).
    private static func removeAbandonedFolders(in parent: String) {
        guard let names = try? FileSystem.entries(of: parent) else { return }
        for name in names where name.hasPrefix(namePrefix) {
            let rest = name.dropFirst(namePrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { FileSystem.removeTree("\(parent)/\(name)") }
        }
    }
}

/// Every spill folder of this process that exists now, so an interrupted CLI can remove them.
final class ActiveSpillFolders: Sendable {
    static let shared = ActiveSpillFolders()
    private let paths = Mutex<Set<String>>([])

    func insert(_ path: String) { _ = paths.withLock { $0.insert(path) } }
    func remove(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// Removes every folder (and forgets them).
    func removeAll() {
        let all = paths.withLock { paths in
            defer { paths.removeAll() }
            return paths
        }
        for path in all { FileSystem.removeTree(path) }
    }
}

extension QueryEngine {
    /// Removes the spill folders of every running query of this process: for a signal handler
    /// (Ctrl-C) that is about to exit. Queries that go on spilling afterwards fail.
    public static func removeActiveSpillFolders() {
        ActiveSpillFolders.shared.removeAll()
    }
}
