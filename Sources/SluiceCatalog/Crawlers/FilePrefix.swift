import SluiceCore
import SluiceFormats

/// Step 2a of classifying a file: its first bytes on disk and, through gzip, its first
/// content bytes. Compression is recognised by magic bytes, never by the file's name.
struct FilePrefix {
    /// The first bytes as stored.
    var raw: [UInt8]
    /// The first bytes of the content (decompressed when gzip).
    var content: [UInt8]
    var compression: Compression

    enum Compression: String, Sendable {
        case none
        case gzip
    }

    /// Formats the readers cannot decompress, with their magic bytes.
    static let unsupportedCompressions: [(name: String, magic: [UInt8])] = [
        ("bzip2", [0x42, 0x5A, 0x68]),
        ("Zstandard", [0x28, 0xB5, 0x2F, 0xFD]),
        ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        ("LZ4", [0x04, 0x22, 0x4D, 0x18]),
        ("ZIP", [0x50, 0x4B, 0x03, 0x04]),
        ("Snappy framed", [0xFF, 0x06, 0x00, 0x00, 0x73, 0x4E, 0x61, 0x50, 0x70, 0x59]),
    ]

    static func read(path: String) throws(SluiceError) -> FilePrefix {
        let source = try ByteSource(path: path)
        var content: [UInt8] = []
        while content.count < CrawlSampling.prefixBytes {
            if try source.read(into: &content, maximumBytes: CrawlSampling.prefixBytes - content.count) == 0 { break }
        }
        let raw: [UInt8]
        if source.isCompressed {
            let file = try RandomAccessFile(path: path)
            raw = try file.read(offset: 0, count: min(16, file.sizeBytes))
        } else {
            raw = Array(content.prefix(16))
        }
        return FilePrefix(raw: raw, content: content, compression: source.isCompressed ? .gzip : .none)
    }

    /// The name of a compression the readers do not support, when the file starts with one.
    var unsupportedCompression: String? {
        FilePrefix.unsupportedCompressions.first { raw.starts(with: $0.magic) }?.name
    }

    /// The first content byte that is not whitespace (or a UTF-8 byte order mark).
    var firstSignificantByte: UInt8? {
        var bytes = content[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    /// True when the content has NUL bytes: binary data, not text.
    var looksBinary: Bool { content.contains(0) }
}
