import Testing
import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport

@Suite struct HashOperatorEdgeTests {
    @Test func stringMinAndMaxSurviveArenaCompaction() throws {
        // One group whose maximum grows with every batch: each replaced value is garbage in the
        // arena, which is compacted once the garbage passes 1 MiB.
        let schema = Schema([Field("k", .int32), Field("s", .string)])
        let batches = try (0..<1300).map { index in
            try HashTestSupport.batch(schema, [[.int(1), .string(String(format: index))]])
        }
        func value(_ kind: AggregateKind) throws -> Value {
            let aggregate = try PhysicalHashAggregate(
                inputs: [BatchesOperator(schema: schema, batches: batches)], groupKeys: [0],
                aggregates: [AggregateCall(kind: kind, input: 1, resultType: .string, name: "m")], threads: 1)
            return try HashTestSupport.rows(aggregate).first?[1] ?? .null
        }
        #expect(try value(.max) == .string(String(format: 1299)))
        #expect(try value(.min) == .string(String(format: 0)))
        #expect(try value(.arbitrary) == .string(String(format: 0)))
    }

    @Test func joinCarriesNestedPayloadColumns() throws {
        let left = Schema([Field("k", .int64)])
        let itemType = DataType.struct([Field("name", .string), Field("tags", .list(.int32))])
        let right = Schema([Field("k", .int64), Field("item", itemType)])
        func item(_ name: String, _ tags: [Int64]) -> Value {
            .structure([NamedValue("name", .string(name)), NamedValue("tags", .list(tags.map { .int($0) }))])
        }
        let rightBatches = [
            try HashTestSupport.batch(right, [[.int(1), item("a", [1, 2])], [.int(2), .null]]),
            try HashTestSupport.batch(right, [[.int(1), item("b", [])], [.int(4), item("d", [4])]]),
        ]
        let join = try PhysicalHashJoin(
            left: [BatchesOperator(schema: left, batches: [try HashTestSupport.batch(left, [[.int(1)], [.int(3)], [.int(2)]])])],
            right: [BatchesOperator(schema: right, batches: rightBatches)], leftKeys: [0], rightKeys: [0], type: .full, filter: nil,
            threads: 2)
        HashTestSupport.expectSameRows(try HashTestSupport.rows(join), [
            [.int(1), .int(1), item("a", [1, 2])], [.int(1), .int(1), item("b", [])], [.int(2), .int(2), .null],
            [.int(3), .null, .null], [.null, .int(4), item("d", [4])],
        ], "full join with struct payload")
    }

    @Test func floatKeysTreatNegativeZeroAsZero() throws {
        let schema = Schema([Field("x", .float64)])
        let rows: [[Value]] = [[.double(0.0)], [.double(-0.0)], [.double(1.5)], [.null]]
        let aggregate = try PhysicalHashAggregate(
            inputs: try HashTestSupport.lanes(schema, rows, laneCount: 2, batchRows: 1), groupKeys: [0],
            aggregates: [AggregateCall(kind: .countStar, input: nil, resultType: .int64, name: "c")], threads: 2)
        let counts = try HashTestSupport.rows(aggregate).map { $0[1] }.sorted { ($0.compare(to: $1) ?? .equal) == .less }
        #expect(counts == [.int(1), .int(1), .int(2)])
    }

    @Test func hashesIgnoreNullPayloadAndAgreeAcrossWidths() throws {
        // Null values hash alike whatever lies in their slot; equal numbers of different widths hash alike.
        let withNull = ColumnBuilder(type: .int64)
        withNull.append(int: 5)
        withNull.appendNull()
        let narrow = ColumnBuilder(type: .int32)
        narrow.append(int: 5)
        narrow.appendNull()
        let wide = withNull.finish()
        let small = narrow.finish()
        #expect(KeyHashing.hash(columns: [wide], rowCount: 2) == KeyHashing.hash(columns: [small], rowCount: 2))
        #expect(KeyHashing.hash(columns: [wide], rowCount: 2)[1] == KeyHashing.nullHash)
        let pair = KeyHashing.hash(columns: [wide, small], rowCount: 2)
        #expect(pair[0] != pair[1])
    }
}

private extension String {
    /// A 1 KiB string that sorts by `index`.
    init(format index: Int) {
        let digits = String(index)
        self = String(repeating: "0", count: 6 - digits.count) + digits + String(repeating: "x", count: 1018)
    }
}
