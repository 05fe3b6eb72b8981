#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore
import SluiceFormats

/// The few system calls the segment log makes, each turning a failure into an I/O error that
/// names the file.
enum LogFile {
    static func openForAppending(_ path: String) throws(SluiceError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SluiceError.io("open", path: path, errno: errno) }
        return descriptor
    }

    static func openForReading(_ path: String) throws(SluiceError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SluiceError.io("read", path: path, errno: errno) }
        return descriptor
    }

    /// Writes all of `bytes`, retrying short writes and interruptions.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(SluiceError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(descriptor, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw SluiceError.io("write", path: path, errno: errno)
            }
            written += result
        }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    static func read(_ descriptor: Int32, offset: Int, count: Int, path: String) throws(SluiceError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(descriptor, base + filled, count - filled, off_t(offset + filled))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw SluiceError.io("read", path: path, errno: errno)
            }
            if result == 0 { break }
            filled += result
        }
        if filled < count { bytes.removeLast(count - filled) }
        return bytes
    }

    static func sync(_ descriptor: Int32, path: String) throws(SluiceError) {
        #if canImport(Glibc)
        guard fdatasync(descriptor) == 0 else { throw SluiceError.io("sync", path: path, errno: errno) }
        #else
        guard fsync(descriptor) == 0 else { throw SluiceError.io("sync", path: path, errno: errno) }
        #endif
    }

    /// Makes a folder's entries (a created, renamed or deleted file) durable.
    static func syncFolder(_ path: String) throws(SluiceError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SluiceError.io("open", path: path, errno: errno) }
        defer { _ = Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SluiceError.io("sync", path: path, errno: errno) }
    }

    static func truncate(_ path: String, toBytes size: Int) throws(SluiceError) {
        guard Glibc.truncate(path, off_t(size)) == 0 else { throw SluiceError.io("truncate", path: path, errno: errno) }
    }

    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    static func remove(_ path: String) {
        unlink(path)
    }
}
