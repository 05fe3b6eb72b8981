import SluiceCore

/// Integer arithmetic on two columns of one integer type: wrapping loops with an overflow
/// flag, then a second look for the first overflowing present row only when the flag is set.
/// Division truncates toward zero; `%` takes the dividend's sign.
enum IntegerArithmetic {
    static func apply(_ operation: ArithmeticOperator, _ left: Column, _ right: Column, validity: Bitmap?) throws(SluiceError) -> Column {
        switch left.storage {
        case .int8(let values): return try apply(operation, values, try right.elements(Int8.self), left.type, validity)
        case .int16(let values): return try apply(operation, values, try right.elements(Int16.self), left.type, validity)
        case .int32(let values): return try apply(operation, values, try right.elements(Int32.self), left.type, validity)
        case .int64(let values): return try apply(operation, values, try right.elements(Int64.self), left.type, validity)
        default: throw SluiceError.internal("Integer arithmetic on \(left.type).", domain: .query)
        }
    }

    static func negate(_ column: Column) throws(SluiceError) -> Column {
        func run<T: FixedWidthInteger & SignedInteger & ColumnElement>(_ values: [T]) throws(SluiceError) -> Column {
            let result: [T] = values.map { 0 &- $0 }
            if let row = values.indices.first(where: { values[$0] == T.min && column.isValid($0) }) {
                throw ArithmeticOperator.overflow(column.type, "negation", "-(\(values[row]))")
            }
            return Column.make(column.type, result, validity: column.validity)
        }
        switch column.storage {
        case .int8(let values): return try run(values)
        case .int16(let values): return try run(values)
        case .int32(let values): return try run(values)
        case .int64(let values): return try run(values)
        default: throw SluiceError.internal("Integer negation on \(column.type).", domain: .query)
        }
    }

    static func apply<T: FixedWidthInteger & SignedInteger & ColumnElement>(
        _ operation: ArithmeticOperator, _ left: [T], _ right: [T], _ type: DataType, _ validity: Bitmap?
    ) throws(SluiceError) -> Column {
        let count = left.count
        var failedRow = -1
        let result: [T] = left.withUnsafeBufferPointer { a in
            right.withUnsafeBufferPointer { b in
                makeArray(count: count) { out in
                    var overflow = false
                    switch operation {
                    case .add:
                        for index in 0..<count {
                            let (value, flag) = a[index].addingReportingOverflow(b[index])
                            out[index] = value
                            overflow = overflow || flag
                        }
                    case .subtract:
                        for index in 0..<count {
                            let (value, flag) = a[index].subtractingReportingOverflow(b[index])
                            out[index] = value
                            overflow = overflow || flag
                        }
                    case .multiply:
                        for index in 0..<count {
                            let (value, flag) = a[index].multipliedReportingOverflow(by: b[index])
                            out[index] = value
                            overflow = overflow || flag
                        }
                    case .divide, .modulo:
                        for index in 0..<count {
                            let divisor = b[index]
                            if divisor == 0 {
                                out[index] = 0
                                if failedRow < 0, validity.map({ $0[index] }) ?? true { failedRow = index }
                                continue
                            }
                            if operation == .divide {
                                let (value, flag) = a[index].dividedReportingOverflow(by: divisor)
                                out[index] = value
                                overflow = overflow || flag
                            } else {
                                // T.min % -1 reports overflow but is mathematically 0.
                                out[index] = a[index].remainderReportingOverflow(dividingBy: divisor).partialValue
                            }
                        }
                    }
                    if overflow, failedRow < 0 {
                        for index in 0..<count where validity.map({ $0[index] }) ?? true {
                            if overflows(operation, a[index], b[index]) {
                                failedRow = index
                                break
                            }
                        }
                    }
                }
            }
        }
        if failedRow >= 0 {
            if right[failedRow] == 0, operation == .divide || operation == .modulo { throw ArithmeticOperator.divisionByZero }
            throw ArithmeticOperator.overflow(type, operation.noun, "\(left[failedRow]) \(operation.rawValue) \(right[failedRow])")
        }
        return Column.make(type, result, validity: validity)
    }

    @inline(__always)
    private static func overflows<T: FixedWidthInteger>(_ operation: ArithmeticOperator, _ a: T, _ b: T) -> Bool {
        switch operation {
        case .add: a.addingReportingOverflow(b).overflow
        case .subtract: a.subtractingReportingOverflow(b).overflow
        case .multiply: a.multipliedReportingOverflow(by: b).overflow
        case .divide: b != 0 && a.dividedReportingOverflow(by: b).overflow
        case .modulo: false
        }
    }
}
