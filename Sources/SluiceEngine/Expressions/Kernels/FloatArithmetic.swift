import SluiceCore

/// Floating-point arithmetic (IEEE: no errors; division by zero gives ±Infinity or NaN).
enum FloatArithmetic {
    static func apply(_ operation: ArithmeticOperator, _ left: Column, _ right: Column, validity: Bitmap?) throws(SluiceError) -> Column {
        switch left.storage {
        case .float32(let values): return Column.make(left.type, run(operation, values, try right.elements(Float.self)), validity: validity)
        case .float64(let values): return Column.make(left.type, run(operation, values, try right.elements(Double.self)), validity: validity)
        default: throw SluiceError.internal("Floating-point arithmetic on \(left.type).", domain: .query)
        }
    }

    static func run<T: BinaryFloatingPoint>(_ operation: ArithmeticOperator, _ left: [T], _ right: [T]) -> [T] {
        let count = left.count
        return left.withUnsafeBufferPointer { a in
            right.withUnsafeBufferPointer { b in
                makeArray(count: count) { out in
                    switch operation {
                    case .add: for index in 0..<count { out[index] = a[index] + b[index] }
                    case .subtract: for index in 0..<count { out[index] = a[index] - b[index] }
                    case .multiply: for index in 0..<count { out[index] = a[index] * b[index] }
                    case .divide: for index in 0..<count { out[index] = a[index] / b[index] }
                    case .modulo: for index in 0..<count { out[index] = a[index].truncatingRemainder(dividingBy: b[index]) }
                    }
                }
            }
        }
    }
}
