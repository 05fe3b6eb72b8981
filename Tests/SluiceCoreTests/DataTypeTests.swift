import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct DataTypeTests {
    static let descriptions: [(DataType, String)] = [
        (.boolean, "boolean"), (.int8, "tinyint"), (.int16, "smallint"), (.int32, "int"), (.int64, "bigint"),
        (.float32, "float"), (.float64, "double"), (.decimal(precision: 10, scale: 2), "decimal(10,2)"),
        (.decimal(precision: 38, scale: 38), "decimal(38,38)"), (.string, "string"), (.binary, "binary"),
        (.date, "date"), (.timestamp, "timestamp"),
        (.list(.int64), "array<bigint>"),
        (.map(key: .string, value: .float64), "map<string,double>"),
        (.struct([Field("os", .string), Field("version", .int32)]), "struct<os:string,version:int>"),
        (.struct([]), "struct<>"),
        (
            .list(.struct([Field("tags", .map(key: .string, value: .list(.decimal(precision: 5, scale: 1))))])),
            "array<struct<tags:map<string,array<decimal(5,1)>>>>"
        ),
        (.struct([Field("user name", .string), Field("日本", .int32), Field("a.b", .date)]), "struct<`user name`:string,`日本`:int,`a.b`:date>"),
    ]

    @Test(arguments: descriptions)
    func descriptionUsesHiveNames(type: DataType, text: String) throws {
        #expect(type.description == text)
        #expect(try DataType(parsing: text) == type)
    }

    @Test(arguments: [
        ("BOOLEAN", DataType.boolean), ("bool", .boolean), ("int8", .int8), ("byte", .int8), ("tinyint", .int8),
        ("int16", .int16), ("short", .int16), ("integer", .int32), ("int32", .int32), ("Int", .int32),
        ("long", .int64), ("int64", .int64), ("float32", .float32), ("real", .float32), ("float64", .float64),
        ("varchar", .string), ("varchar(255)", .string), ("char( 1 )", .string), ("text", .string),
        ("varbinary", .binary), ("bytes", .binary), ("decimal", .decimal(precision: 10, scale: 0)),
        ("numeric(7)", .decimal(precision: 7, scale: 0)), ("DECIMAL( 12 , 3 )", .decimal(precision: 12, scale: 3)),
        ("list<int>", .list(.int32)), ("  array < string >  ", .list(.string)),
        ("map< string , array<long> >", .map(key: .string, value: .list(.int64))),
        ("Struct<A:INT, b : string>", .struct([Field("A", .int32), Field("b", .string)])),
        ("struct<`we:ird, name`:int>", .struct([Field("we:ird, name", .int32)])),
        ("struct<>", .struct([])),
    ])
    func parsesAliases(text: String, expected: DataType) throws {
        #expect(try DataType(parsing: text) == expected)
    }

    static let hint = "Write types as Hive names, e.g. bigint, double, string, decimal(10,2), "
        + "array<string>, map<string,int>, struct<os:string,version:int>."

    @Test(arguments: [
        ("", "Cannot read the type '': expected a type name at character 1."),
        ("array<int", "Cannot read the type 'array<int': expected '>' at character 10."),
        ("array int", "Cannot read the type 'array int': expected '<' at character 7."),
        ("int extra", "Cannot read the type 'int extra': unexpected text after the type at character 5."),
        ("map<string>", "Cannot read the type 'map<string>': expected ',' at character 11."),
        ("struct<a int>", "Cannot read the type 'struct<a int>': expected ':' at character 10."),
        ("struct<:int>", "Cannot read the type 'struct<:int>': expected a field name at character 8."),
        ("struct<`a b:int>", "Cannot read the type 'struct<`a b:int>': unclosed '`' at character 17."),
        ("decimal(x)", "Cannot read the type 'decimal(x)': expected a number at character 10."),
        (
            "decimal(39,2)",
            "Cannot read the type 'decimal(39,2)': decimal precision must be 1...38 and scale 0...precision at character 14."
        ),
        (
            "decimal(5,6)",
            "Cannot read the type 'decimal(5,6)': decimal precision must be 1...38 and scale 0...precision at character 13."
        ),
        ("varchar(", "Cannot read the type 'varchar(': expected a number at character 9."),
    ])
    func reportsBadSyntax(text: String, message: String) {
        #expect {
            try DataType(parsing: text)
        } throws: { error in
            guard let error = error as? SluiceError else { return false }
            return error.code == "type.syntax" && error.domain == .core && error.message == message && error.hint == Self.hint
        }
    }

    @Test func reportsUnknownTypesWithTheKnownOnes() {
        #expect(throws: SluiceError(
            domain: .core, code: "type.unknown", message: "Unknown type 'uuid' in 'array<UUID>'.",
            hint: "Known types: boolean, tinyint, smallint, int, bigint, float, double, decimal(p,s), "
                + "string, binary, date, timestamp, array<…>, map<…,…>, struct<…>.")
        ) {
            try DataType(parsing: "array<UUID>")
        }
    }

    @Test func classifiesTypes() {
        #expect(DataType.int8.isInteger && DataType.int64.isInteger && !DataType.float32.isInteger)
        #expect(DataType.float32.isFloatingPoint && !DataType.decimal(precision: 3, scale: 1).isFloatingPoint)
        #expect(DataType.decimal(precision: 3, scale: 1).isNumeric && !DataType.string.isNumeric && !DataType.date.isNumeric)
        #expect(DataType.list(.int32).isNested && DataType.struct([]).isNested && !DataType.timestamp.isNested)
        #expect(DataType.map(key: .string, value: .int32).isNested)
    }

    @Test func fieldDescriptionMentionsNotNull() {
        #expect(Field("id", .int64, isNullable: false).description == "id bigint not null")
        #expect(Schema([Field("id", .int64, isNullable: false), Field("name", .string)]).description
            == "id bigint not null, name string")
    }

    /// Type text carries no nullability, so struct fields read back nullable.
    private func allNullable(_ type: DataType) -> DataType {
        switch type {
        case .struct(let fields): .struct(fields.map { Field($0.name, allNullable($0.type)) })
        case .list(let element): .list(allNullable(element))
        case .map(let key, let value): .map(key: allNullable(key), value: allNullable(value))
        default: type
        }
    }

    @Test func randomTypesReadBackFromTheirDescription() throws {
        var random = SeededRandom(seed: 7)
        for _ in 0..<500 {
            let type = allNullable(RandomData.dataType(using: &random, maximumDepth: 4))
            #expect(try DataType(parsing: type.description) == type, "\(type)")
        }
    }
}
