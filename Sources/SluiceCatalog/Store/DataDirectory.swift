import Foundation
public import SluiceCore
import SluiceFormats

/// Where Sluice keeps its state: the catalog file and, by default, the lake folder.
///
/// The data directory is, in order: the `--data-dir` option, the `SLUICE_DATA_DIR`
/// environment variable, or `~/.sluice` (the way `~/.aws` holds the AWS CLI's state).
/// The lake is `<data-dir>/lake` unless `--lake-dir` or `SLUICE_LAKE_DIR` names another
/// folder; `s3://bucket/key` resolves to `<lake>/bucket/key`.
public struct DataDirectory: Sendable, Equatable {
    /// The data directory itself.
    public var path: String
    /// The lake folder.
    public var lakePath: String

    /// The name of the catalog file inside the data directory.
    public static let catalogFileName = "catalog.sqlite"
    /// The lake folder's name inside the data directory when none is given.
    public static let lakeFolderName = "lake"

    public init(path: String, lakePath: String? = nil) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.path = trimmed
        self.lakePath = lakePath ?? trimmed + "/" + DataDirectory.lakeFolderName
    }

    /// The directory from options, then the environment, then `~/.sluice`.
    public static func resolve(
        dataDirectory: String?, lakeDirectory: String?, environment: [String: String]? = nil
    ) -> DataDirectory {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let path = dataDirectory ?? environment["SLUICE_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.sluice"
        let lake = lakeDirectory ?? environment["SLUICE_LAKE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        return DataDirectory(path: path, lakePath: lake)
    }

    public var catalogPath: String { path + "/" + DataDirectory.catalogFileName }

    /// Creates the data directory (not the lake) when missing.
    public func create() throws(SluiceError) {
        try FileSystem.createFolders(path)
    }
}
