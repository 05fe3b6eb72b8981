import Foundation
import SluiceCatalog
import SluiceCore
import Testing

@Suite("Catalog store: migrations and concurrency")
struct CatalogMigrationTests {
    @Test func anOlderFileIsUpgradedWithItsDataKept() throws {
        let old = try TestCatalog(upToMigration: CatalogStore.migrationIdentifiers[0])
        #expect(try old.store.appliedMigrations() == [CatalogStore.migrationIdentifiers[0]])
        try old.store.createDatabase("sales")
        try old.store.createTable(database: "sales", name: "orders", definition: TestCatalog.definition())
        // The connections table does not exist yet in a version-1 file.
        let missing = caughtError { () throws(SluiceError) in _ = try old.store.connections() }
        #expect(missing?.code == "catalog.storage")

        let upgraded = try CatalogStore(path: old.store.path)
        #expect(try upgraded.appliedMigrations() == CatalogStore.migrationIdentifiers.sorted())
        #expect(try upgraded.table(database: "sales", name: "orders").definition == TestCatalog.definition())
        try upgraded.createConnection(CatalogConnection(
            name: "appdb", type: .postgresql, properties: ["JDBC_CONNECTION_URL": "jdbc:postgresql://localhost:5432/app"]))
        #expect(try upgraded.connections().map(\.name) == ["appdb"])
        // Opening again runs nothing new.
        #expect(try CatalogStore(path: old.store.path).appliedMigrations() == CatalogStore.migrationIdentifiers.sorted())
    }

    @Test func theFileIsInWriteAheadLogMode() throws {
        let catalog = try TestCatalog()
        try catalog.store.createDatabase("x")
        #expect(FileManager.default.fileExists(atPath: catalog.store.path + "-wal"))
    }

    /// Readers keep reading while a writer replaces the table's definition and partitions many
    /// times; every read sees one consistent state: the partitions' count always equals the
    /// number in the definition it was read with.
    @Test func readersSeeOneCommittedStateDuringWrites() async throws {
        let catalog = try TestCatalog()
        let store = catalog.store
        try store.createDatabase("sales")
        try store.createTable(database: "sales", name: "orders", definition: TestCatalog.definition(keys: [CatalogColumn("n", .int32)]))
        let rounds = 60
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for round in 1...rounds {
                    try store.writeTableForTest(round: round)
                }
                return 0
            }
            for _ in 0..<2 {
                group.addTask {
                    var checked = 0
                    for _ in 0..<200 {
                        let (table, partitions) = try store.snapshot(database: "sales", name: "orders")
                        let declared = Int(table.definition.parameters["partitions"] ?? "0") ?? 0
                        guard partitions.count == declared else { throw InconsistentRead(declared: declared, seen: partitions.count) }
                        checked += 1
                    }
                    return checked
                }
            }
            var total = 0
            for try await checked in group { total += checked }
            #expect(total == 400)
        }
        #expect(try store.partitions(database: "sales", table: "orders").count == rounds)
    }

    struct InconsistentRead: Error {
        var declared: Int
        var seen: Int
    }
}

extension CatalogStore {
    /// One crawler-like write: a new partition and the table's count of them, together.
    func writeTableForTest(round: Int) throws {
        var definition = try table(database: "sales", name: "orders").definition
        definition.parameters["partitions"] = String(round)
        try apply([.update(
            database: "sales", name: "orders", definition: definition,
            addPartitions: [CatalogPartition(values: [String(round)], location: "s3://lake/t/n=\(round)/")], removePartitions: [])])
    }
}
