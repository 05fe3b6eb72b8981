import Foundation
import SluiceCatalog
import SluiceCore
import Testing

@Suite("Catalog store: databases, tables, versions, partitions")
struct CatalogStoreTests {
    @Test func databaseNamesAreStoredLowerCaseAndDuplicatesRefused() throws {
        let catalog = try TestCatalog()
        let created = try catalog.store.createDatabase("Sales", description: "orders and users")
        #expect(created.name == "sales")
        #expect(created.createdAt == 1_800_000_000)
        #expect(try catalog.store.database(named: "SALES").description == "orders and users")
        let duplicate = caughtError { () throws(SluiceError) in _ = try catalog.store.createDatabase("sales") }
        #expect(duplicate?.code == "catalog.alreadyExists")
        #expect(duplicate?.message == "A database named 'sales' already exists.")
        #expect(try catalog.store.createDatabase("sales", ifNotExists: true).name == "sales")
        #expect(try catalog.store.databases().map(\.name) == ["sales"])
    }

    @Test func missingNamesSuggestCloseOnes() throws {
        let catalog = try TestCatalog()
        try catalog.store.createDatabase("sales")
        try catalog.store.createTable(database: "sales", name: "orders", definition: TestCatalog.definition())
        let database = caughtError { () throws(SluiceError) in _ = try catalog.store.tables(in: "salse") }
        #expect(database?.code == "catalog.databaseNotFound")
        #expect(database?.message == "Database 'salse' not found. Did you mean 'sales'? Databases: sales.")
        let table = caughtError { () throws(SluiceError) in _ = try catalog.store.table(database: "sales", name: "ordres") }
        #expect(table?.message == "Table 'sales.ordres' not found. Did you mean 'orders'? Tables in 'sales': orders.")
        #expect(table?.hint?.contains("sluice catalog tables sales") == true)
    }

    @Test func badNamesSayWhatIsWrong() throws {
        let catalog = try TestCatalog()
        let error = caughtError { () throws(SluiceError) in _ = try catalog.store.createDatabase("my sales") }
        #expect(error?.code == "catalog.badName")
        #expect(error?.message == "'my sales' is not a valid database name: ' ' is not allowed.")
        #expect(error?.hint == "Use letters, digits and '_', e.g. 'my_sales'.")
        #expect(CatalogName.sanitized("year=2017") == "year_2017")
    }

    @Test func aChangeOfShapeKeepsThePreviousVersion() throws {
        let catalog = try TestCatalog()
        try catalog.store.createDatabase("sales")
        let first = TestCatalog.definition()
        let created = try catalog.store.createTable(database: "sales", name: "Orders", definition: first)
        #expect(created.name == "orders")
        #expect(created.version == 1)

        // Parameters only: same version, updated in place.
        var counted = first
        counted.parameters[TableParameter.recordCount] = "42"
        #expect(try catalog.store.updateTable(database: "sales", name: "orders", definition: counted).version == 1)

        var widened = counted
        widened.columns.append(CatalogColumn("price", .decimal(precision: 10, scale: 2)))
        let updated = try catalog.store.updateTable(database: "sales", name: "orders", definition: widened)
        #expect(updated.version == 2)
        let versions = try catalog.store.tableVersions(database: "sales", name: "orders")
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions[0].definition == counted)
        #expect(versions[1].definition.columns.map(\.name) == ["id", "name", "price"])
        #expect(try catalog.store.table(database: "sales", name: "orders").definition == widened)
    }

    @Test func typesRoundTripThroughTheStoredGlueText() throws {
        let catalog = try TestCatalog()
        try catalog.store.createDatabase("types")
        let texts = ["bigint", "string", "double", "timestamp", "date", "decimal(10,2)", "array<struct<a:int>>",
                     "map<string,int>", "boolean", "tinyint", "smallint", "float", "binary",
                     "struct<`odd name`:string,inner:struct<x:array<bigint>>>"]
        let columns = try texts.enumerated().map { index, text in try CatalogColumn("c\(index)", DataType(parsing: text), comment: "from \(text)") }
        try catalog.store.createTable(database: "types", name: "all_types", definition: TestCatalog.definition(columns: columns))
        let back = try catalog.store.table(database: "types", name: "all_types").definition.columns
        #expect(back == columns)
        #expect(back.map(\.type.description) == texts)
        let json = try String(decoding: JSONEncoder().encode(columns[6]), as: UTF8.self)
        #expect(json.contains(#""type":"array<struct<a:int>>""#))
    }

    @Test func partitionsAreAddedOnceAndUpdatedInPlace() throws {
        let catalog = try TestCatalog()
        try catalog.store.createDatabase("sales")
        try catalog.store.createTable(
            database: "sales", name: "orders",
            definition: TestCatalog.definition(keys: [CatalogColumn("dt", .date)]))
        let day1 = CatalogPartition(values: ["2026-11-01"], location: "s3://lake/t/dt=2026-11-01/", parameters: ["objectCount": "2"])
        let day2 = CatalogPartition(values: ["2026-11-02"], location: "s3://lake/t/dt=2026-11-02/")
        #expect(try catalog.store.addPartitions(database: "sales", table: "orders", [day1, day2]) == 2)
        var recounted = day1
        recounted.parameters["objectCount"] = "3"
        #expect(try catalog.store.addPartitions(database: "sales", table: "orders", [recounted]) == 0)
        let partitions = try catalog.store.partitions(database: "sales", table: "orders")
        #expect(partitions.map(\.values) == [["2026-11-01"], ["2026-11-02"]])
        #expect(partitions[0].parameters["objectCount"] == "3")
        let wrong = caughtError { () throws(SluiceError) in
            _ = try catalog.store.addPartitions(database: "sales", table: "orders", [CatalogPartition(values: ["a", "b"], location: "x")])
        }
        #expect(wrong?.message == "A partition of 'sales.orders' has 2 values but the table has 1 partition keys (dt).")
        try catalog.store.deleteTable(database: "sales", name: "orders")
        #expect(try catalog.store.tables(in: "sales").isEmpty)
    }
}
