import Foundation
import GRDB
public import SluiceCore

/// The data catalog: one SQLite file (`<data-dir>/catalog.sqlite`) holding databases, tables
/// with their versions, partitions, connections, crawlers and crawler runs.
///
/// The file is opened in WAL mode through a GRDB `DatabasePool`: any number of readers run
/// beside one writer, and each read sees one committed state — so a query planning over a
/// table while a crawler rewrites it sees the old definition or the new one, never a mix.
/// Opening the file runs the migrations it lacks (``CatalogMigrations``).
public final class CatalogStore: Sendable {
    /// The SQLite file.
    public let path: String
    let pool: DatabasePool
    /// Seconds since 1970 (UTC); tests pass a fixed clock.
    let now: @Sendable () -> Double

    /// How long a writer waits for another process's write before giving up: long enough for
    /// a crawler's commit, short enough that a stuck process is reported.
    static let busyTimeoutSeconds: TimeInterval = 10

    /// Opens (creating when missing) the catalog file at `path` and brings its schema up to
    /// date. `upToMigration` stops at an older migration (for upgrade tests and tools).
    public init(
        path: String, upToMigration: String? = nil, now: (@Sendable () -> Double)? = nil
    ) throws(SluiceError) {
        self.path = path
        self.now = now ?? { Date().timeIntervalSince1970 }
        var configuration = Configuration()
        configuration.busyMode = .timeout(CatalogStore.busyTimeoutSeconds)
        configuration.label = "sluice-catalog"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw CatalogError.storage(error, doing: "open its file", path: path)
        }
        do {
            let migrator = CatalogMigrations.migrator()
            if let upToMigration {
                try migrator.migrate(pool, upTo: upToMigration)
            } else {
                try migrator.migrate(pool)
            }
        } catch {
            throw CatalogError.storage(error, doing: "upgrade its file to this version of Sluice", path: path)
        }
    }

    /// Opens the catalog of a data directory, creating the directory when needed.
    public convenience init(dataDirectory: DataDirectory) throws(SluiceError) {
        try dataDirectory.create()
        try self.init(path: dataDirectory.catalogPath)
    }

    /// Every migration, in order; the file's schema version is the last one applied.
    public static var migrationIdentifiers: [String] { CatalogMigrations.identifiers }

    /// The migrations applied to the file.
    public func appliedMigrations() throws(SluiceError) -> [String] {
        try read("read its schema version") { transaction in
            try CatalogMigrations.migrator().appliedIdentifiers(transaction.db).sorted()
        }
    }

    /// Runs `body` in one read transaction: everything it reads comes from one committed state.
    func read<T>(_ what: String, _ body: (CatalogTransaction) throws -> T) throws(SluiceError) -> T {
        do {
            return try pool.read { db in try body(CatalogTransaction(db: db, now: now())) }
        } catch let error as SluiceError {
            throw error
        } catch {
            throw CatalogError.storage(error, doing: what, path: path)
        }
    }

    /// Runs `body` in one write transaction: all its changes commit together or not at all.
    func write<T>(_ what: String, _ body: (CatalogTransaction) throws -> T) throws(SluiceError) -> T {
        do {
            return try pool.write { db in try body(CatalogTransaction(db: db, now: now())) }
        } catch let error as SluiceError {
            throw error
        } catch {
            throw CatalogError.storage(error, doing: what, path: path)
        }
    }
}

/// One open transaction on the catalog file, with the time it started. The store's
/// extensions add what can be read and written through it.
struct CatalogTransaction {
    let db: Database
    let now: Double
}
