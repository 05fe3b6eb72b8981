import SluiceCore
import Testing
@testable import SluiceSQL

@Suite struct TypeParserTests {
    /// The type `CAST(x AS text)` names.
    private func castType(_ text: String) throws -> DataType {
        guard case .cast(_, let type, _) = try SQLParser.parseExpression("CAST(x AS \(text))").kind else {
            throw SluiceError.internal("not a cast")
        }
        return type
    }

    @Test(arguments: [
        ("varchar", DataType.string), ("VARCHAR(255)", .string), ("char(3)", .string), ("string", .string),
        ("json", .string), ("integer", .int32), ("int", .int32), ("bigint", .int64), ("smallint", .int16),
        ("tinyint", .int8), ("double", .float64), ("double precision", .float64), ("real", .float32),
        ("float", .float32), ("decimal(10,2)", .decimal(precision: 10, scale: 2)), ("numeric(5)", .decimal(precision: 5, scale: 0)),
        ("decimal", .decimal(precision: 38, scale: 0)), ("date", .date), ("timestamp", .timestamp),
        ("timestamp(3)", .timestamp), ("timestamp with time zone", .timestamp), ("timestamp(6) without time zone", .timestamp),
        ("boolean", .boolean), ("varbinary", .binary), ("binary", .binary),
        ("array(bigint)", .list(.int64)), ("array<varchar>", .list(.string)),
        ("map(varchar, double)", .map(key: .string, value: .float64)), ("map<string,array<int>>", .map(key: .string, value: .list(.int32))),
        ("row(name varchar, age integer)", .struct([Field("name", .string), Field("age", .int32)])),
        ("row(bigint, double)", .struct([Field("field0", .int64), Field("field1", .float64)])),
        ("row(\"Full Name\" varchar, ts timestamp with time zone)", .struct([Field("Full Name", .string), Field("ts", .timestamp)])),
        ("struct<os:string,version:int>", .struct([Field("os", .string), Field("version", .int32)])),
        ("struct<`a b`:array<struct<x:int>>>", .struct([Field("a b", .list(.struct([Field("x", .int32)])))])),
    ])
    func typeNames(text: String, expected: DataType) throws {
        #expect(try castType(text) == expected)
    }

    @Test func castTextParsesBack() throws {
        for text in ["map<string,array<int>>", "struct<`a b`:int,c:decimal(10,2)>", "array<struct<x:timestamp>>"] {
            let printed = try canonicalExpression("CAST(x AS \(text))")
            #expect(printed == "CAST(x AS \(text))")
            #expect(try canonicalExpression(printed) == printed)
        }
    }

    @Test func unknownTypeListsTheKnownOnes() {
        let error = expressionError("CAST(x AS strng)")
        #expect(error?.message == "Unknown type 'strng'.")
        #expect(error?.code == "sql.type")
        #expect(error?.location == ErrorLocation(line: 1, column: 11))
        #expect(error?.hint == "Known types: boolean, tinyint, smallint, integer, bigint, real, double, decimal(p,s), varchar, char(n), varbinary, date, timestamp, json, array(T), map(K,V), row(name T, …).")
    }

    @Test func unsupportedTypeIsNamed() {
        let error = expressionError("CAST(x AS time)")
        #expect(error?.message == "The type time is not supported.")
        #expect(error?.code == "sql.type")
    }

    @Test func decimalOutOfRange() {
        let error = expressionError("CAST(x AS decimal(40, 2))")
        #expect(error?.message == "The type decimal(40,2) is out of range.")
        #expect(error?.hint == "Decimal precision must be 1 to 38, and the scale 0 to the precision.")
        #expect(expressionError("CAST(x AS decimal(5, 6))")?.message == "The type decimal(5,6) is out of range.")
        #expect(expressionError("CAST(x AS decimal(0))")?.message == "The type decimal(0) is out of range.")
    }

    @Test func typeParameterMustBeANumber() {
        let error = expressionError("CAST(x AS varchar(n))")
        #expect(error?.message == "Expected a whole number in varchar(…) after '(' but found 'n'.")
    }

    @Test func unclosedArrayType() {
        let error = expressionError("CAST(x AS array<int)")
        #expect(error?.message == "Missing '>' to close the '<' at line 1, column 16; found ')' instead.")
    }
}
