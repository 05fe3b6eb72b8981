import SluiceCore

/// Decimal arithmetic with Trino's result types, for `x` decimal(p1,s1) and `y` decimal(p2,s2):
/// - `+` `-`: decimal(min(38, 1 + max(s1,s2) + max(p1-s1, p2-s2)), max(s1,s2))
/// - `*`: decimal(min(38, p1+p2), s1+s2)
/// - `/`: decimal(min(38, p1 + s2 + max(0, s2-s1)), max(s1,s2)), rounded half up
/// - `%`: decimal(min(p1-s1, p2-s2) + max(s1,s2), max(s1,s2))
/// A result beyond its precision (38 digits at most) is an overflow error.
enum DecimalArithmetic {
    static func resultType(_ operation: ArithmeticOperator, _ left: DataType, _ right: DataType) -> DataType? {
        guard case .decimal(let p1, let s1) = left, case .decimal(let p2, let s2) = right else { return nil }
        let precision: Int
        let scale: Int
        switch operation {
        case .add, .subtract:
            scale = max(s1, s2)
            precision = min(38, 1 + scale + max(p1 - s1, p2 - s2))
        case .multiply:
            scale = s1 + s2
            precision = min(38, p1 + p2)
        case .divide:
            scale = max(s1, s2)
            precision = min(38, p1 + s2 + max(0, s2 - s1))
        case .modulo:
            scale = max(s1, s2)
            precision = min(38, min(p1 - s1, p2 - s2) + scale)
        }
        guard scale <= precision, precision >= 1 else { return nil }
        return .decimal(precision: precision, scale: scale)
    }

    static func apply(
        _ operation: ArithmeticOperator, _ left: Column, _ right: Column, resultType: DataType, validity: Bitmap?
    ) throws(SluiceError) -> Column {
        guard case .decimal(_, let s1) = left.type, case .decimal(_, let s2) = right.type,
            case .decimal(let precision, let scale) = resultType
        else { throw SluiceError.internal("Decimal arithmetic on \(left.type) and \(right.type).", domain: .query) }
        let a = try left.elements(Int128.self)
        let b = try right.elements(Int128.self)
        let count = a.count
        var result = [Int128](repeating: 0, count: count)
        var failedRow = -1
        var divisionByZero = false
        for index in 0..<count {
            let value: Int128?
            switch operation {
            case .add, .subtract:
                if let x = DecimalMath.rescale(a[index], from: s1, to: scale), let y = DecimalMath.rescale(b[index], from: s2, to: scale) {
                    let (sum, overflow) = operation == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
                    value = overflow ? nil : sum
                } else {
                    value = nil
                }
            case .multiply:
                let (product, overflow) = a[index].multipliedReportingOverflow(by: b[index])
                value = overflow ? nil : product
            case .divide:
                if b[index] == 0 {
                    divisionByZero = true
                    value = nil
                } else {
                    value = DecimalMath.scaledDivide(a[index], shift: scale - s1 + s2, by: b[index])
                }
            case .modulo:
                if b[index] == 0 {
                    divisionByZero = true
                    value = nil
                } else if let x = DecimalMath.rescale(a[index], from: s1, to: scale), let y = DecimalMath.rescale(b[index], from: s2, to: scale) {
                    value = x % y
                } else {
                    value = nil
                }
            }
            if let value, DecimalMath.fits(value, precision: precision) {
                result[index] = value
            } else if validity.map({ $0[index] }) ?? true {
                failedRow = index
                break
            } else {
                divisionByZero = false
            }
        }
        if failedRow >= 0 {
            if divisionByZero { throw ArithmeticOperator.divisionByZero }
            let operands = "\(Value.format(decimal: a[failedRow], scale: s1)) \(operation.rawValue) \(Value.format(decimal: b[failedRow], scale: s2))"
            throw ArithmeticOperator.overflow(resultType, operation.noun, operands)
        }
        return Column.make(resultType, result, validity: validity)
    }

    static func negate(_ column: Column) throws(SluiceError) -> Column {
        let values = try column.elements(Int128.self)
        return Column.make(column.type, values.map { 0 &- $0 }, validity: column.validity)
    }
}
