import SluiceCore
import SluicePostgres
import SluiceTestSupport
import Testing

@Suite("PostgreSQL reading")
struct PostgresReadTests {
    private func rows(_ batches: [RecordBatch]) -> [[Value]] { batches.flatMap(\.rows) }

    @Test func everyMappedTypeReadsBackWithNulls() async throws {
        let connector = try PostgresFixture.connector()
        let batches = try await connector.readAll(.query("SELECT * FROM all_types ORDER BY id"))
        let schema = try #require(batches.first?.schema)
        #expect(schema.description == """
            id int, small smallint, big bigint, flag boolean, price decimal(12,2), ratio decimal(38,18), huge string, \
            r float, d double, name string, code string, fixed string, born date, seen_at timestamp, created_at timestamp, \
            at_time string, span string, doc string, docb string, uid string, payload binary, feeling string, qty int, \
            addr string, tags array<string>, scores array<int>, prices array<decimal(6,2)>, moods array<string>, matrix array<int>
            """)
        let all = rows(batches)
        try #require(all.count == 3)
        let first = all[0]
        let expected: [Value] = [
            .int(1), .int(7), .int(9_007_199_254_740_993), .boolean(true),
            .decimal(123_456, scale: 2), .decimal(1_234_567_890_123_456_789, scale: 18),
            .string("12345678901234567890123456789.0123456789"),
            .double(1.5), .double(2.25),
            .string("héllo"), .string("abc"), .string("ab  "),
            .date(Int32(CivilTime.days(year: 2026, month: 11, day: 21))),
            .timestamp(Int64(CivilTime.days(year: 2026, month: 11, day: 21)) * 86_400_000_000 + (10 * 3600 + 4 * 60 + 5) * 1_000_000 + 123_456),
            .timestamp(Int64(CivilTime.days(year: 2026, month: 11, day: 21)) * 86_400_000_000 + 1 * 3600 * 1_000_000),
            .string("13:45:00"), .string("1 day 02:00:00"),
            .string("{\"a\": 1}"), .string("{\"b\": [1, 2]}"), .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            .binary([0xDE, 0xAD, 0xBE, 0xEF]), .string("happy"), .int(5), .string("10.0.0.1/32"),
            .list([.string("x"), .null, .string("z")]), .list([.int(1), .int(2), .int(3)]),
            .list([.decimal(150, scale: 2), .decimal(225, scale: 2)]), .list([.string("sad"), .string("ok")]),
            .list([.int(1), .int(2), .int(3), .int(4)]),
        ]
        for (index, field) in schema.fields.enumerated() {
            #expect(first[index] == expected[index], "column \(field.name)")
        }
        // Row 2: NULL everywhere but the key and the NOT NULL name ('').
        #expect(all[1][0] == .int(2))
        #expect(all[1][9] == .string(""))
        for index in schema.fields.indices where index != 0 && index != 9 {
            #expect(all[1][index] == .null, "column \(schema.fields[index].name)")
        }
        // Row 3: extremes, infinities, empty arrays.
        let third = all[2]
        #expect(third[1] == .int(-32768))
        #expect(third[2] == .int(Int64.min))
        #expect(third[4] == .decimal(-1, scale: 2))
        #expect(third[5] == .decimal(-123_456_789_987_654_321_987_654_321, scale: 18))
        #expect(third[6] == .string("0.0000000000"))
        #expect(third[7] == .double(.infinity))
        if case .double(let nan) = third[8] { #expect(nan.isNaN) } else { Issue.record("d should be NaN, got \(third[8])") }
        #expect(third[10] == .string(""))
        #expect(third[11] == .string("a   "))
        #expect(third[12] == .date(Int32(CivilTime.days(year: 9999, month: 12, day: 31))))
        #expect(third[13] == .timestamp(-62_135_596_800_000_000))
        #expect(third[14] == .timestamp(0))
        #expect(third[16] == .string("-3 mons"))
        #expect(third[19] == .string("00000000-0000-0000-0000-000000000000"))
        #expect(third[20] == .binary([]))
        #expect(third[24] == .list([]))
        #expect(third[25] == .list([]))
        #expect(third[26] == .list([.null]))
    }

    @Test func tableReadKeepsNullabilityAndProjection() async throws {
        let connector = try PostgresFixture.connector()
        let batches = try await connector.readAll(.table("sales", "orders", columns: ["note", "order_id"]))
        let schema = try #require(batches.first?.schema)
        #expect(schema.description == "note string, order_id bigint not null")
        #expect(batches.reduce(0) { $0 + $1.count } == PostgresFixture.orderCount)
        // Batches are cut at the default size, so a 10,000-row table is two batches.
        #expect(batches.map(\.count) == [8192, 1808])
        let unknown = await #expect(throws: SluiceError.self) {
            try await connector.readAll(.table("sales", "orders", columns: ["ordr_id"]))
        }
        #expect(unknown?.message == "Column 'ordr_id' not found in sales.orders. Did you mean 'order_id'?")
    }

    @Test func partitionedReadEqualsAPlainRead() async throws {
        let connector = try PostgresFixture.connector()
        let plain = rows(try await connector.readAll(.table("sales", "orders")))
        for partitioning in [
            PostgresPartitioning(column: "order_id", partitionCount: 4),
            PostgresPartitioning(column: "order_id", partitionCount: 3, lowerBound: .int(2000), upperBound: .int(5000)),
            PostgresPartitioning(column: "ordered_on", partitionCount: 5),
            PostgresPartitioning(column: "customer_id", partitionCount: 7, lowerBound: .string("10"), upperBound: .string("20")),
        ] {
            let plan = try await connector.plan(.table("sales", "orders", partitioning: partitioning))
            #expect(plan.partitionCount == partitioning.partitionCount)
            let partitioned = rows(try await connector.readAll(.table("sales", "orders", partitioning: partitioning)))
            #expect(partitioned.count == plain.count, "\(partitioning)")
            let key: ([Value]) -> Int64 = { row in if case .int(let id) = row[0] { id } else { -1 } }
            #expect(partitioned.sorted { key($0) < key($1) } == plain.sorted { key($0) < key($1) }, "\(partitioning)")
        }
    }

    @Test func partitionRangesFollowSpark() async throws {
        let connector = try PostgresFixture.connector()
        let plan = try await connector.plan(.table(
            "sales", "orders", partitioning: PostgresPartitioning(column: "order_id", partitionCount: 3, lowerBound: .int(0), upperBound: .int(30))))
        #expect((0..<3).map { plan.sql(partition: $0) } == [
            "SELECT \"order_id\", \"customer_id\", \"amount\", \"ordered_on\", \"note\" FROM \"sales\".\"orders\" WHERE \"order_id\" < 10 OR \"order_id\" IS NULL",
            "SELECT \"order_id\", \"customer_id\", \"amount\", \"ordered_on\", \"note\" FROM \"sales\".\"orders\" WHERE \"order_id\" >= 10 AND \"order_id\" < 20",
            "SELECT \"order_id\", \"customer_id\", \"amount\", \"ordered_on\", \"note\" FROM \"sales\".\"orders\" WHERE \"order_id\" >= 20",
        ])
        let badColumn = await #expect(throws: SluiceError.self) {
            try await connector.plan(.table("sales", "orders", partitioning: PostgresPartitioning(column: "note", partitionCount: 2)))
        }
        #expect(badColumn?.message == "Column 'note' of sales.orders is text; a partition column must be an integer, date or timestamp column.")
    }

    @Test func queryReadsAndServerErrorsAreExplained() async throws {
        let connector = try PostgresFixture.connector()
        let batches = try await connector.readAll(.query("SELECT customer_id, count(*) AS orders FROM sales.orders GROUP BY 1 ORDER BY 1 LIMIT 3;"))
        #expect(batches.first?.schema.description == "customer_id int, orders bigint")
        #expect(rows(batches) == [[.int(0), .int(103)], [.int(1), .int(104)], [.int(2), .int(104)]])
        let missing = await #expect(throws: SluiceError.self) {
            try await connector.readAll(.query("SELECT * FROM sales.nosuch"))
        }
        #expect(missing?.code == "postgres.server")
        #expect(missing?.message.hasSuffix("checking the query: relation \"sales.nosuch\" does not exist [SQLSTATE 42P01].") == true)
        let table = await #expect(throws: SluiceError.self) {
            try await connector.readAll(.table("sales", "ordres"))
        }
        #expect(table?.message.hasPrefix("Table 'sales.ordres' not found in database 'sluice_fixture'") == true)
        #expect(table?.message.hasSuffix("Did you mean 'sales.orders'?") == true)
    }

    @Test func numericThatDoesNotFitIsAnErrorNamingRowAndColumn() async throws {
        let connector = try PostgresFixture.connector()
        let error = await #expect(throws: SluiceError.self) {
            try await connector.readAll(.query("SELECT 'NaN'::numeric AS ratio UNION ALL SELECT 1e30::numeric"))
        }
        #expect(error?.message == "Reading query, row 1, column 'ratio': the value NaN does not fit decimal(38,18).")
        let overflow = await #expect(throws: SluiceError.self) {
            try await connector.readAll(.query("SELECT 123456789012345678901.5::numeric AS big"))
        }
        #expect(overflow?.message == "Reading query, row 1, column 'big': the value 123456789012345678901.5 does not fit decimal(38,18).")
    }
}
