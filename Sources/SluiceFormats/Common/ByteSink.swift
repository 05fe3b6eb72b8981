#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// Writes bytes to a file atomically: everything goes to a hidden temporary file beside the
/// target, which ``commit()`` renames into place, so readers see the whole file or none.
/// A `.gz` target (or `compress: true`) is gzip-compressed on the way. `-` writes to stdout;
/// a device or pipe (`/dev/null`, `/dev/stdout`) is written in place.
public final class ByteSink {
    public let path: String
    private let temporaryPath: String?
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let deflater: GzipDeflater?
    private var closed = false
    /// Bytes handed to the sink so far (before compression).
    public private(set) var bytesWritten = 0

    /// Buffered bytes before a write to disk.
    static let flushThresholdBytes = 1 << 20

    public init(path: String, compress: Bool? = nil) throws(SluiceError) {
        self.path = path
        let shouldCompress = compress ?? path.hasSuffix(".gz")
        if shouldCompress {
            deflater = try GzipDeflater()
        } else {
            deflater = nil
        }
        if path == "-" {
            temporaryPath = nil
            descriptor = STDOUT_FILENO
        } else if FileSystem.isSpecialFile(path) {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { throw SluiceError.io("write", path: path, errno: errno) }
            temporaryPath = nil
            self.descriptor = descriptor
        } else {
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { String(path[..<$0]) } ?? "."
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            let temporary = "\(folder)/.\(name).sluice-tmp-\(getpid())"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                let code = errno
                if code == ENOENT {
                    throw SluiceError(
                        domain: .io, code: "file.folderNotFound",
                        message: "Cannot write '\(path)': the folder '\(folder)' does not exist.",
                        hint: "Create it first (mkdir -p '\(folder)').")
                }
                throw SluiceError.io("write", path: path, errno: code)
            }
            temporaryPath = temporary
            self.descriptor = descriptor
        }
        buffer.reserveCapacity(ByteSink.flushThresholdBytes * 2)
    }

    deinit {
        if !closed { abort() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(SluiceError) {
        bytesWritten += bytes.count
        if let deflater {
            deflater.deflate(bytes, final: false, into: &buffer)
        } else {
            buffer.append(contentsOf: bytes)
        }
        if buffer.count >= ByteSink.flushThresholdBytes { try flush() }
    }

    public func write(_ bytes: [UInt8]) throws(SluiceError) {
        try bytes.withBytes { (raw) throws(SluiceError) in try write(raw) }
    }

    private func flush() throws(SluiceError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SluiceError.io("write", path: path, errno: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws(SluiceError) {
        if let deflater {
            deflater.deflate(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: &buffer)
        }
        try flush()
        closed = true
        guard let temporaryPath else {
            if descriptor != STDOUT_FILENO { close(descriptor) }
            return
        }
        if fsync(descriptor) != 0 { throw SluiceError.io("write", path: path, errno: errno) }
        close(descriptor)
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw SluiceError.io("write", path: path, errno: code)
        }
    }

    /// Drops everything written; the target is left as it was.
    public func abort() {
        closed = true
        guard let temporaryPath else {
            if descriptor != STDOUT_FILENO { close(descriptor) }
            return
        }
        close(descriptor)
        unlink(temporaryPath)
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
