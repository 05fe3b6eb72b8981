import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct FunctionRegistryTests {
    typealias T = ExpressionTesting

    @Test func unknownFunctionSuggestsTheClosestName() {
        #expect(T.errorMessage { _ = try FunctionRegistry.resolve("lenght", argumentTypes: [.string]) }
            == "Function 'lenght' does not exist. Did you mean 'length'?")
        #expect(T.errorMessage { _ = try FunctionRegistry.resolve("substrng", argumentTypes: [.string]) }
            == "Function 'substrng' does not exist. Did you mean 'substring'?")
        #expect(T.errorMessage { _ = try FunctionRegistry.resolve("frobnicate", argumentTypes: []) }
            == "Function 'frobnicate' does not exist.")
    }

    @Test func wrongArgumentsListTheSignatures() {
        #expect(T.errorMessage { _ = try FunctionRegistry.resolve("substr", argumentTypes: [.int64]) }
            == "Function 'substr' cannot take (bigint). Signatures: substr(string, bigint), substr(string, bigint, bigint).")
        #expect(T.errorMessage { _ = try FunctionRegistry.resolve("length", argumentTypes: [.int64]) }
            == "Function 'length' cannot take (bigint). Signatures: length(string).")
    }

    @Test func resolutionIsCaseInsensitiveAndCoercesArguments() throws {
        let function = try FunctionRegistry.resolve("SUBSTR", argumentTypes: [.string, .int32])
        #expect(function.argumentTypes == [.string, .int64])
        #expect(function.returnType == .string)
        #expect(FunctionRegistry.isScalarFunction("Upper"))
        #expect(!FunctionRegistry.isScalarFunction("sum"))
        #expect(!FunctionRegistry.isScalarFunction("+"))
        let comparison = try FunctionRegistry.resolve("<", argumentTypes: [.int32, .int64])
        #expect(comparison.argumentTypes == [.int64, .int64])
        let dateComparison = try FunctionRegistry.resolve(">=", argumentTypes: [.date, .string])
        #expect(dateComparison.argumentTypes == [.date, .date])
        #expect(try FunctionRegistry.resolve("random", argumentTypes: []).isDeterministic == false)
        #expect(try FunctionRegistry.resolve("abs", argumentTypes: [.int32]).isDeterministic)
    }

    @Test func commonSuperTypes() {
        #expect(FunctionRegistry.commonSuperType(.int8, .int32) == .int32)
        #expect(FunctionRegistry.commonSuperType(.int64, .decimal(precision: 10, scale: 2)) == .decimal(precision: 21, scale: 2))
        #expect(FunctionRegistry.commonSuperType(.decimal(precision: 5, scale: 3), .decimal(precision: 10, scale: 1))
            == .decimal(precision: 12, scale: 3))
        #expect(FunctionRegistry.commonSuperType(.int64, .float64) == .float64)
        #expect(FunctionRegistry.commonSuperType(.float32, .float64) == .float64)
        #expect(FunctionRegistry.commonSuperType(.date, .timestamp) == .timestamp)
        #expect(FunctionRegistry.commonSuperType(.string, .date) == .date)
        #expect(FunctionRegistry.commonSuperType(.string, .int64) == nil)
        #expect(FunctionRegistry.commonSuperType(.boolean, .int64) == nil)
        #expect(FunctionRegistry.commonSuperType(.list(.int32), .list(.int64)) == .list(.int64))
    }

    @Test func implicitCoercionsAndCasts() {
        #expect(FunctionRegistry.canCoerceImplicitly(from: .int32, to: .int64))
        #expect(!FunctionRegistry.canCoerceImplicitly(from: .int64, to: .int32))
        #expect(FunctionRegistry.canCoerceImplicitly(from: .int32, to: .decimal(precision: 10, scale: 0)))
        #expect(!FunctionRegistry.canCoerceImplicitly(from: .int64, to: .decimal(precision: 10, scale: 0)))
        #expect(FunctionRegistry.canCoerceImplicitly(from: .string, to: .timestamp))
        #expect(!FunctionRegistry.canCoerceImplicitly(from: .string, to: .int64))
        #expect(!FunctionRegistry.canCoerceImplicitly(from: .int64, to: .string))
        #expect(FunctionRegistry.canCast(from: .string, to: .int64))
        #expect(FunctionRegistry.canCast(from: .list(.int32), to: .string))
        #expect(FunctionRegistry.canCast(from: .list(.int32), to: .list(.string)))
        #expect(!FunctionRegistry.canCast(from: .string, to: .list(.int32)))
        #expect(!FunctionRegistry.canCast(from: .date, to: .int64))
        #expect(FunctionRegistry.canCast(from: .boolean, to: .decimal(precision: 3, scale: 0)))
    }
}
