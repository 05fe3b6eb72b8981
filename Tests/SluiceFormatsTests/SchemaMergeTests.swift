import SluiceCore
import SluiceFormats
import Testing

@Suite struct SchemaMergeTests {
    private func input(_ source: String, _ fields: [Field], nullOnly: Set<String> = []) -> SchemaMerge.Input {
        SchemaMerge.Input(source: source, schema: Schema(fields), nullOnlyFields: nullOnly)
    }

    @Test func oneInputStaysAsItIs() {
        let fields = [Field("id", .int64, isNullable: false), Field("name", .string)]
        let result = SchemaMerge.merge([input("a.json", fields)])
        #expect(result.schema == Schema(fields))
        #expect(result.changes.isEmpty)
        #expect(SchemaMerge.merge([]).schema == Schema([]))
    }

    @Test func reportsAddedWidenedAndNullableColumns() {
        let result = SchemaMerge.merge([
            input("a.json", [Field("id", .int32, isNullable: false), Field("name", .string, isNullable: false)]),
            input("b.json", [Field("id", .int64, isNullable: false), Field("active", .boolean, isNullable: false)]),
            input("c.json", [Field("id", .float64), Field("name", .string), Field("active", .boolean)]),
        ])
        #expect(result.schema == Schema([
            Field("id", .float64, isNullable: true), Field("name", .string, isNullable: true),
            Field("active", .boolean, isNullable: true),
        ]))
        #expect(result.changes.map(\.description) == [
            "widened 'id' from int to bigint because of b.json",
            "added column 'active' (boolean) first seen in b.json",
            "'name' is now nullable: missing or null in b.json",
            "widened 'id' from bigint to double because of c.json",
            "'id' is now nullable: missing or null in c.json",
        ])
        #expect(result.changes[1].field == "active")
        #expect(result.changes[1].kind == .added(.boolean))
        #expect(result.changes[1].source == "b.json")
    }

    @Test func nestedTypesWidenTogether() {
        let result = SchemaMerge.merge([
            input("a.json", [Field("device", .struct([Field("os", .string)]))]),
            input("b.json", [Field("device", .struct([Field("os", .string), Field("version", .int32)]))]),
        ])
        #expect(result.schema == Schema([Field("device", .struct([Field("os", .string), Field("version", .int32)]))]))
        #expect(result.changes.map(\.description) == [
            "widened 'device' from struct<os:string> to struct<os:string,version:int> because of b.json"
        ])
    }

    @Test func nullOnlyFieldsTakeTheTypeFoundElsewhere() {
        let result = SchemaMerge.merge([
            input("a.json", [Field("id", .int64, isNullable: false), Field("note", .string)], nullOnly: ["note"]),
            input("b.json", [Field("id", .int64), Field("note", .int32)], nullOnly: ["id"]),
        ])
        #expect(result.schema == Schema([Field("id", .int64, isNullable: true), Field("note", .int32)]))
        // `note` had no type before b.json, so taking b.json's type is not a widening.
        #expect(result.changes.map(\.description) == ["'id' is now nullable: missing or null in b.json"])
    }

    @Test func nullOnlyEverywhereBecomesString() {
        let result = SchemaMerge.merge([
            input("a.json", [Field("x", .int32)], nullOnly: ["x"]),
            input("b.json", [Field("x", .int32), Field("y", .boolean)], nullOnly: ["x", "y"]),
        ])
        #expect(result.schema == Schema([Field("x", .string), Field("y", .string)]))
        #expect(result.changes.map(\.description) == ["added column 'y' (boolean) first seen in b.json"])
    }

    @Test func laterNullOnlyInputMakesAFieldNullableWithoutChangingItsType() {
        let result = SchemaMerge.merge([
            input("a.json", [Field("price", .decimal(precision: 10, scale: 2), isNullable: false)]),
            input("b.json", [Field("price", .string)], nullOnly: ["price"]),
        ])
        #expect(result.schema == Schema([Field("price", .decimal(precision: 10, scale: 2))]))
        #expect(result.changes.map(\.kind) == [.becameNullable])
        #expect(result.changes.map(\.field) == ["price"])
    }

    @Test func incompatibleTypesFallBackToString() {
        let result = SchemaMerge.merge([
            input("a.csv", [Field("code", .int64)]),
            input("b.csv", [Field("code", .boolean)]),
            input("c.csv", [Field("code", .date)]),
        ])
        #expect(result.schema == Schema([Field("code", .string)]))
        #expect(result.changes.map(\.description) == ["widened 'code' from bigint to string because of b.csv"])
    }
}
