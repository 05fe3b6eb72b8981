#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// Reads a file's bytes front to back in blocks, inflating gzip transparently (detected by
/// its magic bytes, whatever the file is called). Not thread-safe: one reader at a time.
public final class ByteSource {
    public let path: String
    /// True when the file is gzip-compressed.
    public let isCompressed: Bool
    private let descriptor: Int32
    private var inflater: GzipInflater?
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var rawBuffer = [UInt8](repeating: 0, count: ByteSource.rawBlockBytes)
    private var reachedEnd = false
    /// Bytes read from disk so far (compressed size for gzip), for progress reporting.
    public private(set) var bytesReadFromDisk = 0
    /// The file's size on disk.
    public let fileSizeBytes: Int

    /// Size of each read from disk: large enough to amortise system calls, small enough to
    /// keep memory bounded.
    static let rawBlockBytes = 1 << 20

    public init(path: String) throws(SluiceError) {
        self.path = path
        let (descriptor, sizeBytes) = try FileSystem.openForReading(path)
        self.descriptor = descriptor
        self.fileSizeBytes = sizeBytes
        // Sniff the gzip magic without consuming it.
        var magic: [UInt8] = [0, 0]
        let sniffed = magic.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 2, 0) }
        isCompressed = sniffed == 2 && magic[0] == 0x1f && magic[1] == 0x8b
        if isCompressed { inflater = try GzipInflater(path: path) }
        #if canImport(Glibc)
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    deinit { close(descriptor) }

    /// Appends up to `maximumBytes` (decompressed) bytes to `buffer`; returns how many were
    /// appended, 0 only at the end of the input.
    public func read(into buffer: inout [UInt8], maximumBytes: Int) throws(SluiceError) -> Int {
        guard let inflater else { return try readRaw(into: &buffer, maximumBytes: maximumBytes) }
        var appended = 0
        while appended < maximumBytes {
            if pendingOffset == pending.count {
                if reachedEnd { break }
                pending.removeAll(keepingCapacity: true)
                pendingOffset = 0
                let count = try readRaw(into: &pending, maximumBytes: ByteSource.rawBlockBytes)
                if count == 0 {
                    reachedEnd = true
                    try inflater.finish()
                    break
                }
            }
            let (consumed, produced) = try inflater.inflate(
                input: pending, from: pendingOffset, into: &buffer, maximumOutput: maximumBytes - appended)
            pendingOffset += consumed
            appended += produced
            if consumed == 0 && produced == 0 { break }
        }
        return appended
    }

    private func readRaw(into buffer: inout [UInt8], maximumBytes: Int) throws(SluiceError) -> Int {
        let wanted = min(maximumBytes, rawBuffer.count)
        while true {
            let count = rawBuffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SluiceError.io("read", path: path, errno: errno)
            }
            buffer.append(contentsOf: rawBuffer[0..<count])
            bytesReadFromDisk += count
            return count
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
