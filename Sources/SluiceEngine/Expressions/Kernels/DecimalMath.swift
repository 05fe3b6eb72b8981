import SluiceCore

/// Exact arithmetic helpers on unscaled decimals (Int128), rounding half away from zero
/// (Trino's HALF_UP) wherever digits are dropped.
enum DecimalMath {
    /// 10^0 … 10^38.
    static let powersOfTen: [Int128] = {
        var result: [Int128] = [1]
        for _ in 1...38 { result.append(result[result.count - 1] * 10) }
        return result
    }()

    @inline(__always)
    static func power(_ exponent: Int) -> Int128 { powersOfTen[exponent] }

    /// Whether `value` has at most `precision` digits.
    @inline(__always)
    static func fits(_ value: Int128, precision: Int) -> Bool {
        value.magnitude < UInt128(powersOfTen[precision])
    }

    /// `value / divisor` rounded half away from zero (`divisor` > 0).
    @inline(__always)
    static func divideRounding(_ value: Int128, by divisor: Int128) -> Int128 {
        let quotient = value / divisor
        let remainder = value % divisor
        if remainder.magnitude >= divisor.magnitude - remainder.magnitude {
            return value < 0 ? quotient - 1 : quotient + 1
        }
        return quotient
    }

    /// `value` moved from scale `from` to scale `to` (rounding when the scale shrinks), or nil
    /// when it overflows Int128.
    @inline(__always)
    static func rescale(_ value: Int128, from: Int, to: Int) -> Int128? {
        if to == from { return value }
        if to < from { return divideRounding(value, by: powersOfTen[from - to]) }
        guard to - from <= 38 else { return value == 0 ? 0 : nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: powersOfTen[to - from])
        return overflow ? nil : product
    }

    /// `numerator * 10^shift / denominator` rounded half away from zero, computed in 256 bits;
    /// nil when the quotient does not fit Int128 or `shift` > 38.
    static func scaledDivide(_ numerator: Int128, shift: Int, by denominator: Int128) -> Int128? {
        guard shift <= 38, denominator != 0 else { return nil }
        let negative = (numerator < 0) != (denominator < 0)
        let divisor = denominator.magnitude
        let wide = numerator.magnitude.multipliedFullWidth(by: UInt128(powersOfTen[shift]))
        guard wide.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth((high: wide.high, low: wide.low))
        var rounded = quotient
        if remainder >= divisor - remainder {
            let (next, overflow) = rounded.addingReportingOverflow(1)
            guard !overflow else { return nil }
            rounded = next
        }
        guard rounded <= UInt128(Int128.max) else { return nil }
        return negative ? -Int128(rounded) : Int128(rounded)
    }

    /// The double nearest a decimal.
    @inline(__always)
    static func toDouble(_ unscaled: Int128, scale: Int) -> Double {
        if scale == 0 { return Double(unscaled) }
        if scale <= 22, unscaled.magnitude < (1 << 53) { return Double(unscaled) / pow10Doubles[scale] }
        return Double(Value.format(decimal: unscaled, scale: scale)) ?? Double(unscaled) / pow10Doubles[min(scale, 22)]
    }

    static let pow10Doubles: [Double] = (0...22).map { exponent in
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Digits needed for any value of an integer type (tinyint 3 … bigint 19).
    static func integerDigits(_ type: DataType) -> Int? {
        switch type {
        case .int8: 3
        case .int16: 5
        case .int32: 10
        case .int64: 19
        default: nil
        }
    }
}
