import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct CastTests {
    typealias T = ExpressionTesting

    func cast(_ value: Value, _ from: DataType, to: DataType, isTry: Bool = false) throws -> Value {
        try T.constant(.cast(T.literal(value, from), to: to, isTry: isTry))
    }

    @Test func textToNumbers() throws {
        #expect(try cast(.string(" 42 "), .string, to: .int64) == .int(42))
        #expect(try cast(.string("-7"), .string, to: .int8) == .int(-7))
        #expect(try cast(.string("1.5e2"), .string, to: .float64) == .double(150))
        #expect(try cast(.string("12.345"), .string, to: .decimal(precision: 5, scale: 2)) == .decimal(1235, scale: 2))
        #expect(try cast(.string("-12.345"), .string, to: .decimal(precision: 5, scale: 2)) == .decimal(-1235, scale: 2))
        #expect(try cast(.string("TRUE"), .string, to: .boolean) == .boolean(true))
        #expect(try cast(.string("NaN"), .string, to: .float64).displayText == "NaN")
    }

    @Test func invalidTextNamesTheValueAndType() {
        #expect(T.errorMessage { _ = try cast(.string("abc"), .string, to: .int64) } == "Cannot cast 'abc' to bigint.")
        #expect(T.errorMessage { _ = try cast(.string("300"), .string, to: .int8) } == "Cannot cast '300' to tinyint: the value is out of range.")
        #expect(T.errorMessage { _ = try cast(.string("9223372036854775808"), .string, to: .int64) }
            == "Cannot cast '9223372036854775808' to bigint.")
        #expect(T.errorMessage { _ = try cast(.string("2026-02-30"), .string, to: .date) } == "Cannot cast '2026-02-30' to date.")
        #expect(T.errorMessage { _ = try cast(.string("yes"), .string, to: .boolean) } == "Cannot cast 'yes' to boolean.")
        #expect(T.errorMessage { _ = try cast(.string("123.4"), .string, to: .decimal(precision: 3, scale: 1)) }
            == "Cannot cast '123.4' to decimal(3,1).")
    }

    @Test func tryCastGivesNull() throws {
        #expect(try cast(.string("abc"), .string, to: .int64, isTry: true) == .null)
        #expect(try cast(.int(300), .int64, to: .int8, isTry: true) == .null)
        #expect(try cast(.double(.nan), .float64, to: .int32, isTry: true) == .null)
        let batch = try T.batch([("s", .string, [.string("1"), .string("x"), .null, .string("3")])])
        let expression = BoundExpression.cast(T.column(batch, "s"), to: .int32, isTry: true)
        #expect(try T.evaluate(expression, batch) == [.int(1), .null, .null, .int(3)])
    }

    @Test func numbersBetweenTypes() throws {
        #expect(try cast(.double(2.5), .float64, to: .int64) == .int(3))
        #expect(try cast(.double(-2.5), .float64, to: .int64) == .int(-3))
        #expect(try cast(.double(2.4), .float64, to: .int64) == .int(2))
        #expect(T.errorMessage { _ = try cast(.double(1e19), .float64, to: .int64) }
            == "Cannot cast 1e+19 to bigint: the value is out of range.")
        #expect(T.errorMessage { _ = try cast(.int(128), .int64, to: .int8) } == "Cannot cast 128 to tinyint: the value is out of range.")
        #expect(try cast(.decimal(-1250, scale: 3), .decimal(precision: 4, scale: 3), to: .int32) == .int(-1))
        #expect(try cast(.decimal(1250, scale: 2), .decimal(precision: 4, scale: 2), to: .decimal(precision: 3, scale: 1)) == .decimal(125, scale: 1))
        #expect(try cast(.decimal(1255, scale: 3), .decimal(precision: 4, scale: 3), to: .decimal(precision: 3, scale: 2)) == .decimal(126, scale: 2))
        #expect(try cast(.double(0.1), .float64, to: .decimal(precision: 3, scale: 2)) == .decimal(10, scale: 2))
        #expect(try cast(.double(1.005), .float64, to: .decimal(precision: 4, scale: 2)) == .decimal(101, scale: 2))
        #expect(try cast(.int(5), .int32, to: .decimal(precision: 3, scale: 1)) == .decimal(50, scale: 1))
        #expect(T.errorMessage { _ = try cast(.int(100), .int32, to: .decimal(precision: 3, scale: 1)) }
            == "Cannot cast 100 to decimal(3,1): the value is out of range.")
        #expect(try cast(.decimal(12345, scale: 2), .decimal(precision: 5, scale: 2), to: .float64) == .double(123.45))
        #expect(try cast(.int(0), .int64, to: .boolean) == .boolean(false))
        #expect(try cast(.boolean(true), .boolean, to: .int32) == .int(1))
    }

    @Test func anythingToText() throws {
        #expect(try cast(.int(-12), .int64, to: .string) == .string("-12"))
        #expect(try cast(.double(1.5), .float64, to: .string) == .string("1.5"))
        #expect(try cast(.double(0.1), .float32, to: .string) == .string("0.1"))
        #expect(try cast(.decimal(-5, scale: 2), .decimal(precision: 3, scale: 2), to: .string) == .string("-0.05"))
        #expect(try cast(.date(-1), .date, to: .string) == .string("1969-12-31"))
        #expect(try cast(.timestamp(-1), .timestamp, to: .string) == .string("1969-12-31 23:59:59.999999"))
        #expect(try cast(.boolean(false), .boolean, to: .string) == .string("false"))
        #expect(try cast(.list([.int(1), .null]), .list(.int32), to: .string) == .string("[1, NULL]"))
    }

    @Test func datesAndTimestamps() throws {
        #expect(try cast(.string("2026-11-01"), .string, to: .timestamp) == .timestamp(Int64(CivilTime.days(year: 2026, month: 11, day: 1)) * 86_400_000_000))
        #expect(try cast(.string("2026-11-01 10:00:00+02:00"), .string, to: .timestamp)
            == .timestamp(Int64(CivilTime.days(year: 2026, month: 11, day: 1)) * 86_400_000_000 + 8 * 3_600_000_000))
        // A timestamp before 1970 keeps its own day, not the next one.
        #expect(try cast(.timestamp(-1), .timestamp, to: .date) == .date(-1))
        #expect(try cast(.date(3), .date, to: .timestamp) == .timestamp(3 * 86_400_000_000))
    }

    @Test func nestedTypesCastElementWise() throws {
        #expect(try cast(.list([.int(1), .null, .int(3)]), .list(.int32), to: .list(.int64)) == .list([.int(1), .null, .int(3)]))
        #expect(try cast(.list([.string("1"), .string("x")]), .list(.string), to: .list(.int64), isTry: true) == .list([.int(1), .null]))
        let from = DataType.struct([Field("a", .int32), Field("b", .string)])
        let to = DataType.struct([Field("x", .int64), Field("y", .string)])
        #expect(try cast(.structure([NamedValue("a", .int(1)), NamedValue("b", .string("s"))]), from, to: to)
            == .structure([NamedValue("x", .int(1)), NamedValue("y", .string("s"))]))
    }
}

@Suite struct LiteralTests {
    typealias T = ExpressionTesting

    @Test func literalsOfAnotherTypeConvertLikeACast() throws {
        #expect(try T.constant(T.literal(.string("2026-11-01"), .date)) == .date(Int32(CivilTime.days(year: 2026, month: 11, day: 1))))
        #expect(try T.constant(T.literal(.double(1.25), .decimal(precision: 4, scale: 2))) == .decimal(125, scale: 2))
        #expect(try T.constant(T.literal(.int(7), .decimal(precision: 4, scale: 2))) == .decimal(700, scale: 2))
        #expect(T.errorMessage { _ = try T.constant(T.literal(.string("soon"), .date)) } == "Cannot cast 'soon' to date.")
    }

    @Test func literalsBroadcastToTheBatch() throws {
        let batch = try T.batch([("x", .int64, [.int(1), .int(2), .int(3)])])
        #expect(try T.evaluate(T.literal(.string("é"), .string), batch) == [.string("é"), .string("é"), .string("é")])
        #expect(try T.evaluate(T.literal(.null, .string), batch) == [.null, .null, .null])
        #expect(try T.evaluate(T.literal(.list([.int(1)]), .list(.int64)), batch) == Array(repeating: .list([.int(1)]), count: 3))
    }
}
