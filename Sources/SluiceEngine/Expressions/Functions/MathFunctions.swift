import Foundation
import SluiceCore

/// Mathematical functions. Functions of doubles accept any number (it is coerced); abs, sign,
/// ceil, floor, round and truncate keep integers and decimals exact.
enum MathFunctions {
    static var definitions: [FunctionDefinition] {
        [
            exactOrDouble(["abs"], decimalResult: { p, s in .decimal(precision: p, scale: s) }, abs),
            exactOrDouble(["sign"], decimalResult: { _, _ in .decimal(precision: 1, scale: 0) }, sign),
            exactOrDouble(["ceil", "ceiling"], decimalResult: integralDecimal, { (input) throws(SluiceError) -> Column in try roundIntegral(input, .up) }),
            exactOrDouble(["floor"], decimalResult: integralDecimal, { (input) throws(SluiceError) -> Column in try roundIntegral(input, .down) }),
            exactOrDouble(["truncate"], decimalResult: { p, s in .decimal(precision: max(1, p - s), scale: 0) }, { (input) throws(SluiceError) -> Column in
                try roundIntegral(input, .towardZero)
            }),
            round,
            double(["sqrt"]) { $0.squareRoot() },
            double(["cbrt"], cubeRoot),
            double(["exp"]) { Foundation.exp($0) },
            double(["ln"]) { Foundation.log($0) },
            double(["log10"]) { Foundation.log10($0) },
            double(["log2"]) { Foundation.log2($0) },
            double(["degrees"]) { $0 * 180 / .pi },
            double(["radians"]) { $0 * .pi / 180 },
            double(["sin"]) { Foundation.sin($0) },
            double(["cos"]) { Foundation.cos($0) },
            double(["tan"]) { Foundation.tan($0) },
            FunctionDefinition(["power", "pow"], overloads: [Overload([.float64, .float64], .float64) { (input) throws(SluiceError) -> Column in
                let x = try input[0].elements(Double.self)
                let y = try input[1].elements(Double.self)
                return Column.make(.float64, zip(x, y).map { Foundation.pow($0, $1) }, validity: input.validity)
            }]),
            FunctionDefinition(["mod"], signatures: ["mod(number, number)"]) { name, arguments in
                guard let function = OperatorFunctions.arithmetic(.modulo).resolve("%", arguments) else { return nil }
                return ScalarFunction(name: name, argumentTypes: function.argumentTypes, returnType: function.returnType, kernel: function.kernel)
            },
            constant(["pi"], .pi),
            constant(["e"], M_E),
            constant(["infinity"], .infinity),
            constant(["nan"], .nan),
            FunctionDefinition(["is_nan"], overloads: [Overload([.float64], .boolean) { (input) throws(SluiceError) -> Column in
                let values = try input[0].elements(Double.self)
                return try RowKernels.booleans(input) { row in values[row].isNaN }
            }]),
            FunctionDefinition(["is_finite"], overloads: [Overload([.float64], .boolean) { (input) throws(SluiceError) -> Column in
                let values = try input[0].elements(Double.self)
                return try RowKernels.booleans(input) { row in values[row].isFinite }
            }]),
            FunctionDefinition(["is_infinite"], overloads: [Overload([.float64], .boolean) { (input) throws(SluiceError) -> Column in
                let values = try input[0].elements(Double.self)
                return try RowKernels.booleans(input) { row in values[row].isInfinite }
            }]),
            FunctionDefinition(["random", "rand"], overloads: [
                Overload([], .float64, isDeterministic: false) { (input) throws(SluiceError) -> Column in
                    Column.make(.float64, (0..<input.count).map { _ in Double.random(in: 0..<1) }, validity: nil)
                },
                Overload([.int64], .int64, isDeterministic: false) { (input) throws(SluiceError) -> Column in
                    let bounds = try input[0].elements(Int64.self)
                    return try RowKernels.int64s(input) { (row) throws(SluiceError) -> Int64 in
                        guard bounds[row] > 0 else {
                            throw RowKernels.invalidArgument("random", "the bound must be positive, not \(bounds[row]).")
                        }
                        return Int64.random(in: 0..<bounds[row])
                    }
                },
            ]),
        ]
    }

    /// The cube root; Foundation's is off by an ulp on Linux (cbrt(27) = 3.0000000000000004),
    /// so one Newton step refines it.
    @Sendable static func cubeRoot(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let root = Foundation.cbrt(x)
        return root - (root * root * root - x) / (3 * root * root)
    }

    /// `name(double) -> double`.
    static func double(_ names: [String], _ function: @escaping @Sendable (Double) -> Double) -> FunctionDefinition {
        FunctionDefinition(names, overloads: [Overload([.float64], .float64) { (input) throws(SluiceError) -> Column in
            Column.make(.float64, try input[0].elements(Double.self).map(function), validity: input.validity)
        }])
    }

    static func constant(_ names: [String], _ value: Double) -> FunctionDefinition {
        FunctionDefinition(names, overloads: [Overload([], .float64) { (input) throws(SluiceError) -> Column in
            Column.make(.float64, [Double](repeating: value, count: input.count), validity: nil)
        }])
    }

    /// A function of one number that keeps integers (same type), floats (same type) and
    /// decimals (`decimalResult(p, s)`).
    static func exactOrDouble(
        _ names: [String], decimalResult: @escaping @Sendable (Int, Int) -> DataType,
        _ body: @escaping KernelBody
    ) -> FunctionDefinition {
        FunctionDefinition(names, signatures: ["\(names[0])(number)"]) { name, arguments in
            guard arguments.count == 1, arguments[0].isNumeric else { return nil }
            var result = arguments[0]
            if case .decimal(let p, let s) = result { result = decimalResult(p, s) }
            return makeFunction(name, arguments, result, body)
        }
    }

    static func integralDecimal(_ precision: Int, _ scale: Int) -> DataType {
        .decimal(precision: min(38, precision - scale + min(scale, 1)), scale: 0)
    }

    static func abs(_ input: KernelInput) throws(SluiceError) -> Column {
        let column = input[0].replacingValidity(input.validity)
        switch column.storage {
        case .float32(let values): return Column.make(column.type, values.map { Swift.abs($0) }, validity: column.validity)
        case .float64(let values): return Column.make(column.type, values.map { Swift.abs($0) }, validity: column.validity)
        case .decimal(let values): return Column.make(input.returnType, values.map { $0 < 0 ? -$0 : $0 }, validity: column.validity)
        default:
            // Negative rows go through negation, which reports the one value that has no absolute value.
            let negated = try IntegerArithmetic.negate(column)
            let negative = try ComparisonKernels.compareIgnoringNulls(
                column, try Column.constant(.int(0), column.type, count: column.count), .less)
            return try ColumnConcatenation.concatenate([column, negated], type: column.type)
                .take((0..<column.count).map { negative[$0] ? Int32($0 + column.count) : Int32($0) })
        }
    }

    static func sign(_ input: KernelInput) throws(SluiceError) -> Column {
        let column = input[0]
        func signs<T: SignedNumeric & Comparable & ColumnElement>(_ values: [T]) -> [T] {
            values.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        }
        switch column.storage {
        case .int8(let values): return Column.make(input.returnType, signs(values), validity: nil)
        case .int16(let values): return Column.make(input.returnType, signs(values), validity: nil)
        case .int32(let values): return Column.make(input.returnType, signs(values), validity: nil)
        case .int64(let values): return Column.make(input.returnType, signs(values), validity: nil)
        case .decimal(let values): return Column.make(input.returnType, signs(values), validity: nil)
        case .float32(let values): return Column.make(input.returnType, values.map { $0.isNaN ? $0 : (signs([$0])[0]) }, validity: nil)
        case .float64(let values): return Column.make(input.returnType, values.map { $0.isNaN ? $0 : (signs([$0])[0]) }, validity: nil)
        default: throw SluiceError.internal("sign on \(column.type).", domain: .query)
        }
    }

    /// ceil, floor and truncate: identity on integers; to an integral value on floats and decimals.
    static func roundIntegral(_ input: KernelInput, _ rule: FloatingPointRoundingRule) throws(SluiceError) -> Column {
        let column = input[0]
        switch column.storage {
        case .float32(let values): return Column.make(column.type, values.map { $0.rounded(rule) }, validity: nil)
        case .float64(let values): return Column.make(column.type, values.map { $0.rounded(rule) }, validity: nil)
        case .decimal(let values):
            guard case .decimal(_, let scale) = column.type else { return column }
            return Column.make(input.returnType, values.map { roundDecimal($0, dropping: scale, rule) }, validity: nil)
        default:
            return column
        }
    }

    /// `value / 10^digits` rounded by `rule` (digits > 0).
    static func roundDecimal(_ value: Int128, dropping digits: Int, _ rule: FloatingPointRoundingRule) -> Int128 {
        guard digits > 0 else { return value }
        let divisor = DecimalMath.power(digits)
        let quotient = value / divisor
        let remainder = value % divisor
        switch rule {
        case .up: return remainder > 0 ? quotient + 1 : quotient
        case .down: return remainder < 0 ? quotient - 1 : quotient
        case .towardZero: return quotient
        default: return DecimalMath.divideRounding(value, by: divisor)
        }
    }

    /// `round(x)` and `round(x, d)`: half away from zero; integers and decimals stay exact.
    static var round: FunctionDefinition {
        FunctionDefinition(["round"], signatures: ["round(number)", "round(number, bigint)"]) { name, arguments in
            guard arguments.count == 1 || arguments.count == 2, arguments[0].isNumeric else { return nil }
            if arguments.count == 2, !FunctionRegistry.canCoerceImplicitly(from: arguments[1], to: .int64) { return nil }
            var result = arguments[0]
            if case .decimal(let p, let s) = result {
                result = arguments.count == 1 ? integralDecimal(p, s) : .decimal(precision: min(38, p + 1), scale: s)
            }
            let parameters = arguments.count == 1 ? [arguments[0]] : [arguments[0], .int64]
            return makeFunction(name, parameters, result) { (input) throws(SluiceError) -> Column in
                let places = input.arguments.count > 1 ? try input[1].elements(Int64.self) : nil
                let column = input[0]
                switch column.storage {
                case .float64(let values):
                    return Column.make(.float64, values.indices.map { roundDouble(values[$0], places?[$0] ?? 0) }, validity: nil)
                case .float32(let values):
                    return Column.make(.float32, values.indices.map { Float(roundDouble(Double(values[$0]), places?[$0] ?? 0)) }, validity: nil)
                case .decimal(let values):
                    guard case .decimal(_, let scale) = column.type else { return column }
                    let rounded: [Int128] = values.indices.map { row in
                        let keep = Int(max(-38, min(Int64(scale), places?[row] ?? 0)))
                        let dropped = scale - keep
                        let integral = roundDecimal(values[row], dropping: min(dropped, 38), .toNearestOrAwayFromZero)
                        // With places, the value keeps its scale: put the dropped digits back as zeros.
                        if places == nil { return integral }
                        return dropped > 38 ? 0 : integral * DecimalMath.power(dropped)
                    }
                    return Column.make(input.returnType, rounded, validity: nil)
                default:
                    guard let places else { return column }
                    var failures = CastFailures(source: column, target: .int64, isTry: false)
                    guard let numbers = try NumericSource(column) else { return column }
                    let integers = try numbers.integers(failures: &failures)
                    let rounded: [Int64] = integers.indices.map { row in
                        let digits = places[row]
                        guard digits < 0 else { return integers[row] }
                        guard digits > -19 else { return 0 }
                        return Int64(truncatingIfNeeded: roundDecimal(Int128(integers[row]), dropping: Int(-digits), .toNearestOrAwayFromZero)
                            * DecimalMath.power(Int(-digits)))
                    }
                    return try CastKernels.cast(Column.make(.int64, rounded, validity: input.validity), to: column.type, isTry: false)
                }
            }
        }
    }

    /// A double rounded half away from zero to `places` decimal places.
    static func roundDouble(_ value: Double, _ places: Int64) -> Double {
        guard value.isFinite else { return value }
        if places == 0 { return value.rounded(.toNearestOrAwayFromZero) }
        guard places > -308, places < 308 else { return places > 0 ? value : 0 }
        let factor = Foundation.pow(10, Double(places))
        let scaled = value * factor
        guard scaled.isFinite else { return value }
        return scaled.rounded(.toNearestOrAwayFromZero) / factor
    }
}
