import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct MathFunctionTests {
    typealias T = ExpressionTesting

    func call(_ name: String, _ arguments: (Value, DataType)...) throws -> Value {
        try T.constant(try T.call(name, arguments.map { T.literal($0.0, $0.1) }))
    }

    @Test func absKeepsTheType() throws {
        #expect(try call("abs", (.int(-5), .int32)) == .int(5))
        #expect(try call("abs", (.double(-2.5), .float64)) == .double(2.5))
        #expect(try call("abs", (.decimal(-125, scale: 2), .decimal(precision: 3, scale: 2))) == .decimal(125, scale: 2))
        #expect(T.errorMessage { _ = try call("abs", (.int(Int64.min), .int64)) } == "bigint negation overflow: -(-9223372036854775808)")
    }

    @Test func rounding() throws {
        #expect(try call("round", (.double(2.5), .float64)) == .double(3))
        #expect(try call("round", (.double(-2.5), .float64)) == .double(-3))
        #expect(try call("round", (.double(1.2345), .float64), (.int(2), .int64)) == .double(1.23))
        #expect(try call("round", (.decimal(1255, scale: 3), .decimal(precision: 4, scale: 3)), (.int(2), .int64)) == .decimal(1260, scale: 3))
        #expect(try call("round", (.decimal(-1500, scale: 3), .decimal(precision: 4, scale: 3))) == .decimal(-2, scale: 0))
        #expect(try call("round", (.int(1250), .int64), (.int(-2), .int64)) == .int(1300))
        #expect(try call("ceil", (.double(1.2), .float64)) == .double(2))
        #expect(try call("floor", (.double(-1.2), .float64)) == .double(-2))
        #expect(try call("ceiling", (.decimal(-125, scale: 2), .decimal(precision: 3, scale: 2))) == .decimal(-1, scale: 0))
        #expect(try call("floor", (.decimal(-125, scale: 2), .decimal(precision: 3, scale: 2))) == .decimal(-2, scale: 0))
        #expect(try call("truncate", (.double(-1.7), .float64)) == .double(-1))
        #expect(try call("floor", (.int(7), .int32)) == .int(7))
    }

    @Test func doubleFunctions() throws {
        #expect(try call("sqrt", (.int(16), .int64)) == .double(4))
        #expect(try call("power", (.int(2), .int32), (.int(10), .int32)) == .double(1024))
        #expect(try call("ln", (.double(1), .float64)) == .double(0))
        #expect(try call("log10", (.int(1000), .int64)) == .double(3))
        #expect(try call("log2", (.int(8), .int64)) == .double(3))
        #expect(try call("cbrt", (.int(27), .int64)) == .double(3))
        #expect(try call("exp", (.int(0), .int64)) == .double(1))
        #expect(try T.constant(try T.call("pi")) == .double(.pi))
        #expect(try call("is_nan", (.double(.nan), .float64)) == .boolean(true))
        #expect(try call("sign", (.int(-3), .int64)) == .int(-1))
        #expect(try call("sign", (.double(0), .float64)) == .double(0))
        #expect(try call("mod", (.int(-7), .int64), (.int(3), .int64)) == .int(-1))
    }

    @Test func greatestAndLeast() throws {
        #expect(try call("greatest", (.int(1), .int32), (.int(7), .int64), (.int(3), .int32)) == .int(7))
        #expect(try call("least", (.string("b"), .string), (.string("a"), .string)) == .string("a"))
        #expect(try call("greatest", (.int(1), .int64), (.null, .int64)) == .null)
        #expect(try call("greatest", (.int(1), .int64), (.double(1.5), .float64)) == .double(1.5))
    }

    @Test func randomIsInRange() throws {
        let batch = try T.batch([("x", .int64, Array(repeating: .int(0), count: 100))])
        let values = try T.evaluate(try T.call("random"), batch)
        #expect(values.allSatisfy { if case .double(let d) = $0 { d >= 0 && d < 1 } else { false } })
        #expect(Set(values).count > 1)
        let bounded = try T.evaluate(try T.call("random", T.literal(.int(3), .int64)), batch)
        #expect(bounded.allSatisfy { [.int(0), .int(1), .int(2)].contains($0) })
    }
}
