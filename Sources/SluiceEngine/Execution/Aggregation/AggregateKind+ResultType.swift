public import SluiceCore

extension AggregateKind {
    /// The function's name as SQL spells it: `count`, `sum`, `approx_distinct`.
    public var functionName: String { self == .countStar ? "count" : rawValue }

    /// The type an aggregate returns for an input of type `input` (nil for `count(*)`), by
    /// Trino's rules: `count` and `approx_distinct` give bigint; `sum` of integers bigint, of
    /// float or double double, of decimal(p,s) decimal(38,s); `avg` of integers, float or double
    /// double, of decimal(p,s) decimal(p,s); `min`, `max` and `arbitrary` keep the input type;
    /// `bool_and` and `bool_or` take and give boolean. Any other input is an error naming both.
    public static func resultType(of kind: AggregateKind, input: DataType?) throws(SluiceError) -> DataType {
        if kind == .countStar { return .int64 }
        guard let input else {
            throw SluiceError(
                domain: .query, code: "query.aggregateArgument",
                message: "\(kind.functionName) needs one argument.",
                hint: "Write \(kind.functionName)(column); only count takes *.")
        }
        switch kind {
        case .countStar, .count:
            return .int64
        case .approxDistinct:
            guard !input.isNested else { throw wrongInput(kind, input, expected: "scalar values") }
            return .int64
        case .sum:
            if input.isInteger { return .int64 }
            if input.isFloatingPoint { return .float64 }
            if case .decimal(_, let scale) = input { return .decimal(precision: DataType.maximumDecimalPrecision, scale: scale) }
            throw wrongInput(kind, input, expected: "numbers")
        case .avg:
            if input.isInteger || input.isFloatingPoint { return .float64 }
            if case .decimal = input { return input }
            throw wrongInput(kind, input, expected: "numbers")
        case .min, .max, .arbitrary:
            guard !input.isNested else {
                throw wrongInput(kind, input, expected: "orderable values: numbers, strings, binaries, dates, timestamps and booleans")
            }
            return input
        case .boolAnd, .boolOr:
            guard input == .boolean else { throw wrongInput(kind, input, expected: "booleans") }
            return .boolean
        }
    }

    /// `sum cannot take string. It takes numbers.`
    private static func wrongInput(_ kind: AggregateKind, _ input: DataType, expected: String) -> SluiceError {
        SluiceError(
            domain: .query, code: "query.aggregateArgumentType",
            message: "\(kind.functionName) cannot take \(input). It takes \(expected).",
            hint: "Cast the argument to a type \(kind.functionName) takes, or choose another aggregate.")
    }
}
