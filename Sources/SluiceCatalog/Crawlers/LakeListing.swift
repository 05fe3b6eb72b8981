import SluiceCore
import SluiceFormats

/// Step 1 of a crawl: the data files under a target, with their folders relative to it.
/// Only folders are listed and sizes read: no file is opened here.
///
/// Left out, and counted for the run's log: files that are not data (``LakeFiles``: `_SUCCESS`,
/// `.crc`, `_temporary/`, hidden files), files and folders matching an exclusion pattern, and
/// — with a warning, since it is often a failed write — empty files.
struct LakeListing {
    /// A data file found by the listing.
    struct File: Sendable {
        var path: String
        /// Folders between the target and the file.
        var folders: [String]
        var name: String
        var sizeBytes: Int
    }

    var files: [File] = []
    var ignoredByReason: [String: Int] = [:]
    var excludedCount = 0
    var emptyFiles: [String] = []
    /// Files known from earlier runs and left unopened (incremental crawls).
    var skippedKnownCount = 0

    /// Walks `target`. `skipFolder` (relative folder parts) leaves a whole subtree out;
    /// `skipFilesIn` leaves out the files directly in a folder but still walks its subfolders.
    static func list(
        _ target: CrawlTarget, exclusions: [ExclusionPattern],
        skipFolder: ([String]) -> Bool = { _ in false }, skipFilesIn: ([String]) -> Bool = { _ in false }
    ) throws(SluiceError) -> LakeListing {
        var listing = LakeListing()
        if target.isSingleFile {
            let size = FileSystem.sizeBytes(of: target.rootPath)
            if size == 0 {
                listing.emptyFiles.append(target.rootPath)
            } else {
                listing.files.append(File(path: target.rootPath, folders: [], name: target.name, sizeBytes: size))
            }
            return listing
        }
        // Entries are visited in sorted order, so files come out sorted by path.
        try listing.walk(target, folders: [], exclusions: exclusions, skipFolder: skipFolder, skipFilesIn: skipFilesIn)
        return listing
    }

    private mutating func walk(
        _ target: CrawlTarget, folders: [String], exclusions: [ExclusionPattern],
        skipFolder: ([String]) -> Bool, skipFilesIn: ([String]) -> Bool
    ) throws(SluiceError) {
        let folderPath = target.path(folders)
        let skipFiles = skipFilesIn(folders)
        for name in try FileSystem.entries(of: folderPath).sorted() {
            if let reason = LakeFiles.ignoreReason(forName: name) {
                ignoredByReason[reason, default: 0] += 1
                continue
            }
            let path = folderPath + "/" + name
            let relative = (folders + [name]).joined(separator: "/")
            if FileSystem.isDirectory(path) {
                if exclusions.contains(where: { $0.excludesFolder(relative) }) {
                    excludedCount += 1
                    continue
                }
                if skipFolder(folders + [name]) {
                    skippedKnownCount += 1
                    continue
                }
                try walk(target, folders: folders + [name], exclusions: exclusions, skipFolder: skipFolder, skipFilesIn: skipFilesIn)
                continue
            }
            if exclusions.contains(where: { $0.matches(relative) }) {
                excludedCount += 1
                continue
            }
            if skipFiles {
                skippedKnownCount += 1
                continue
            }
            let size = FileSystem.sizeBytes(of: path)
            guard size > 0 else {
                emptyFiles.append(path)
                continue
            }
            files.append(File(path: path, folders: folders, name: name, sizeBytes: size))
            guard files.count <= InputFiles.maximumFileCount else {
                throw SluiceError(
                    domain: .catalog, code: "crawler.tooManyFiles",
                    message: "'\(target.text)' holds more than \(InputFiles.maximumFileCount) data files.",
                    hint: "Crawl narrower targets, or exclude folders with --exclude.")
            }
        }
    }
}
