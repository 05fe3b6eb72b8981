public import SluiceCore
public import SluiceEngine
public import SluiceFormats

/// Resolves table names in queries against the catalog: `db.table`, a bare `table` in the
/// `default` database, and Athena's `awsdatacatalog.db.table`. Names are case-insensitive.
public struct CatalogTableProvider: TableProvider {
    public let store: CatalogStore
    /// Folder that `s3://` locations resolve into.
    public let lakeRoot: String?
    public let threads: Int

    /// Athena's name for the catalog, accepted as a first name part.
    public static let catalogName = "awsdatacatalog"

    public init(store: CatalogStore, lakeRoot: String?, threads: Int = ProcessorCount.active) {
        self.store = store
        self.lakeRoot = lakeRoot
        self.threads = threads
    }

    public func table(named parts: [String]) throws(SluiceError) -> (any TableSource)? {
        var lowered = parts.map { $0.lowercased() }
        if lowered.count == 3, lowered[0] == CatalogTableProvider.catalogName { lowered.removeFirst() }
        let database: String
        let name: String
        switch lowered.count {
        case 1: (database, name) = (CatalogDatabase.defaultName, lowered[0])
        case 2: (database, name) = (lowered[0], lowered[1])
        default: return nil
        }
        let snapshot: (table: CatalogTable, partitions: [CatalogPartition])
        do {
            snapshot = try store.snapshot(database: database, name: name)
        } catch where error.code == "catalog.tableNotFound" || error.code == "catalog.databaseNotFound" || error.code == "catalog.badName" {
            return nil
        }
        return CatalogTableSource(table: snapshot.table, partitions: snapshot.partitions, lakeRoot: lakeRoot, threads: threads)
    }

    public func tableNames() -> [String] {
        (try? store.qualifiedTableNames()) ?? []
    }
}
