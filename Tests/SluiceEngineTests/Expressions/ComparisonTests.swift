import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct ComparisonTests {
    typealias T = ExpressionTesting

    @Test func stringsCompareByUTF8Bytes() throws {
        let batch = try T.batch([("a", .string, [.string("a"), .string("Z"), .string("é"), .string("ab"), .null]),
                                 ("b", .string, [.string("b"), .string("a"), .string("z"), .string("a"), .string("x")])])
        let less = try T.call("<", T.column(batch, "a"), T.column(batch, "b"))
        #expect(try T.evaluate(less, batch) == [.boolean(true), .boolean(true), .boolean(false), .boolean(false), .null])
        let longString = String(repeating: "k", count: 40)
        let long = try T.call(">=", T.literal(.string(longString + "b"), .string), T.literal(.string(longString + "a"), .string))
        #expect(try T.constant(long) == .boolean(true))
    }

    @Test func numbersCompareAcrossWidthsAndNaNIsNeverEqual() throws {
        #expect(try T.constant(try T.call("=", T.literal(.int(3), .int8), T.literal(.int(3), .int64))) == .boolean(true))
        #expect(try T.constant(try T.call("<", T.literal(.int(2), .int32), T.literal(.double(2.5), .float64))) == .boolean(true))
        let price = T.literal(.decimal(1250, scale: 2), .decimal(precision: 5, scale: 2))
        #expect(try T.constant(try T.call("=", price, T.literal(.decimal(125, scale: 1), .decimal(precision: 3, scale: 1)))) == .boolean(true))
        #expect(try T.constant(try T.call("=", T.literal(.double(.nan), .float64), T.literal(.double(.nan), .float64))) == .boolean(false))
        #expect(try T.constant(try T.call("<>", T.literal(.boolean(false), .boolean), T.literal(.boolean(true), .boolean))) == .boolean(true))
    }

    @Test func datesCompareWithStringsAndTimestamps() throws {
        let day = T.literal(.date(Int32(CivilTime.days(year: 2026, month: 11, day: 1))), .date)
        #expect(try T.constant(try T.call(">=", day, T.literal(.string("2026-11-01"), .string))) == .boolean(true))
        #expect(try T.constant(try T.call("<", day, T.literal(.timestamp(TemporalParsing.parseTimestamp("2026-11-01 00:00:01")!), .timestamp)))
            == .boolean(true))
    }

    @Test func isDistinctFromTreatsNullsAsValues() throws {
        let batch = try T.batch([("a", .int64, [.int(1), .int(1), .null, .null]), ("b", .int64, [.int(1), .int(2), .int(1), .null])])
        let distinct = try T.call("is_distinct_from", T.column(batch, "a"), T.column(batch, "b"))
        #expect(try T.evaluate(distinct, batch) == [.boolean(false), .boolean(true), .boolean(true), .boolean(false)])
        let nullIf = try T.call("nullif", T.column(batch, "a"), T.column(batch, "b"))
        #expect(try T.evaluate(nullIf, batch) == [.null, .int(1), .null, .null])
    }

    @Test func nestedValuesCompareForEqualityOnly() throws {
        let list = T.literal(.list([.int(1), .int(2)]), .list(.int64))
        #expect(try T.constant(try T.call("=", list, list)) == .boolean(true))
        #expect(T.errorMessage { _ = try FunctionRegistry.resolve("<", argumentTypes: [.list(.int64), .list(.int64)]) }
            == "Operator '<' cannot take (array<bigint>, array<bigint>). Signatures: <(T, T).")
    }
}
