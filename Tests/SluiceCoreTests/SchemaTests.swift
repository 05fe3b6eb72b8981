import SluiceCore
import Testing

@Suite struct SchemaTests {
    @Test func drawsNestedFieldsAsATree() {
        let schema = Schema([
            Field("order_id", .int64, isNullable: false),
            Field("device", .struct([Field("os", .string), Field("app_version", .string)])),
            Field("items", .list(.struct([Field("sku", .string), Field("price", .decimal(precision: 10, scale: 2))]))),
            Field("tags", .list(.string)),
            Field("attributes", .map(key: .string, value: .struct([Field("value", .string), Field("seen", .timestamp)]))),
            Field("counts", .map(key: .string, value: .int64)),
            Field("meta", .struct([
                Field("source", .struct([Field("name", .string), Field("ids", .list(.int32))])),
                Field("owner", .string, isNullable: false),
            ])),
        ])
        #expect(schema.treeDescription() == """
            order_id: bigint not null
            device: struct
            ├── os: string
            └── app_version: string
            items: array
            └── element: struct
                ├── sku: string
                └── price: decimal(10,2)
            tags: array<string>
            attributes: map
            ├── key: string
            └── value: struct
                ├── value: string
                └── seen: timestamp
            counts: map<string,bigint>
            meta: struct
            ├── source: struct
            │   ├── name: string
            │   └── ids: array<int>
            └── owner: string not null
            """)
    }

    @Test func emptySchemaDrawsNothing() {
        #expect(Schema([]).treeDescription() == "")
    }

    @Test func findsAndProjectsFields() throws {
        let schema = Schema([Field("id", .int64), Field("region", .string), Field("amount", .float64)])
        #expect(schema.count == 3)
        #expect(schema.names == ["id", "region", "amount"])
        #expect(schema.index(of: "amount") == 2)
        #expect(schema.index(of: "Amount") == nil)
        #expect(schema.field(named: "region") == Field("region", .string))
        #expect(try schema.projected(["amount", "id"]).names == ["amount", "id"])
        #expect(schema.structType == .struct(schema.fields))
        #expect(throws: SluiceError(
            domain: .core, code: "schema.unknownField",
            message: "Column 'regoin' is not in the schema. Columns: id, region, amount.",
            hint: "Check the spelling; names are case-sensitive.")
        ) {
            try schema.projected(["id", "regoin"])
        }
    }
}
