import SluiceCore

/// A number or boolean column in one of three canonical forms, the middle step of numeric casts.
enum NumericSource {
    case integers([Int64])
    case doubles([Double])
    case decimals([Int128], scale: Int)

    /// Nil for columns that are not numbers or booleans.
    init?(_ column: Column) throws(SluiceError) {
        switch column.storage {
        case .int8(let values): self = .integers(values.map(Int64.init))
        case .int16(let values): self = .integers(values.map(Int64.init))
        case .int32(let values):
            guard column.type == .int32 else { return nil }
            self = .integers(values.map(Int64.init))
        case .int64(let values):
            guard column.type == .int64 else { return nil }
            self = .integers(values)
        case .float32(let values): self = .doubles(values.map(Double.init))
        case .float64(let values): self = .doubles(values)
        case .decimal(let values):
            guard case .decimal(_, let scale) = column.type else { return nil }
            self = .decimals(values, scale: scale)
        case .boolean(let bits): self = .integers((0..<column.count).map { bits[$0] ? 1 : 0 })
        default: return nil
        }
    }

    func convert(to target: DataType, count: Int, validity: Bitmap?, failures: inout CastFailures) throws(SluiceError) -> Column {
        switch target {
        case .int8: return Column.make(target, try integers(failures: &failures).narrowed(Int8.self, &failures), validity: validity)
        case .int16: return Column.make(target, try integers(failures: &failures).narrowed(Int16.self, &failures), validity: validity)
        case .int32: return Column.make(target, try integers(failures: &failures).narrowed(Int32.self, &failures), validity: validity)
        case .int64: return Column.make(target, try integers(failures: &failures), validity: validity)
        case .float64: return Column.make(target, doubles(), validity: validity)
        case .float32: return Column.make(target, doubles().map { Float($0) }, validity: validity)
        case .decimal(let precision, let scale):
            return Column.make(target, try decimals(precision: precision, scale: scale, failures: &failures), validity: validity)
        case .boolean:
            let bits: Bitmap
            switch self {
            case .integers(let values): bits = Bitmap.fromPredicate(count: count) { values[$0] != 0 }
            case .doubles(let values): bits = Bitmap.fromPredicate(count: count) { values[$0] != 0 }
            case .decimals(let values, _): bits = Bitmap.fromPredicate(count: count) { values[$0] != 0 }
            }
            return Column(type: .boolean, count: count, validity: validity, storage: .boolean(bits))
        default:
            throw SluiceError.internal("A numeric cast to \(target) was not expected.", domain: .query)
        }
    }

    /// As Int64: doubles round half away from zero; decimals round half up.
    func integers(failures: inout CastFailures) throws(SluiceError) -> [Int64] {
        switch self {
        case .integers(let values):
            return values
        case .doubles(let values):
            var result = [Int64](repeating: 0, count: values.count)
            for (row, value) in values.enumerated() {
                let rounded = value.rounded(.toNearestOrAwayFromZero)
                // 2^63 is exactly representable; anything at or beyond it does not fit.
                if rounded.isNaN || rounded >= 9_223_372_036_854_775_808.0 || rounded < -9_223_372_036_854_775_808.0 {
                    try failures.fail(row, outOfRange: true)
                } else {
                    result[row] = Int64(rounded)
                }
            }
            return result
        case .decimals(let values, let scale):
            var result = [Int64](repeating: 0, count: values.count)
            let divisor = DecimalMath.power(scale)
            for (row, value) in values.enumerated() {
                let rounded = scale == 0 ? value : DecimalMath.divideRounding(value, by: divisor)
                if let fitted = Int64(exactly: rounded) { result[row] = fitted } else { try failures.fail(row, outOfRange: true) }
            }
            return result
        }
    }

    func doubles() -> [Double] {
        switch self {
        case .integers(let values): values.map(Double.init)
        case .doubles(let values): values
        case .decimals(let values, let scale): values.map { DecimalMath.toDouble($0, scale: scale) }
        }
    }

    func decimals(precision: Int, scale: Int, failures: inout CastFailures) throws(SluiceError) -> [Int128] {
        var result: [Int128]
        switch self {
        case .integers(let values):
            result = [Int128](repeating: 0, count: values.count)
            let factor = DecimalMath.power(scale)
            for (row, value) in values.enumerated() {
                let scaled = Int128(value) * factor
                if DecimalMath.fits(scaled, precision: precision) { result[row] = scaled } else { try failures.fail(row, outOfRange: true) }
            }
        case .doubles(let values):
            result = [Int128](repeating: 0, count: values.count)
            for (row, value) in values.enumerated() {
                // Through the shortest text of the double, as Trino does (0.1 is 0.1, not 0.1000000000000000055…).
                guard value.isFinite else {
                    try failures.fail(row, outOfRange: true)
                    continue
                }
                var text = value.description
                let parsed = text.withUTF8 { TextParsing.parseDecimal($0, scale: scale) }
                if let parsed, DecimalMath.fits(parsed, precision: precision) { result[row] = parsed } else {
                    try failures.fail(row, outOfRange: true)
                }
            }
        case .decimals(let values, let fromScale):
            result = [Int128](repeating: 0, count: values.count)
            for (row, value) in values.enumerated() {
                if let scaled = DecimalMath.rescale(value, from: fromScale, to: scale), DecimalMath.fits(scaled, precision: precision) {
                    result[row] = scaled
                } else {
                    try failures.fail(row, outOfRange: true)
                }
            }
        }
        return result
    }
}

extension Array where Element == Int64 {
    /// The values as a narrower integer type; values out of its range fail.
    func narrowed<T: FixedWidthInteger>(_: T.Type, _ failures: inout CastFailures) throws(SluiceError) -> [T] {
        var result = [T](repeating: 0, count: count)
        for (row, value) in enumerated() {
            if let fitted = T(exactly: value) { result[row] = fitted } else { try failures.fail(row, outOfRange: true) }
        }
        return result
    }
}
