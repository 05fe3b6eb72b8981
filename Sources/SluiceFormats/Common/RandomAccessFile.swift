#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// A file read at arbitrary offsets (`pread`), safe to share between threads: Parquet
/// readers fetch the footer and then each column chunk they need, on any worker.
public final class RandomAccessFile: Sendable {
    public let path: String
    public let sizeBytes: Int
    private let descriptor: Int32

    public init(path: String) throws(SluiceError) {
        self.path = path
        (descriptor, sizeBytes) = try FileSystem.openForReading(path)
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes from `offset`; a range past the end of the file is an error that
    /// says the file is shorter than its metadata claims.
    public func read(offset: Int, count: Int) throws(SluiceError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= sizeBytes, count <= sizeBytes - offset else {
            // Offsets and counts come from file metadata, which may be damaged: never overflow.
            let (end, overflow) = offset.addingReportingOverflow(count)
            let range = overflow || count < 0 ? "\(count) bytes from byte \(offset)" : "bytes \(offset)..<\(end)"
            throw SluiceError(
                domain: .format, code: "file.truncated",
                message: "needs \(range) but the file has \(sizeBytes).",
                location: ErrorLocation(file: path),
                hint: "The file was cut short (an interrupted copy or upload?); copy it again from its source.")
        }
        var failure: Int32 = 0
        var endedAt: Int?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if got == 0 {
                    endedAt = offset + done
                    break
                }
                done += got
            }
            // Bytes past a failure are never read: zero them so the array is initialized.
            if done < count { (buffer.baseAddress! + done).initialize(repeating: 0, count: count - done) }
            initialized = count
        }
        guard failure == 0 else { throw SluiceError.io("read", path: path, errno: failure) }
        if let endedAt {
            throw SluiceError(
                domain: .io, code: "file.io",
                message: "Cannot read '\(path)': it ended at byte \(endedAt) though it had \(sizeBytes) bytes when opened.",
                hint: "Another program changed the file while it was read; run the command again once it is done.")
        }
        return bytes
    }
}
