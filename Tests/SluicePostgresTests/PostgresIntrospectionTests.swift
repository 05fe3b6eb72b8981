import SluiceCore
import SluicePostgres
import SluiceTestSupport
import Testing

@Suite("PostgreSQL introspection")
struct PostgresIntrospectionTests {
    @Test func includePatternsSelectTables() async throws {
        let connector = try PostgresFixture.connector()
        func names(_ patterns: String...) async throws -> [String] {
            try await connector.tables(including: patterns.map { try PostgresIncludePattern(parsing: $0) }).map(\.qualifiedName)
        }
        #expect(try await names("sluice_fixture/sales/%") == ["sales.big_orders", "sales.events", "sales.orderXitems", "sales.order_items", "sales.orders"])
        // `_` is literal: order_items matches, orderXitems does not.
        #expect(try await names("sluice_fixture/sales/order_%") == ["sales.order_items"])
        #expect(try await names("sluice_fixture/sales/order%") == ["sales.orderXitems", "sales.order_items", "sales.orders"])
        #expect(try await names("sluice_fixture/%") == ["public.all_types", "sales.big_orders", "sales.events", "sales.orderXitems", "sales.order_items", "sales.orders"])
        #expect(try await names("%/public/%", "sluice_fixture/sales/orders") == ["public.all_types", "sales.orders"])
        #expect(try await connector.schemas() == ["public", "sales"])
    }

    @Test func describesColumnsKeysAndEstimates() async throws {
        let connector = try PostgresFixture.connector()
        let orders = try await connector.describeTable(schema: "sales", name: "orders")
        #expect(orders.kind == .table)
        #expect(orders.path == "sluice_fixture/sales/orders")
        #expect(orders.primaryKey == ["order_id"])
        #expect(orders.estimatedRowCount == Int64(PostgresFixture.orderCount))
        #expect(orders.columns.map(\.typeName) == ["bigint", "integer", "numeric(10,2)", "date", "text"])
        #expect(orders.schema.description == "order_id bigint not null, customer_id int not null, amount decimal(10,2), ordered_on date, note string")

        let items = try await connector.describeTable(schema: "sales", name: "order_items")
        #expect(items.primaryKey == ["order_id", "line"])
        let view = try await connector.describeTable(schema: "sales", name: "big_orders")
        #expect(view.kind == .view)
        #expect(view.primaryKey.isEmpty)
        let events = try await connector.describeTable(schema: "sales", name: "events")
        #expect(events.kind == .partitionedTable)

        let types = try await connector.describeTable(schema: "public", name: "all_types")
        #expect(types.comment == "one column of every mapped type")
        let byName = Dictionary(uniqueKeysWithValues: types.columns.map { ($0.name, $0) })
        #expect(byName["feeling"]?.typeName == "mood")
        #expect(byName["qty"]?.typeName == "positive_int")
        #expect(byName["qty"]?.field.type == .int32)
        #expect(byName["moods"]?.typeName == "mood[]")
        #expect(byName["huge"]?.typeName == "numeric(50,10)")
        #expect(byName["name"]?.isNullable == false)
    }

    @Test func includePathParsing() throws {
        #expect(try PostgresIncludePattern(parsing: "appdb/public/%") == PostgresIncludePattern(database: "appdb", schema: "public", table: "%"))
        #expect(try PostgresIncludePattern(parsing: "appdb") == PostgresIncludePattern(database: "appdb"))
        #expect(try PostgresIncludePattern(parsing: "appdb/%") == PostgresIncludePattern(database: "appdb"))
        #expect(try PostgresIncludePattern(parsing: "appdb/sales") == PostgresIncludePattern(database: "appdb", schema: "sales"))
        let error = #expect(throws: SluiceError.self) { try PostgresIncludePattern(parsing: "appdb//orders") }
        #expect(error?.message == "Include path 'appdb//orders' is not of the form database/schema/table.")
        let pattern = PostgresIncludePattern(database: "appdb", schema: "sales", table: "order%items")
        #expect(pattern.matches(table: "order_line_items"))
        #expect(!pattern.matches(table: "orders"))
        #expect(pattern.matches(schema: "sales") && !pattern.matches(schema: "Sales"))
    }
}
