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

    /// True when `path` exists and is neither a regular file nor a folder (`/dev/null`, a FIFO,
    /// a terminal): written in place, since renaming a file over it would replace the device.
    public static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind != S_IFREG && kind != S_IFDIR
    }

    /// Opens a file for reading and returns its descriptor and size; a missing file, a
    /// folder or an unreadable file is an I/O error naming the path.
    public static func openForReading(_ path: String) throws(SluiceError) -> (descriptor: Int32, sizeBytes: Int) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw SluiceError.io("read", path: path, errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw SluiceError.io("read", path: path, errno: code)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw SluiceError.io("read", path: path, errno: EISDIR)
        }
        return (descriptor, Int(info.st_size))
    }

    /// Deletes `path` and everything under it (files, folders); a missing path is fine.
    /// For dropping a partial output that Sluice itself created.
    public static func removeTree(_ path: String) {
        guard isDirectory(path), let names = try? entries(of: path) else {
            unlink(path)
            return
        }
        for name in names { removeTree(path + "/" + name) }
        rmdir(path)
    }

    /// True when `path` is a folder with nothing in it.
    public static func isEmptyDirectory(_ path: String) -> Bool {
        (try? entries(of: path))?.isEmpty ?? false
    }

    /// The names in a folder, without `.` and `..`.
    public static func entries(of folder: String) throws(SluiceError) -> [String] {
        guard let directory = opendir(folder) else { throw SluiceError.io("list", path: folder, errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Renames `source` to `target` (same file system), replacing an empty folder `target`.
    public static func move(_ source: String, to target: String) throws(SluiceError) {
        if isEmptyDirectory(target) { rmdir(target) }
        guard rename(source, target) == 0 else { throw SluiceError.io("write", path: target, errno: errno) }
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
