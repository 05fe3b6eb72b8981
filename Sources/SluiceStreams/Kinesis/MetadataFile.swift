#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SluiceCore
import SluiceFormats

/// Reads and writes a stream's `stream.json`.
///
/// Why a file per stream written to a temporary name, synced and renamed, rather than SQLite:
/// the metadata is a small document changed rarely (create, reshard, tags, retention) and
/// always as a whole; `rename` replaces it atomically, so a crash leaves the old or the new
/// version and never a mix; the stream's folder holds everything about the stream, so
/// deleting a stream is deleting one folder; and the streams layer stays free of a database
/// dependency.
enum MetadataFile {
    static let fileName = "stream.json"

    static func write(_ metadata: StreamMetadata, toFolder folder: String) throws(SluiceError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let bytes: [UInt8]
        do { bytes = Array(try encoder.encode(metadata)) } catch {
            throw SluiceError.internal("Stream \(metadata.name)'s metadata could not be encoded: \(error).", domain: .stream)
        }
        let path = folder + "/" + fileName
        let temporary = folder + "/." + fileName + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SluiceError.io("write", path: temporary, errno: errno) }
        defer { close(descriptor) }
        try LogFile.writeAll(descriptor, bytes, path: temporary)
        guard fsync(descriptor) == 0 else { throw SluiceError.io("sync", path: temporary, errno: errno) }
        guard rename(temporary, path) == 0 else { throw SluiceError.io("write", path: path, errno: errno) }
        try LogFile.syncFolder(folder)
    }

    static func read(fromFolder folder: String) throws(SluiceError) -> StreamMetadata {
        let path = folder + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SluiceError.io("read", path: path, errno: ENOENT)
        }
        do {
            return try JSONDecoder().decode(StreamMetadata.self, from: data)
        } catch {
            throw SluiceError(
                domain: .stream, code: "stream.metadataCorrupt",
                message: "The stream metadata file '\(path)' cannot be read: \(error).",
                hint: "Restore it from a backup, or delete the stream's folder to drop the stream.")
        }
    }
}
