#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// Finds and reads the footer of a Parquet file: `PAR1` at both ends, and before the last
/// one the footer's thrift bytes followed by their length (4 bytes, little-endian).
public enum ParquetFooter {
    /// The magic number at the start and end of every Parquet file.
    public static let magic: [UInt8] = Array("PAR1".utf8)
    /// The magic number of a file whose footer is encrypted.
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    /// Reads the footer of the file at `path`, with the file's size. Errors name the file and
    /// what is wrong: too short, not Parquet, encrypted, a bad footer length or corrupt metadata.
    public static func read(path: String) throws(SluiceError) -> (metadata: ParquetFileMetadata, fileSize: Int) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw SluiceError.io("read", path: path, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SluiceError.io("read", path: path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw SluiceError.io("read", path: path, errno: EISDIR) }
        let size = Int(info.st_size)
        do throws(SluiceError) {
            let metadata = try readFooter(descriptor, path: path, size: size)
            return (metadata, size)
        } catch {
            // I/O errors already name the file in their message.
            throw error.domain == .format ? error.locatedIn(file: path) : error
        }
    }

    private static func readFooter(_ descriptor: Int32, path: String, size: Int) throws(SluiceError) -> ParquetFileMetadata {
        guard size >= 12 else { throw ParquetFileError.truncated(size: size) }
        let head = try readBytes(descriptor, path: path, offset: 0, count: 4, size: size)
        let tail = try readBytes(descriptor, path: path, offset: size - 8, count: 8, size: size)
        let tailMagic = Array(tail[4..<8])
        if head == encryptedMagic || tailMagic == encryptedMagic { throw ParquetFileError.encryptedFooter() }
        guard head == magic else {
            throw ParquetFileError.notParquet("starts", found: head, startsLikeParquet: false)
        }
        guard tailMagic == magic else {
            throw ParquetFileError.notParquet("ends", found: tailMagic, startsLikeParquet: true)
        }
        let length = UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24
        guard Int(length) <= size - 12 else { throw ParquetFileError.footerLength(length, size: size) }
        let start = size - 8 - Int(length)
        let footer = try readBytes(descriptor, path: path, offset: start, count: Int(length), size: size)
        return try footer.withBytes { (bytes) throws(SluiceError) in
            try ParquetFileMetadata.decode(bytes, fileOffset: start)
        }
    }

    /// Exactly `count` bytes at `offset`, retrying short reads.
    private static func readBytes(
        _ descriptor: Int32, path: String, offset: Int, count: Int, size: Int
    ) throws(SluiceError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = buffer.withUnsafeMutableBytes { bytes in
                pread(descriptor, bytes.baseAddress.map { $0 + done }, count - done, off_t(offset + done))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw SluiceError.io("read", path: path, errno: errno)
            }
            if result == 0 { throw ParquetFileError.shortRead(path: path, offset: offset + done, size: size) }
            done += result
        }
        return buffer
    }
}
