import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct RecordBatchTests {
    let schema = Schema([Field("id", .int64, isNullable: false), Field("name", .string)])

    private func column(_ type: DataType, _ values: [Value]) throws -> Column {
        let builder = ColumnBuilder(type: type)
        for value in values { try builder.append(value: value) }
        return builder.finish()
    }

    @Test func buildsRowsAndFindsColumns() throws {
        let builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [.int(1), .string("a")])
        try builder.append(row: [.int(2), .null])
        #expect(builder.count == 2)
        let batch = builder.finish()
        #expect(batch.count == 2)
        #expect(batch.rows == [[.int(1), .string("a")], [.int(2), .null]])
        #expect(batch.row(1) == [.int(2), .null])
        #expect(batch.column(named: "name")?.values == [.string("a"), .null])
        #expect(batch.column(named: "missing") == nil)
        #expect(builder.count == 0)
    }

    @Test func emptyBatchHasTheSchema() {
        let empty = RecordBatch.empty(schema)
        #expect(empty.count == 0)
        #expect(empty.schema == schema)
        #expect(empty.columns.map(\.type) == [.int64, .string])
        #expect((try? RecordBatch(schema: Schema([]), columns: []))?.count == 0)
    }

    @Test func rejectsAWrongNumberOfColumns() throws {
        let ids = try column(.int64, [.int(1)])
        #expect(throws: SluiceError.internal("A batch with 2 fields got 1 columns.")) {
            try RecordBatch(schema: schema, columns: [ids])
        }
    }

    @Test func rejectsAColumnOfAnotherType() throws {
        let ids = try column(.int32, [.int(1)])
        let names = try column(.string, [.string("a")])
        let error = SluiceError.internal("Column 'id' is int but the schema says bigint.")
        #expect(throws: error) { try RecordBatch(schema: schema, columns: [ids, names]) }
        #expect(error.isInternal)
        #expect(error.description == "Column 'id' is int but the schema says bigint.\n"
            + "Hint: This is a bug in Sluice; please report it with the command that triggered it.")
    }

    @Test func rejectsColumnsOfDifferentLengths() throws {
        let ids = try column(.int64, [.int(1), .int(2)])
        let names = try column(.string, [.string("a")])
        #expect(throws: SluiceError.internal("Column 'name' has 1 values, the batch 2.")) {
            try RecordBatch(schema: schema, columns: [ids, names])
        }
    }

    @Test func rejectsRowsOfTheWrongWidth() {
        let builder = RecordBatchBuilder(schema: schema)
        #expect(throws: SluiceError(
            domain: .core, code: "batch.rowWidth", message: "A row has 3 values but the schema has 2 columns.")
        ) {
            try builder.append(row: [.int(1), .string("a"), .null])
        }
    }

    @Test func randomBatchesAreDeterministicAndFitTheirSchema() {
        var first = SeededRandom(seed: 99)
        var second = SeededRandom(seed: 99)
        for _ in 0..<20 {
            let schemaA = RandomData.schema(using: &first, fieldCount: 8, allowNested: true)
            let schemaB = RandomData.schema(using: &second, fieldCount: 8, allowNested: true)
            #expect(schemaA == schemaB)
            #expect(Set(schemaA.names.map { $0.lowercased() }).count == 8)
            let batchA = RandomData.batch(schema: schemaA, rows: 30, nullRate: 0.3, using: &first)
            let batchB = RandomData.batch(schema: schemaB, rows: 30, nullRate: 0.3, using: &second)
            #expect(batchA.count == 30)
            #expect(BatchComparison.firstDifference(expected: [batchA], actual: [batchB]) == nil)
            for (field, column) in zip(schemaA.fields, batchA.columns) where !field.isNullable {
                #expect(column.nullCount == 0, "\(field)")
            }
        }
    }

    @Test func flatSchemasHoldOnlyScalars() {
        var random = SeededRandom(seed: 5)
        let schema = RandomData.schema(using: &random, fieldCount: 40, allowNested: false)
        #expect(schema.fields.allSatisfy { !$0.type.isNested })
        let batch = RandomData.batch(schema: schema, rows: 10, nullRate: 0, using: &random)
        #expect(batch.columns.allSatisfy { $0.nullCount == 0 })
    }
}
