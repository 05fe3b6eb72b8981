import Foundation
import SluiceFormats
import SluiceCore
import SluiceEngine
import SluicePostgres
import SluiceTestSupport
import Testing

/// Tables named `appdb.<table>` resolve to PostgreSQL tables of schema `sales`.
private struct PostgresTables: TableProvider {
    let tables: [String: PostgresTable]

    func table(named parts: [String]) throws(SluiceError) -> (any TableSource)? {
        guard parts.count == 2, parts[0].lowercased() == "appdb" else { return nil }
        return tables[parts[1].lowercased()]
    }

    func tableNames() -> [String] { tables.keys.map { "appdb.\($0)" } }
}

@Suite("PostgreSQL tables in the engine")
struct PostgresTableSourceTests {
    @Test func sqlOverPostgresTablesMatchesTheServer() async throws {
        let postgres = try PostgresFixture.cluster()
        let connector = try PostgresFixture.connector()
        let orders = try await connector.table(
            schema: "sales", name: "orders", displayName: "appdb.orders",
            partitioning: PostgresPartitioning(column: "order_id", partitionCount: 3))
        #expect(orders.schema.description == "order_id bigint not null, customer_id int not null, amount decimal(10,2), ordered_on date, note string")
        let engine = QueryEngine(options: QueryOptions(threads: 2), tables: PostgresTables(tables: ["orders": orders]))
        let result = try engine.execute("""
            SELECT customer_id, count(*) AS orders, sum(amount) AS total, count(note) AS notes
            FROM appdb.orders WHERE customer_id < 3 GROUP BY customer_id ORDER BY customer_id
            """)
        let expected = try postgres.psql("""
            SELECT customer_id, count(*), sum(amount), count(note) FROM sales.orders
            WHERE customer_id < 3 GROUP BY 1 ORDER BY 1
            """, database: PostgresFixture.database)
        let actual = result.batches.flatMap(\.rows).map { row in row.map(\.displayText).joined(separator: "|") }.joined(separator: "\n")
        #expect(actual == expected.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(result.batches.reduce(0) { $0 + $1.count } == 3)
    }

    @Test func scanReadsOnlyTheColumnsItNeeds() async throws {
        let connector = try PostgresFixture.connector()
        let orders = try await connector.table(schema: "sales", name: "orders")
        let units = try orders.scanUnits(columns: ["amount"], predicate: nil)
        #expect(units.units.count == 1)
        let reader = try units.units[0].open(1)
        #expect(reader.schema.description == "amount decimal(10,2)")
        var rows = 0
        while let batch = try reader.next() { rows += batch.count }
        #expect(rows == PostgresFixture.orderCount)
        // A reader dropped half-way cancels its read instead of hanging.
        let abandoned = try units.units[0].open(1)
        _ = try abandoned.next()
    }
}
