import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import SluiceEngine
import SluiceFormats
import Testing

@Suite("Catalog tables in queries")
struct CatalogQueryTests {
    /// `sales.orders`: JSON files in two `dt` partitions registered with typed (date) values.
    private func ordersCatalog() throws -> TestCatalog {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/orders/dt=2026-11-01/part-0.json", """
            {"order_id":1,"amount":12.5}
            {"order_id":2,"amount":30}

            """)
        try catalog.lakeFile("lake/orders/dt=2026-11-02/part-0.json", "{\"order_id\":3,\"amount\":7.5}\n")
        try catalog.lakeFile("lake/orders/dt=2026-11-02/_SUCCESS", "")
        try catalog.store.createDatabase("sales")
        try catalog.store.createTable(database: "sales", name: "orders", definition: TableDefinition(
            columns: [CatalogColumn("order_id", .int64), CatalogColumn("amount", .float64)],
            partitionKeys: [CatalogColumn("dt", .date)], location: "s3://lake/orders/", classification: .json))
        try catalog.store.addPartitions(database: "sales", table: "orders", [
            CatalogPartition(values: ["2026-11-01"], location: "s3://lake/orders/dt=2026-11-01/"),
            CatalogPartition(values: ["2026-11-02"], location: "s3://lake/orders/dt=2026-11-02/"),
        ])
        return catalog
    }

    private func engine(_ catalog: TestCatalog) -> QueryEngine {
        QueryEngine(
            options: QueryOptions(threads: 2, lakeRoot: catalog.lakeRoot),
            tables: CatalogTableProvider(store: catalog.store, lakeRoot: catalog.lakeRoot, threads: 2))
    }

    @Test func readsACatalogTableWithTypedPartitionColumns() throws {
        let catalog = try ordersCatalog()
        let result = try engine(catalog).execute("SELECT dt, count(*) AS orders, sum(amount) AS revenue FROM Sales.Orders GROUP BY dt ORDER BY dt")
        #expect(result.schema.fields.map(\.type) == [.date, .int64, .float64])
        #expect(result.rows == [
            [.date(Int32(CivilTime.days(year: 2026, month: 11, day: 1))), .int(2), .double(42.5)],
            [.date(Int32(CivilTime.days(year: 2026, month: 11, day: 2))), .int(1), .double(7.5)],
        ])
    }

    @Test func aFilterOnThePartitionKeyOpensOnlyThatPartition() throws {
        let catalog = try ordersCatalog()
        let engine = engine(catalog)
        let plan = try engine.explain("SELECT order_id FROM sales.orders WHERE dt = DATE '2026-11-02'")
        #expect(plan.contains { $0.contains("Scan sales.orders") && $0.contains("units=1/2") }, "\(plan)")
        let text = try engine.explain("SELECT order_id FROM sales.orders WHERE dt = '2026-11-02'")
        #expect(text.contains { $0.contains("units=1/2") }, "\(text)")
        // The other partition's folder is unreadable garbage: it must not be opened.
        try catalog.lakeFile("lake/orders/dt=2026-11-01/part-1.json", "{ not json\n")
        let rows = try engine.execute("SELECT order_id FROM sales.orders WHERE dt = DATE '2026-11-02'").rows
        #expect(rows == [[.int(3)]])
    }

    @Test func partitionValuesComeFromTheCatalogNotTheFolderNames() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/events/2026/11/part-0.json", "{\"id\":1}\n")
        try catalog.store.createDatabase("default")
        try catalog.store.createTable(database: "default", name: "events", definition: TableDefinition(
            columns: [CatalogColumn("id", .int64)],
            partitionKeys: [CatalogColumn("partition_0", .int32), CatalogColumn("partition_1", .string)],
            location: "s3://lake/events/", classification: .json))
        try catalog.store.addPartitions(database: "default", table: "events", [
            CatalogPartition(values: ["2026", "11"], location: "s3://lake/events/2026/11/"),
        ])
        let result = try engine(catalog).execute("SELECT id, partition_0 + 1 AS next_year, partition_1 FROM events")
        #expect(result.rows == [[.int(1), .int(2027), .string("11")]])
        let counted = try engine(catalog).execute("SELECT count(*) FROM events WHERE partition_0 = 2026").rows
        #expect(counted == [[.int(1)]])
    }

    @Test func csvTablesReadWithTheirStoredDialect() throws {
        let catalog = try TestCatalog()
        try catalog.lakeFile("lake/users/users.csv", "1|ana\n2|bo\n")
        try catalog.store.createDatabase("default")
        try catalog.store.createTable(database: "default", name: "users", definition: TableDefinition(
            columns: [CatalogColumn("col0", .int64), CatalogColumn("col1", .string)],
            location: "s3://lake/users/", classification: .csv,
            formatOptions: [TableParameter.delimiter: "|", TableParameter.skipHeaderLineCount: "0"]))
        let rows = try engine(catalog).execute("SELECT col1 FROM users ORDER BY col0 DESC").rows
        #expect(rows == [[.string("bo")], [.string("ana")]])
    }

    @Test func parquetFilesLackingANewColumnReadItAsNull() throws {
        let catalog = try TestCatalog()
        let old = Schema([Field("id", .int64)])
        let new = Schema([Field("id", .int64), Field("note", .string)])
        try writeParquet(catalog.folder.file("lake/lake/items/dt=1/a.parquet"), old, [[.int(1)]])
        try writeParquet(catalog.folder.file("lake/lake/items/dt=2/b.parquet"), new, [[.int(2), .string("new")]])
        try catalog.store.createDatabase("default")
        try catalog.store.createTable(database: "default", name: "items", definition: TableDefinition(
            columns: [CatalogColumn("id", .int64), CatalogColumn("note", .string)],
            partitionKeys: [CatalogColumn("dt", .int32)], location: "s3://lake/items/", classification: .parquet))
        try catalog.store.addPartitions(database: "default", table: "items", [
            CatalogPartition(values: ["1"], location: "s3://lake/items/dt=1/"),
            CatalogPartition(values: ["2"], location: "s3://lake/items/dt=2/"),
        ])
        let rows = try engine(catalog).execute("SELECT id, note, dt FROM items ORDER BY id").rows
        #expect(rows == [[.int(1), .null, .int(1)], [.int(2), .string("new"), .int(2)]])
    }

    @Test func unknownTablesSuggestCatalogNames() throws {
        let catalog = try ordersCatalog()
        let error = caughtError { () throws(SluiceError) in _ = try engine(catalog).execute("SELECT * FROM sales.ordrs") }
        #expect(error?.message.contains("Table 'sales.ordrs' not found. Did you mean 'sales.orders'?") == true, "\(String(describing: error))")
        let athena = try engine(catalog).execute("SELECT count(*) FROM awsdatacatalog.sales.orders").rows
        #expect(athena == [[.int(3)]])
    }

    private func writeParquet(_ path: String, _ schema: Schema, _ rows: [[Value]]) throws {
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        try FileSystem.createFolders(parent)
        let builder = RecordBatchBuilder(schema: schema)
        for row in rows { try builder.append(row: row) }
        let writer = try ParquetWriter(path: path, schema: schema)
        try writer.write(builder.finish())
        try writer.finish()
    }
}
