#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// Small file-system questions and `mkdir -p`, with errors that say which path failed and
/// what to do; shared by readers, writers and generators.
public enum FileSystem {
    /// Creates `path` and any missing parents; succeeds when the folder already exists.
    public static func createFolders(_ path: String) throws(SluiceError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if isDirectory(prefix) { continue }
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                if code == EEXIST && isDirectory(prefix) { continue }
                throw error(creating: prefix, errno: code)
            }
        }
    }

    /// The size of the file at `path` on disk, or 0 when it cannot be read (it is then
    /// reported when opened).
    public static func sizeBytes(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func error(creating folder: String, errno code: Int32) -> SluiceError {
        switch code {
        case EACCES, EPERM, EROFS:
            SluiceError(
                domain: .io, code: "file.permissionDenied",
                message: "Cannot create the folder '\(folder)': permission denied.",
                hint: "Choose an output folder you may write to, or fix the parent folder's owner and mode.")
        case EEXIST, ENOTDIR:
            SluiceError(
                domain: .io, code: "file.notAFolder",
                message: "Cannot create the folder '\(folder)': a file with that name is in the way.",
                hint: "Choose another output folder, or move the file away.")
        case ENOSPC:
            SluiceError(
                domain: .io, code: "file.diskFull",
                message: "No space left on the device to create the folder '\(folder)'.",
                hint: "Free some disk space and run the command again.")
        default:
            SluiceError(
                domain: .io, code: "file.io",
                message: "Cannot create the folder '\(folder)': \(String(cString: strerror(code))).",
                hint: "The system refused; check the disk and the file system that holds '\(folder)', then run the command again.")
        }
    }
}
