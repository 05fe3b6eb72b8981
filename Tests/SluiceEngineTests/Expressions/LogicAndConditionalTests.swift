import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct LogicAndConditionalTests {
    typealias T = ExpressionTesting

    static let truthTable: RecordBatch = try! T.batch([
        ("p", .boolean, [.boolean(true), .boolean(true), .boolean(true), .boolean(false), .boolean(false), .boolean(false), .null, .null, .null]),
        ("q", .boolean, [.boolean(true), .boolean(false), .null, .boolean(true), .boolean(false), .null, .boolean(true), .boolean(false), .null]),
    ])

    @Test func andIsThreeValued() throws {
        let batch = Self.truthTable
        let result = try T.evaluate(.and([T.column(batch, "p"), T.column(batch, "q")]), batch)
        #expect(result == [.boolean(true), .boolean(false), .null, .boolean(false), .boolean(false), .boolean(false), .null, .boolean(false), .null])
    }

    @Test func orIsThreeValued() throws {
        let batch = Self.truthTable
        let result = try T.evaluate(.or([T.column(batch, "p"), T.column(batch, "q")]), batch)
        #expect(result == [.boolean(true), .boolean(true), .boolean(true), .boolean(true), .boolean(false), .null, .boolean(true), .null, .null])
    }

    @Test func notAndIsNull() throws {
        let batch = Self.truthTable
        #expect(try T.evaluate(.not(T.column(batch, "q")), batch).prefix(3) == [.boolean(false), .boolean(true), .null])
        #expect(try T.evaluate(.isNull(T.column(batch, "q"), isNegated: false), batch).prefix(3) == [.boolean(false), .boolean(false), .boolean(true)])
        #expect(try T.evaluate(.isNull(T.column(batch, "q"), isNegated: true), batch).prefix(3) == [.boolean(true), .boolean(true), .boolean(false)])
    }

    static let division: RecordBatch = try! T.batch([
        ("a", .int64, [.int(10), .int(7), .int(9), .null]),
        ("b", .int64, [.int(2), .int(0), .int(3), .int(0)]),
    ])

    @Test func caseDoesNotEvaluateUntakenBranches() throws {
        let batch = Self.division
        let nonZero = try T.call("<>", T.column(batch, "b"), T.literal(.int(0), .int64))
        let quotient = try T.call("/", T.column(batch, "a"), T.column(batch, "b"))
        let expression = BoundExpression.caseWhen([BoundWhen(condition: nonZero, result: quotient)], elseResult: nil, type: .int64)
        #expect(try T.evaluate(expression, batch) == [.int(5), .null, .int(3), .null])
        let withElse = BoundExpression.caseWhen(
            [BoundWhen(condition: nonZero, result: quotient)], elseResult: T.literal(.int(-1), .int64), type: .int64)
        #expect(try T.evaluate(withElse, batch) == [.int(5), .int(-1), .int(3), .int(-1)])
        // Without the guard the same division fails, so the test above proves the branch was skipped.
        #expect(T.errorMessage { _ = try T.evaluate(quotient, batch) } == "Division by zero.")
    }

    @Test func caseTakesTheFirstTrueBranch() throws {
        let batch = try T.batch([("x", .int64, [.int(1), .int(5), .int(10), .null])])
        let x = T.column(batch, "x")
        let expression = BoundExpression.caseWhen([
            BoundWhen(condition: try T.call("<", x, T.literal(.int(3), .int64)), result: T.literal(.string("small"), .string)),
            BoundWhen(condition: try T.call("<", x, T.literal(.int(8), .int64)), result: T.literal(.string("medium"), .string)),
            BoundWhen(condition: try T.call("<", x, T.literal(.int(100), .int64)), result: T.literal(.string("large"), .string)),
        ], elseResult: T.literal(.string("unknown"), .string), type: .string)
        #expect(try T.evaluate(expression, batch) == [.string("small"), .string("medium"), .string("large"), .string("unknown")])
    }

    @Test func andSkipsRowsAlreadyFalse() throws {
        let batch = Self.division
        let nonZero = try T.call("<>", T.column(batch, "b"), T.literal(.int(0), .int64))
        let large = try T.call(">", try T.call("/", T.column(batch, "a"), T.column(batch, "b")), T.literal(.int(4), .int64))
        #expect(try ExpressionEvaluator.select(.and([nonZero, large]), on: batch) == [0])
        #expect(try T.evaluate(.and([nonZero, large]), batch) == [.boolean(true), .boolean(false), .boolean(false), .boolean(false)])
        #expect(try T.evaluate(.and([large, nonZero]), Self.division.take([0, 2, 3])) == [.boolean(true), .boolean(false), .boolean(false)])
    }

    @Test func coalesceEvaluatesLaterArgumentsOnlyWhereNeeded() throws {
        let batch = Self.division
        // coalesce(a, 100 / b): b is 0 only where a is present, except the last row, where it must fail.
        let fallback = try T.call("/", T.literal(.int(100), .int64), T.column(batch, "b"))
        let expression = BoundExpression.coalesce([T.column(batch, "a"), fallback], type: .int64)
        #expect(T.errorMessage { _ = try T.evaluate(expression, batch) } == "Division by zero.")
        let safe = try T.batch([("a", .int64, [.int(1), .null, .int(3)]), ("b", .int64, [.int(0), .int(4), .int(0)])])
        let safeFallback = try T.call("/", T.literal(.int(100), .int64), T.column(safe, "b"))
        #expect(try T.evaluate(.coalesce([T.column(safe, "a"), safeFallback], type: .int64), safe) == [.int(1), .int(25), .int(3)])
        let allNull = BoundExpression.coalesce([T.literal(.null, .int64), T.literal(.null, .int64)], type: .int64)
        #expect(try T.constant(allNull) == .null)
    }

    @Test func ifIsLazyAndNullConditionTakesElse() throws {
        let batch = try T.batch([("c", .boolean, [.boolean(true), .null, .boolean(false)]), ("b", .int64, [.int(2), .int(0), .int(0)])])
        let quotient = try T.call("/", T.literal(.int(10), .int64), T.column(batch, "b"))
        let expression = try T.call("if", T.column(batch, "c"), quotient, T.literal(.int(-1), .int64))
        #expect(try T.evaluate(expression, batch) == [.int(5), .int(-1), .int(-1)])
        let noElse = try T.call("if", T.column(batch, "c"), quotient)
        #expect(try T.evaluate(noElse, batch) == [.int(5), .null, .null])
    }

    @Test func inListFollowsNullSemantics() throws {
        let batch = try T.batch([("x", .int64, [.int(1), .int(2), .null])])
        let x = T.column(batch, "x")
        let plain = BoundExpression.inList(x, [T.literal(.int(1), .int64), T.literal(.int(3), .int64)], isNegated: false)
        #expect(try T.evaluate(plain, batch) == [.boolean(true), .boolean(false), .null])
        let withNull = BoundExpression.inList(x, [T.literal(.int(1), .int64), T.literal(.null, .int64)], isNegated: false)
        #expect(try T.evaluate(withNull, batch) == [.boolean(true), .null, .null])
        let negated = BoundExpression.inList(x, [T.literal(.int(1), .int64), T.literal(.null, .int64)], isNegated: true)
        #expect(try T.evaluate(negated, batch) == [.boolean(false), .null, .null])
        let notIn = BoundExpression.inList(x, [T.literal(.int(5), .int64)], isNegated: true)
        #expect(try T.evaluate(notIn, batch) == [.boolean(true), .boolean(true), .null])
    }

    @Test func inListOfStringsAndOfExpressions() throws {
        let batch = try T.batch([("s", .string, [.string("b"), .string("é"), .string("")]), ("n", .int64, [.int(1), .int(2), .int(3)])])
        let strings = BoundExpression.inList(
            T.column(batch, "s"), ["a", "b", "é", "z"].map { T.literal(.string($0), .string) }, isNegated: false)
        #expect(try T.evaluate(strings, batch) == [.boolean(true), .boolean(true), .boolean(false)])
        let computed = BoundExpression.inList(
            T.column(batch, "n"), [try T.call("+", T.literal(.int(1), .int64), T.literal(.int(1), .int64))], isNegated: false)
        #expect(try T.evaluate(computed, batch) == [.boolean(false), .boolean(true), .boolean(false)])
    }

    @Test func selectTreatsNullAsFalse() throws {
        let batch = Self.truthTable
        #expect(try ExpressionEvaluator.select(T.column(batch, "p"), on: batch) == [0, 1, 2])
        #expect(try ExpressionEvaluator.select(.or([T.column(batch, "p"), T.column(batch, "q")]), on: batch) == [0, 1, 2, 3, 6])
    }

    @Test func structFieldAccessIsNullWhereTheStructIs() throws {
        let type = DataType.struct([Field("os", .string), Field("version", .int32)])
        let batch = try T.batch([("device", type, [
            .structure([NamedValue("os", .string("ios")), NamedValue("version", .int(17))]),
            .null,
            .structure([NamedValue("os", .null), NamedValue("version", .int(3))]),
        ])])
        let os = BoundExpression.field(T.column(batch, "device"), fieldIndex: 0, type: .string)
        #expect(try T.evaluate(os, batch) == [.string("ios"), .null, .null])
        let version = BoundExpression.field(T.column(batch, "device"), fieldIndex: 1, type: .int32)
        #expect(try T.evaluate(version, batch) == [.int(17), .null, .int(3)])
    }

    @Test func evaluateConstantFoldsAndRejectsColumns() throws {
        let sum = try T.call("+", T.literal(.int(2), .int32), T.literal(.int(3), .int64))
        #expect(try ExpressionEvaluator.evaluateConstant(sum) == .int(5))
        #expect(T.errorMessage { _ = try ExpressionEvaluator.evaluateConstant(.column(index: 0, type: .int64, name: "x")) }
            == "evaluateConstant got an expression that reads input columns.")
    }

    @Test func emptyBatchesGiveEmptyColumns() throws {
        let batch = try T.batch([("a", .int64, []), ("s", .string, [])])
        let sum = try T.call("+", T.column(batch, "a"), T.literal(.int(1), .int64))
        #expect(try ExpressionEvaluator.evaluate(sum, on: batch).count == 0)
        let like = BoundExpression.like(T.column(batch, "s"), pattern: T.literal(.string("%x%"), .string), escape: nil, isNegated: false)
        #expect(try ExpressionEvaluator.select(like, on: batch) == [])
        let caseWhen = BoundExpression.caseWhen(
            [BoundWhen(condition: try T.call(">", T.column(batch, "a"), T.literal(.int(0), .int64)), result: T.column(batch, "s"))],
            elseResult: nil, type: .string)
        #expect(try ExpressionEvaluator.evaluate(caseWhen, on: batch).count == 0)
    }
}
