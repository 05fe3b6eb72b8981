import Foundation
import SluiceCore
import SluiceEngine
import SluiceFormats

/// One path a crawler crawls, resolved: where it is on disk and how table and partition
/// locations under it are written (`s3://bucket/…/` inside the lake, absolute paths outside).
struct CrawlTarget: Sendable {
    /// As the user wrote it.
    var text: String
    /// The folder (or file) on disk, without a trailing `/`.
    var rootPath: String
    /// `s3://bucket/prefix` for a target inside the lake, without a trailing `/`.
    var lakeURI: String?
    /// Glue's level of the target itself: for `s3://bucket/a/b` the bucket is level 1, so the
    /// target is level 3; a local folder outside the lake is level 1.
    var level: Int

    init(_ text: String, lakeRoot: String?) throws(SluiceError) {
        self.text = text
        let lowered = text.lowercased()
        if lowered.hasPrefix("s3://") || lowered.hasPrefix("s3a://") || lowered.hasPrefix("s3n://") {
            rootPath = CrawlTarget.trimmed(try LakePath.resolve(text, lakeRoot: lakeRoot))
            let key = CrawlTarget.trimmed(String(text[text.index(text.startIndex, offsetBy: lowered.hasPrefix("s3://") ? 5 : 6)...]))
            lakeURI = "s3://" + key
            level = key.split(separator: "/").count
        } else {
            rootPath = CrawlTarget.absolute(text)
            if let lakeRoot, case let lake = CrawlTarget.absolute(lakeRoot), rootPath.hasPrefix(lake + "/") {
                let key = String(rootPath.dropFirst(lake.count + 1))
                lakeURI = "s3://" + key
                level = key.split(separator: "/").count
            } else {
                lakeURI = nil
                level = 1
            }
        }
        guard FileManager.default.fileExists(atPath: rootPath) else {
            throw SluiceError(
                domain: .io, code: "file.notFound",
                message: "The crawl target '\(text)' does not exist (looked for '\(rootPath)').",
                hint: lakeURI == nil && text.hasPrefix("s3") ? "Check the lake folder (--lake-dir)." : "Check the path; s3://bucket/prefix/ paths resolve into the lake folder.")
        }
    }

    /// The last part of the target's path, which names a table rooted at the target.
    var name: String {
        String(rootPath.split(separator: "/").last ?? Substring(rootPath))
    }

    var isSingleFile: Bool { !FileSystem.isDirectory(rootPath) }

    /// The path on disk of a folder (or file) below the target.
    func path(_ parts: [String]) -> String {
        parts.isEmpty ? rootPath : rootPath + "/" + parts.joined(separator: "/")
    }

    /// The catalog location of a folder below the target (with a trailing `/`), or of a file.
    func location(_ parts: [String], isFile: Bool = false) -> String {
        let base = lakeURI ?? rootPath
        let joined = parts.isEmpty ? base : base + "/" + parts.joined(separator: "/")
        return isFile ? joined : joined + "/"
    }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// `path` made absolute against the working folder, with `.` and `..` parts resolved.
    static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in base.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
