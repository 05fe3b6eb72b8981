import SluiceCore
import SluiceFormats

/// Turns filter conditions into ``ScanPredicate``s that readers check against statistics:
/// comparisons of a column (or struct field) with a constant, `IN` lists of constants,
/// null tests, and `AND`/`OR` of those. Anything else yields nil (no skipping).
enum ScanPredicateConversion {
    static func convert(_ expression: BoundExpression, columnNames: [String]) -> ScanPredicate? {
        switch expression {
        case .call(let function, let arguments) where arguments.count == 2:
            guard let op = comparison(function.name) else { return nil }
            if let path = columnPath(arguments[0], columnNames), let value = constant(arguments[1]) {
                return value.isNull ? nil : .compare(column: path, op: op, value: value)
            }
            if let path = columnPath(arguments[1], columnNames), let value = constant(arguments[0]) {
                return value.isNull ? nil : .compare(column: path, op: op.swapped, value: value)
            }
            return nil
        case .inList(let input, let values, false):
            guard let path = columnPath(input, columnNames) else { return nil }
            let constants = values.compactMap(constant)
            guard constants.count == values.count else { return nil }
            return .in(column: path, values: constants)
        case .isNull(let input, let isNegated):
            guard let path = columnPath(input, columnNames) else { return nil }
            return isNegated ? .isNotNull(column: path) : .isNull(column: path)
        case .and(let parts):
            let converted = parts.compactMap { convert($0, columnNames: columnNames) }
            return converted.isEmpty ? nil : .and(converted)
        case .or(let parts):
            let converted = parts.compactMap { convert($0, columnNames: columnNames) }
            return converted.count == parts.count ? .or(converted) : nil
        default:
            return nil
        }
    }

    private static func comparison(_ name: String) -> ComparisonOperator? {
        switch name {
        case "=": .equal
        case "<>": .notEqual
        case "<": .less
        case "<=": .lessOrEqual
        case ">": .greater
        case ">=": .greaterOrEqual
        default: nil
        }
    }

    /// A column or struct field path, looking through widening casts of numbers and dates.
    private static func columnPath(_ expression: BoundExpression, _ names: [String]) -> [String]? {
        switch expression {
        case .column(let index, _, _): return [names[index]]
        case .field(let input, let index, _):
            guard case .struct(let fields) = input.type, let base = columnPath(input, names) else { return nil }
            return base + [fields[index].name]
        case .cast(let input, let type, false):
            let widening = (input.type.isInteger && (type.isNumeric)) || (input.type == .float32 && type == .float64)
                || (input.type == .date && type == .timestamp)
            return widening ? columnPath(input, names) : nil
        default: return nil
        }
    }

    private static func constant(_ expression: BoundExpression) -> Value? {
        if case .literal(let value, _) = expression { return value }
        return nil
    }
}
