public import SluiceCore
import SluiceFormats

/// Which files in the lake are data, and the data files of one folder.
///
/// Not data: names starting with `_` or `.` (`_SUCCESS`, `_temporary/`, `.part-0.crc`,
/// editors' and writers' temporary files, as the lake's writers and Hadoop leave them),
/// checksum files ending in `.crc`, S3 folder markers ending in `$folder$`, and empty files.
public enum LakeFiles {
    /// One data file: its path and size on disk.
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var sizeBytes: Int

        public init(path: String, sizeBytes: Int) {
            self.path = path
            self.sizeBytes = sizeBytes
        }
    }

    /// Why a name is not data, or nil when it may be.
    public static func ignoreReason(forName name: String) -> String? {
        if name.hasPrefix("_") { return "its name starts with '_' (a marker or temporary file)" }
        if name.hasPrefix(".") { return "it is hidden (its name starts with '.')" }
        if name.hasSuffix(".crc") { return "it is a checksum file (.crc)" }
        if name.hasSuffix("$folder$") { return "it is a folder marker" }
        return nil
    }

    /// The data files directly in `folder` (not in its subfolders), sorted by path. A missing
    /// folder has none (a partition whose folder was deleted reads as empty). `location` may
    /// also name one file, which is then the only one.
    public static func dataFiles(in location: String) throws(SluiceError) -> [Entry] {
        guard FileSystem.isDirectory(location) else {
            let size = FileSystem.sizeBytes(of: location)
            return size > 0 ? [Entry(path: location, sizeBytes: size)] : []
        }
        let folder = location.hasSuffix("/") ? String(location.dropLast()) : location
        var entries: [Entry] = []
        for name in try FileSystem.entries(of: folder) where ignoreReason(forName: name) == nil {
            let path = folder + "/" + name
            guard !FileSystem.isDirectory(path) else { continue }
            let size = FileSystem.sizeBytes(of: path)
            if size > 0 { entries.append(Entry(path: path, sizeBytes: size)) }
        }
        return entries.sorted { $0.path < $1.path }
    }
}
