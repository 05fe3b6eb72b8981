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
        let file = try RandomAccessFile(path: path)
        return (try read(file), file.sizeBytes)
    }

    /// Reads the footer of an open file (readers keep the file open for the column chunks).
    public static func read(_ file: RandomAccessFile) throws(SluiceError) -> ParquetFileMetadata {
        try readWithStart(file).metadata
    }

    /// The footer and the file offset where its thrift bytes start: the pages end there.
    static func readWithStart(_ file: RandomAccessFile) throws(SluiceError) -> (metadata: ParquetFileMetadata, start: Int) {
        do throws(SluiceError) {
            return try readFooter(file)
        } catch {
            // I/O errors already name the file in their message.
            throw error.domain == .format ? error.locatedIn(file: file.path) : error
        }
    }

    private static func readFooter(_ file: RandomAccessFile) throws(SluiceError) -> (metadata: ParquetFileMetadata, start: Int) {
        let size = file.sizeBytes
        guard size >= 12 else { throw ParquetFileError.truncated(size: size) }
        let head = try file.read(offset: 0, count: 4)
        let tail = try file.read(offset: size - 8, count: 8)
        let tailMagic = Array(tail[4..<8])
        if head == encryptedMagic || tailMagic == encryptedMagic { throw ParquetFileError.encryptedFooter() }
        guard head == magic else {
            throw ParquetFileError.notParquet("starts", found: head, startsLikeParquet: false, endsLikeParquet: tailMagic == magic)
        }
        guard tailMagic == magic else {
            throw ParquetFileError.notParquet("ends", found: tailMagic, startsLikeParquet: true)
        }
        let length = UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24
        guard Int(length) <= size - 12 else { throw ParquetFileError.footerLength(length, size: size) }
        let start = size - 8 - Int(length)
        let footer = try file.read(offset: start, count: Int(length))
        let metadata = try footer.withBytes { (bytes) throws(SluiceError) in
            try ParquetFileMetadata.decode(bytes, fileOffset: start)
        }
        return (metadata, start)
    }
}
