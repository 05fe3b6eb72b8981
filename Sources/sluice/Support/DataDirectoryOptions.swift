import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceCore

/// `--data-dir` and `--lake-dir`, shared by every command that uses the catalog or the lake.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Sluice's data directory, holding catalog.sqlite and the lake (default: $SLUICE_DATA_DIR, else ~/.sluice).",
        valueName: "path"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp(
        "Folder that s3://bucket/key paths resolve into (default: $SLUICE_LAKE_DIR, else <data-dir>/lake).",
        valueName: "path"))
    var lakeDir: String?

    var dataDirectory: DataDirectory {
        DataDirectory.resolve(dataDirectory: dataDir, lakeDirectory: lakeDir)
    }

    /// The catalog, created (with the data directory) when missing.
    func openCatalog() throws(SluiceError) -> CatalogStore {
        try CatalogStore(dataDirectory: dataDirectory)
    }

    /// The catalog when its file exists (queries do not create one).
    func existingCatalog() throws(SluiceError) -> CatalogStore? {
        guard FileManager.default.fileExists(atPath: dataDirectory.catalogPath) else { return nil }
        return try openCatalog()
    }
}
