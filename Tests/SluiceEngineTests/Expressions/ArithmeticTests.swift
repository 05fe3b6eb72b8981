import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct ArithmeticTests {
    typealias T = ExpressionTesting

    @Test func integerAdditionPropagatesNulls() throws {
        let batch = try T.batch([
            ("a", .int64, [.int(1), .null, .int(-5)]),
            ("b", .int32, [.int(10), .int(20), .null]),
        ])
        let sum = try T.call("+", T.column(batch, "a"), T.column(batch, "b"))
        #expect(sum.type == .int64)
        #expect(try T.evaluate(sum, batch) == [.int(11), .null, .null])
    }

    @Test func overflowNamesTheTypeAndOperands() throws {
        let batch = try T.batch([("a", .int64, [.int(1), .int(Int64.max)])])
        let sum = try T.call("+", T.column(batch, "a"), T.literal(.int(1), .int64))
        #expect(T.errorMessage { _ = try T.evaluate(sum, batch) } == "bigint addition overflow: 9223372036854775807 + 1")
        let product = try T.call("*", T.column(batch, "a"), T.literal(.int(2), .int64))
        #expect(T.errorMessage { _ = try T.evaluate(product, batch) } == "bigint multiplication overflow: 9223372036854775807 * 2")
        let small = try T.batch([("t", .int8, [.int(127)])])
        let tiny = try T.call("+", T.column(small, "t"), T.column(small, "t"))
        #expect(T.errorMessage { _ = try T.evaluate(tiny, small) } == "tinyint addition overflow: 127 + 127")
        let negation = try T.call("negate", T.literal(.int(Int64.min), .int64))
        #expect(T.errorMessage { _ = try T.constant(negation) } == "bigint negation overflow: -(-9223372036854775808)")
    }

    @Test func overflowOnNullRowsIsIgnored() throws {
        // The null row holds a stored value that would overflow; it must not raise.
        let built = Column(type: .int64, count: 2, validity: Bitmap(words: [0b10], count: 2), storage: .int64([Int64.max, 1]))
        let batch = try RecordBatch(schema: Schema([Field("a", .int64)]), columns: [built])
        let sum = try T.call("+", T.column(batch, "a"), T.literal(.int(1), .int64))
        #expect(try T.evaluate(sum, batch) == [.null, .int(2)])
    }

    @Test func integerDivisionTruncatesTowardZero() throws {
        let batch = try T.batch([("a", .int64, [.int(7), .int(-7), .int(-7)]), ("b", .int64, [.int(2), .int(2), .int(-2)])])
        let quotient = try T.call("/", T.column(batch, "a"), T.column(batch, "b"))
        #expect(try T.evaluate(quotient, batch) == [.int(3), .int(-3), .int(3)])
        let remainder = try T.call("%", T.column(batch, "a"), T.column(batch, "b"))
        #expect(try T.evaluate(remainder, batch) == [.int(1), .int(-1), .int(-1)])
        let minimum = try T.call("%", T.literal(.int(Int64.min), .int64), T.literal(.int(-1), .int64))
        #expect(try T.constant(minimum) == .int(0))
        let overflowing = try T.call("/", T.literal(.int(Int64.min), .int64), T.literal(.int(-1), .int64))
        #expect(T.errorMessage { _ = try T.constant(overflowing) } == "bigint division overflow: -9223372036854775808 / -1")
    }

    @Test func divisionByZeroIsAnErrorExceptOnNullRows() throws {
        let batch = try T.batch([("a", .int64, [.int(1), .null]), ("b", .int64, [.int(0), .int(0)])])
        let quotient = try T.call("/", T.column(batch, "a"), T.column(batch, "b"))
        #expect(T.errorMessage { _ = try T.evaluate(quotient, batch) } == "Division by zero.")
        let onlyNull = try T.batch([("a", .int64, [.null]), ("b", .int64, [.int(0)])])
        #expect(try T.evaluate(quotient, onlyNull) == [.null])
        let modulo = try T.call("%", T.column(batch, "a"), T.column(batch, "b"))
        #expect(T.errorMessage { _ = try T.evaluate(modulo, batch) } == "Division by zero.")
    }

    @Test func doublesFollowIEEE() throws {
        let quotient = try T.call("/", T.literal(.double(1), .float64), T.literal(.double(0), .float64))
        #expect(try T.constant(quotient) == .double(.infinity))
        let mixed = try T.call("+", T.literal(.int(1), .int32), T.literal(.double(0.5), .float64))
        #expect(mixed.type == .float64)
        #expect(try T.constant(mixed) == .double(1.5))
        let remainder = try T.call("%", T.literal(.double(-7.5), .float64), T.literal(.double(2), .float64))
        #expect(try T.constant(remainder) == .double(-1.5))
    }

    @Test func decimalResultTypesFollowTrino() throws {
        let a = T.literal(.decimal(12345, scale: 2), .decimal(precision: 10, scale: 2))  // 123.45
        let b = T.literal(.decimal(5, scale: 3), .decimal(precision: 5, scale: 3))  // 0.005
        let sum = try T.call("+", a, b)
        #expect(sum.type == .decimal(precision: 12, scale: 3))
        #expect(try T.constant(sum) == .decimal(123455, scale: 3))
        let product = try T.call("*", a, b)
        #expect(product.type == .decimal(precision: 15, scale: 5))
        #expect(try T.constant(product) == .decimal(61725, scale: 5))
        let withInteger = try T.call("+", a, T.literal(.int(1), .int64))
        #expect(withInteger.type == .decimal(precision: 22, scale: 2))
        #expect(try T.constant(withInteger) == .decimal(12445, scale: 2))
    }

    @Test func decimalDivisionRoundsHalfUp() throws {
        let one = T.literal(.decimal(100, scale: 2), .decimal(precision: 3, scale: 2))
        let two = T.literal(.decimal(200, scale: 2), .decimal(precision: 3, scale: 2))
        let three = T.literal(.decimal(3, scale: 0), .decimal(precision: 1, scale: 0))
        let third = try T.call("/", one, three)
        #expect(third.type == .decimal(precision: 3, scale: 2))
        #expect(try T.constant(third) == .decimal(33, scale: 2))
        #expect(try T.constant(try T.call("/", two, three)) == .decimal(67, scale: 2))
        let negative = try T.call("/", T.literal(.decimal(-200, scale: 2), .decimal(precision: 3, scale: 2)), three)
        #expect(try T.constant(negative) == .decimal(-67, scale: 2))
        let byZero = try T.call("/", one, T.literal(.decimal(0, scale: 0), .decimal(precision: 1, scale: 0)))
        #expect(T.errorMessage { _ = try T.constant(byZero) } == "Division by zero.")
        let modulo = try T.call("%", T.literal(.decimal(1050, scale: 2), .decimal(precision: 4, scale: 2)), three)
        #expect(try T.constant(modulo) == .decimal(150, scale: 2))
    }

    @Test func decimalOverflowBeyond38Digits() throws {
        let big = Int128(DecimalMath.power(38) - 1)
        let huge = T.literal(.decimal(big, scale: 0), .decimal(precision: 38, scale: 0))
        let sum = try T.call("+", huge, T.literal(.decimal(1, scale: 0), .decimal(precision: 1, scale: 0)))
        #expect(sum.type == .decimal(precision: 38, scale: 0))
        #expect(T.errorMessage { _ = try T.constant(sum) }
            == "decimal(38,0) addition overflow: 99999999999999999999999999999999999999 + 1")
    }

    @Test func numbersAndStringsDoNotMix() {
        #expect(T.errorMessage { _ = try FunctionRegistry.resolve("+", argumentTypes: [.int64, .string]) }
            == "Operator '+' cannot take (bigint, string). Signatures: +(number, number).")
    }
}
