#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// Turns what a user names — a file, a folder (read recursively), or a glob such as
/// `orders/*/*.json` — into the list of data files, sorted by path. Like the lake, it skips
/// files and folders whose names start with `_` or `.` (markers, temporary files).
public enum InputFiles {
    /// Most files a single path may expand to; keeps a typo like `/` from walking the disk.
    public static let maximumFileCount = 1_000_000

    public static func expand(_ path: String) throws(SluiceError) -> [String] {
        if path.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
            var matches = glob_t()
            defer { globfree(&matches) }
            let status = glob(path, 0, nil, &matches)
            if status == GLOB_NOMATCH {
                throw SluiceError(
                    domain: .io, code: "file.noMatch", message: "No file matches '\(path)'.",
                    hint: "Check the pattern; '*' does not cross '/', so use one '*' per folder level.")
            }
            guard status == 0 else { throw SluiceError.io("list", path: path, errno: errno) }
            var files: [String] = []
            for index in 0..<Int(matches.gl_pathc) {
                guard let pointer = matches.gl_pathv[index] else { continue }
                let match = String(cString: pointer)
                if FileSystem.isDirectory(match) {
                    try walk(match, into: &files)
                } else if !isHidden(match) {
                    files.append(match)
                }
            }
            return files.sorted()
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw SluiceError.io("read", path: path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            var files: [String] = []
            try walk(path, into: &files)
            guard !files.isEmpty else {
                throw SluiceError(
                    domain: .io, code: "file.emptyFolder", message: "The folder '\(path)' holds no data files.",
                    hint: "Files and folders whose names start with '_' or '.' are skipped.")
            }
            return files.sorted()
        }
        return [path]
    }

    private static func isHidden(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasPrefix(".") || name.hasPrefix("_")
    }

    private static func walk(_ folder: String, into files: inout [String]) throws(SluiceError) {
        let children = try FileSystem.entries(of: folder)
            .filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }
            .map { folder.hasSuffix("/") ? folder + $0 : folder + "/" + $0 }
        for child in children {
            if FileSystem.isDirectory(child) {
                try walk(child, into: &files)
            } else {
                files.append(child)
                if files.count > maximumFileCount {
                    throw SluiceError(
                        domain: .io, code: "file.tooMany",
                        message: "'\(folder)' holds more than \(maximumFileCount) files.",
                        hint: "Name a narrower folder or glob.")
                }
            }
        }
    }

    /// Hive-style partition values in a path's folders: `orders/dt=2026-11-01/part-0.json`
    /// gives `[("dt", "2026-11-01")]`. Values are percent-decoded.
    public static func hivePartitions(in path: String) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        for component in path.split(separator: "/").dropLast() {
            guard let equals = component.firstIndex(of: "="), equals != component.startIndex else { continue }
            let key = String(component[..<equals])
            let value = String(component[component.index(after: equals)...])
            result.append((key, percentDecoded(value)))
        }
        return result
    }

    private static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The lake formats Sluice reads and writes, named the way Glue's `classification` names them.
public enum FileFormat: String, Sendable, CaseIterable {
    case json
    case csv
    case parquet

    /// The format a file name implies, looking through a `.gz` suffix: `.json`, `.ndjson`,
    /// `.jsonl` → JSON; `.csv`, `.tsv`, `.txt` → CSV; `.parquet`, `.parq`, `.pq` → Parquet.
    /// Nil when the name says nothing.
    public static func detect(path: String) -> FileFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".parquet") || name.hasSuffix(".parq") || name.hasSuffix(".pq") { return .parquet }
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".json") || name.hasSuffix(".ndjson") || name.hasSuffix(".jsonl") { return .json }
        if name.hasSuffix(".csv") || name.hasSuffix(".tsv") || name.hasSuffix(".txt") { return .csv }
        return nil
    }
}
