import Foundation
import SluiceCatalog
import SluiceCore
import SluiceTestSupport

/// A catalog in a fresh temporary folder, with its lake folder beside it.
struct TestCatalog {
    let folder: TemporaryFolder
    let store: CatalogStore
    var lakeRoot: String { folder.file("lake") }

    init(upToMigration: String? = nil) throws {
        folder = try TemporaryFolder(prefix: "sluice-catalog-test")
        store = try CatalogStore(path: folder.file("catalog.sqlite"), upToMigration: upToMigration, now: { 1_800_000_000 })
    }

    /// Writes a file into the lake (`bucket/key…`) and returns its path.
    @discardableResult
    func lakeFile(_ key: String, _ text: String) throws -> String {
        try folder.write(text, to: "lake/" + key)
    }

    static func definition(
        columns: [CatalogColumn] = [CatalogColumn("id", .int64), CatalogColumn("name", .string)],
        keys: [CatalogColumn] = [], location: String = "s3://lake/t/", classification: TableClassification = .json
    ) -> TableDefinition {
        TableDefinition(columns: columns, partitionKeys: keys, location: location, classification: classification)
    }
}

/// The error a throwing call produced, for checking its exact text.
func caughtError(_ body: () throws(SluiceError) -> Void) -> SluiceError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
