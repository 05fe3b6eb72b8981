import SluiceCore

/// Arithmetic, comparison and concatenation operators.
enum OperatorFunctions {
    static var definitions: [FunctionDefinition] {
        ArithmeticOperator.allCases.map(arithmetic) + ComparisonKind.allCases.map(comparison)
            + [negate, isDistinctFrom, concatenation]
    }

    /// `x op y` on numbers: both sides meet at their common type; decimals keep their own
    /// types (integers become decimals) and the result type follows ``DecimalArithmetic``.
    static func arithmetic(_ operation: ArithmeticOperator) -> FunctionDefinition {
        let symbol = operation.rawValue
        return FunctionDefinition([symbol], signatures: ["\(symbol)(number, number)"]) { name, arguments in
            guard arguments.count == 2, arguments[0].isNumeric, arguments[1].isNumeric,
                let common = FunctionRegistry.commonSuperType(arguments[0], arguments[1])
            else { return nil }
            if common.isDecimal {
                let left = FunctionRegistry.integerAsDecimal(arguments[0])
                let right = FunctionRegistry.integerAsDecimal(arguments[1])
                guard let result = DecimalArithmetic.resultType(operation, left, right) else { return nil }
                return makeFunction(name, [left, right], result) { (input) throws(SluiceError) -> Column in
                    try DecimalArithmetic.apply(operation, input[0], input[1], resultType: result, validity: input.validity)
                }
            }
            if common.isFloatingPoint {
                return makeFunction(name, [common, common], common) { (input) throws(SluiceError) -> Column in
                    try FloatArithmetic.apply(operation, input[0], input[1], validity: input.validity)
                }
            }
            return makeFunction(name, [common, common], common) { (input) throws(SluiceError) -> Column in
                try IntegerArithmetic.apply(operation, input[0], input[1], validity: input.validity)
            }
        }
    }

    static var negate: FunctionDefinition {
        FunctionDefinition(["negate"], signatures: ["negate(number)"]) { name, arguments in
            guard arguments.count == 1, arguments[0].isNumeric else { return nil }
            let type = arguments[0]
            return makeFunction(name, [type], type) { (input) throws(SluiceError) -> Column in
                let column = input[0].replacingValidity(input.validity)
                switch type {
                case .float32: return Column.make(type, try column.elements(Float.self).map { -$0 }, validity: column.validity)
                case .float64: return Column.make(type, try column.elements(Double.self).map { -$0 }, validity: column.validity)
                case .decimal: return try DecimalArithmetic.negate(column)
                default: return try IntegerArithmetic.negate(column)
                }
            }
        }
    }

    /// The type both sides of a comparison are cast to, when they may be compared with `kind`.
    static func comparisonType(_ arguments: [DataType], _ kind: ComparisonKind?) -> DataType? {
        guard arguments.count == 2, let common = FunctionRegistry.commonSuperType(arguments[0], arguments[1]) else { return nil }
        if common.isNested, let kind, kind != .equal, kind != .notEqual { return nil }
        return common
    }

    static func comparison(_ kind: ComparisonKind) -> FunctionDefinition {
        FunctionDefinition([kind.rawValue], signatures: ["\(kind.rawValue)(T, T)"]) { name, arguments in
            guard let common = comparisonType(arguments, kind) else { return nil }
            return makeFunction(name, [common, common], .boolean) { (input) throws(SluiceError) -> Column in
                try ComparisonKernels.compare(input[0], input[1], kind)
            }
        }
    }

    static var isDistinctFrom: FunctionDefinition {
        FunctionDefinition(["is_distinct_from"], signatures: ["is_distinct_from(T, T)"]) { name, arguments in
            guard let common = comparisonType(arguments, nil) else { return nil }
            return makeFunction(name, [common, common], .boolean, propagatesNulls: false) { (input) throws(SluiceError) -> Column in
                try ComparisonKernels.isDistinct(input[0], input[1])
            }
        }
    }

    /// `a || b`: strings, or arrays of a common element type.
    static var concatenation: FunctionDefinition {
        FunctionDefinition(["||"], signatures: ["||(string, string)", "||(array<T>, array<T>)"]) { name, arguments in
            guard arguments.count == 2 else { return nil }
            if case .list = arguments[0], let common = FunctionRegistry.commonSuperType(arguments[0], arguments[1]) {
                return makeFunction(name, [common, common], common) { (input) throws(SluiceError) -> Column in
                    try CollectionFunctions.concatenateArrays(input)
                }
            }
            guard arguments.allSatisfy({ FunctionRegistry.canCoerceImplicitly(from: $0, to: .string) }) else { return nil }
            return makeFunction(name, [.string, .string], .string) { (input) throws(SluiceError) -> Column in
                try StringFunctions.concatenate(input)
            }
        }
    }
}
