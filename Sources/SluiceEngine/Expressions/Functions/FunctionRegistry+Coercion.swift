public import SluiceCore

/// Type rules, as Trino has them:
/// - integers widen (tinyint → smallint → int → bigint); an integer becomes a decimal with
///   room for all its digits (tinyint decimal(3,0), smallint (5,0), int (10,0), bigint (19,0));
///   integers and decimals become float (real) or double; float becomes double;
/// - two decimals meet at the larger scale with room for the larger integer part (at most 38 digits);
/// - date becomes timestamp (its midnight, UTC);
/// - a string becomes a date or timestamp implicitly (`dt >= '2026-11-01'`), nothing else:
///   numbers and strings never mix without a CAST;
/// - arrays, maps and structs (same field count) meet element by element.
extension FunctionRegistry {
    /// The type two values are compared/combined as (CASE branches, COALESCE, IN lists, UNION columns, comparisons), or nil when they have none.
    public static func commonSuperType(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        switch (a, b) {
        case (.decimal, .decimal):
            return decimalSuperType(a, b)
        case (.float64, _) where b.isNumeric, (_, .float64) where a.isNumeric:
            return .float64
        case (.float32, _) where b.isNumeric, (_, .float32) where a.isNumeric:
            return .float32
        case (.decimal, _) where b.isInteger:
            return decimalSuperType(a, integerAsDecimal(b))
        case (_, .decimal) where a.isInteger:
            return decimalSuperType(integerAsDecimal(a), b)
        case _ where a.isInteger && b.isInteger:
            return integerRank(a) >= integerRank(b) ? a : b
        case (.date, .timestamp), (.timestamp, .date), (.string, .timestamp), (.timestamp, .string):
            return .timestamp
        case (.string, .date), (.date, .string):
            return .date
        case (.list(let x), .list(let y)):
            return commonSuperType(x, y).map { .list($0) }
        case (.map(let k1, let v1), .map(let k2, let v2)):
            guard let key = commonSuperType(k1, k2), let value = commonSuperType(v1, v2) else { return nil }
            return .map(key: key, value: value)
        case (.struct(let f1), .struct(let f2)) where f1.count == f2.count:
            var fields: [Field] = []
            for (x, y) in zip(f1, f2) {
                guard let type = commonSuperType(x.type, y.type) else { return nil }
                fields.append(Field(x.name, type))
            }
            return .struct(fields)
        default:
            return nil
        }
    }

    /// Whether `CAST(from AS to)` is allowed at all (the binder reports an error otherwise).
    public static func canCast(from: DataType, to: DataType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (_, .string): return true
        case (.string, let target): return !target.isNested
        case (.date, .timestamp), (.timestamp, .date): return true
        case (.list(let x), .list(let y)): return canCast(from: x, to: y)
        case (.map(let k1, let v1), .map(let k2, let v2)): return canCast(from: k1, to: k2) && canCast(from: v1, to: v2)
        case (.struct(let f1), .struct(let f2)):
            return f1.count == f2.count && zip(f1, f2).allSatisfy { canCast(from: $0.type, to: $1.type) }
        default:
            let numberLike = { (type: DataType) in type.isNumeric || type == .boolean }
            return numberLike(from) && numberLike(to)
        }
    }

    /// Whether a value of `from` may be used where `to` is expected without a CAST.
    public static func canCoerceImplicitly(from: DataType, to: DataType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (_, .float64): return from.isNumeric
        case (_, .float32): return from.isInteger || from.isDecimal
        case (_, .decimal(let precision, let scale)):
            if let digits = DecimalMath.integerDigits(from) { return precision - scale >= digits }
            guard case .decimal(let fromPrecision, let fromScale) = from else { return false }
            return scale >= fromScale && precision - scale >= fromPrecision - fromScale
        case _ where from.isInteger && to.isInteger:
            return integerRank(from) <= integerRank(to)
        case (.date, .timestamp), (.string, .date), (.string, .timestamp):
            return true
        case (.list(let x), .list(let y)):
            return canCoerceImplicitly(from: x, to: y)
        case (.map(let k1, let v1), .map(let k2, let v2)):
            return canCoerceImplicitly(from: k1, to: k2) && canCoerceImplicitly(from: v1, to: v2)
        case (.struct(let f1), .struct(let f2)):
            return f1.count == f2.count && zip(f1, f2).allSatisfy { canCoerceImplicitly(from: $0.type, to: $1.type) }
        default:
            return false
        }
    }

    static func integerRank(_ type: DataType) -> Int {
        switch type {
        case .int8: 1
        case .int16: 2
        case .int32: 3
        case .int64: 4
        default: 0
        }
    }

    /// The decimal that holds every value of an integer type (or the decimal itself).
    static func integerAsDecimal(_ type: DataType) -> DataType {
        if let digits = DecimalMath.integerDigits(type) { return .decimal(precision: digits, scale: 0) }
        return type
    }

    static func decimalSuperType(_ a: DataType, _ b: DataType) -> DataType? {
        guard case .decimal(let p1, let s1) = a, case .decimal(let p2, let s2) = b else { return nil }
        let scale = max(s1, s2)
        let precision = min(DataType.maximumDecimalPrecision, max(p1 - s1, p2 - s2) + scale)
        return .decimal(precision: precision, scale: min(scale, precision))
    }
}

extension DataType {
    var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }
}
