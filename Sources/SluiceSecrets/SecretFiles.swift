#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// The few file operations the secret store needs, with owner-only modes and atomic
/// replacement, and errors that name the path.
enum SecretFiles {
    /// The bytes of `path`, or nil when it does not exist.
    static func contents(of path: String) throws(SluiceError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw failure("read", path: path, errno: code)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("read", path: path, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            // Secrets are small; a huge file is not one of ours.
            if bytes.count > 1 << 20 {
                throw SluiceError(
                    domain: .io, code: "secret.fileTooLarge",
                    message: "'\(path)' is larger than 1 MiB, too large for a secret file.",
                    hint: "Check that the path names a secret or password file.")
            }
        }
        return bytes
    }

    /// Writes `bytes` to a temporary file beside `path` with mode 0600, then renames it
    /// over `path`, so readers see the old or the new content, never half of it.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SluiceError) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw failure("write", path: temporary, errno: errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw failure("write", path: path, errno: code)
            }
            written += count
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure("write", path: path, errno: code)
        }
    }

    /// Creates `path` with `bytes` and mode 0600 only if it does not exist yet; returns
    /// false when another process created it first.
    static func createExclusively(_ bytes: [UInt8], at path: String) throws(SluiceError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { return false }
            throw failure("create", path: path, errno: code)
        }
        let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
        guard count == bytes.count else {
            unlink(path)
            throw failure("write", path: path, errno: EIO)
        }
        return true
    }

    /// Creates the folder (and parents) with mode 0700 for the last one.
    static func createPrivateFolder(_ path: String) throws(SluiceError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        let components = path.split(separator: "/")
        for (index, component) in components.enumerated() {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            let mode: mode_t = index == components.count - 1 ? 0o700 : 0o755
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw failure("create", path: prefix, errno: errno)
            }
        }
    }

    /// The permission bits of `path`, or nil when it does not exist.
    static func permissions(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    /// Seconds since 1970 of the last change of `path`.
    static func modificationTime(of path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec)
    }

    /// The names in a folder, without `.` and `..`; an empty list when it does not exist.
    static func entries(of folder: String) throws(SluiceError) -> [String] {
        guard let directory = opendir(folder) else {
            if errno == ENOENT { return [] }
            throw failure("list", path: folder, errno: errno)
        }
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

    static func failure(_ operation: String, path: String, errno code: Int32) -> SluiceError {
        let reason = String(cString: strerror(code))
        if code == EACCES || code == EPERM {
            return SluiceError(
                domain: .io, code: "file.permissionDenied", message: "Permission denied to \(operation) '\(path)'.",
                hint: "Run Sluice as the user that owns the data directory, or fix the file's owner and mode.")
        }
        return SluiceError(
            domain: .io, code: "file.io", message: "Cannot \(operation) '\(path)': \(reason).",
            hint: "Check the disk and the file system that holds '\(path)', then run the command again.")
    }
}
