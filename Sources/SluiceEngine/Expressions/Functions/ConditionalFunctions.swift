import SluiceCore

/// `if`, `nullif`, `greatest`, `least` (COALESCE and CASE are expression cases).
enum ConditionalFunctions {
    static var definitions: [FunctionDefinition] {
        [
            FunctionDefinition(["if"], signatures: ["if(boolean, T)", "if(boolean, T, T)"]) { name, arguments in
                guard arguments.count == 2 || arguments.count == 3,
                    FunctionRegistry.canCoerceImplicitly(from: arguments[0], to: .boolean)
                else { return nil }
                var type = arguments[1]
                if arguments.count == 3 {
                    guard let common = FunctionRegistry.commonSuperType(arguments[1], arguments[2]) else { return nil }
                    type = common
                }
                let resultType = type
                // The evaluator runs `if` lazily like CASE; this kernel is the eager fallback.
                return makeFunction(name, [.boolean] + Array(repeating: type, count: arguments.count - 1), type,
                                    propagatesNulls: false) { (input) throws(SluiceError) -> Column in
                    let condition = try ExpressionEvaluator.trueBits(of: input[0])
                    let otherwise = input.arguments.count > 2 ? input[2] : Column.nulls(resultType, count: input.count)
                    return try choose(condition, input[1], otherwise)
                }
            },
            FunctionDefinition(["nullif"], signatures: ["nullif(T, T)"]) { name, arguments in
                guard let common = OperatorFunctions.comparisonType(arguments, .equal) else { return nil }
                return makeFunction(name, [common, common], common, propagatesNulls: false) { (input) throws(SluiceError) -> Column in
                    let equal = try ExpressionEvaluator.trueBits(of: try ComparisonKernels.compare(input[0], input[1], .equal))
                    return input[0].addingNulls(equal.inverted)
                }
            },
            extremum(["greatest"], .greater),
            extremum(["least"], .less),
        ]
    }

    /// Row `i` of `whenTrue` where `condition[i]`, else of `whenFalse`.
    static func choose(_ condition: Bitmap, _ whenTrue: Column, _ whenFalse: Column) throws(SluiceError) -> Column {
        let count = whenTrue.count
        let indices: [Int32] = makeArray(count: count) { out in
            for row in 0..<count { out[row] = Int32(truncatingIfNeeded: condition[row] ? row : row + count) }
        }
        return try ColumnConcatenation.concatenate([whenTrue, whenFalse], type: whenTrue.type).take(indices)
    }

    /// `greatest(a, b, …)` / `least(…)`: null when any argument is null (as Trino).
    static func extremum(_ names: [String], _ kind: ComparisonKind) -> FunctionDefinition {
        FunctionDefinition(names, signatures: ["\(names[0])(T, T...)"]) { name, arguments in
            guard let first = arguments.first else { return nil }
            var common = first
            for argument in arguments.dropFirst() {
                guard let next = FunctionRegistry.commonSuperType(common, argument) else { return nil }
                common = next
            }
            guard !common.isNested else { return nil }
            return makeFunction(name, Array(repeating: common, count: arguments.count), common) { (input) throws(SluiceError) -> Column in
                var best = input[0]
                for argument in input.arguments.dropFirst() {
                    let better = try ComparisonKernels.compareIgnoringNulls(argument, best, kind)
                    best = try choose(better, argument, best)
                }
                return best
            }
        }
    }
}
