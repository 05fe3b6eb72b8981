/// A number for exact comparison: an integer or decimal as an unscaled integer and a scale,
/// or a double. Integers are decimals of scale 0.
enum NumericValue {
    case exact(Int128, scale: Int)
    case binary(Double)

    init?(_ value: Value) {
        switch value {
        case .int(let integer): self = .exact(Int128(integer), scale: 0)
        case .decimal(let unscaled, let scale): self = .exact(unscaled, scale: scale)
        case .double(let double): self = .binary(double)
        default: return nil
        }
    }

    /// The exact numeric order; nil only for a double against a decimal whose scale is beyond
    /// ±55 (no Sluice type makes one).
    func compare(to other: NumericValue) -> ValueOrder? {
        switch (self, other) {
        case (.exact(let left, let leftScale), .exact(let right, let rightScale)):
            return Self.compareDecimals(left, scale: leftScale, right, scale: rightScale)
        case (.binary(let left), .binary(let right)):
            return Self.compareDoubles(left, right)
        case (.exact(let unscaled, let scale), .binary(let double)):
            return Self.compareDecimal(unscaled, scale: scale, double)
        case (.binary(let double), .exact(let unscaled, let scale)):
            return Self.compareDecimal(unscaled, scale: scale, double)?.reversed
        }
    }

    /// Doubles with NaN equal to itself and above everything, and -0.0 equal to 0.0.
    static func compareDoubles(_ left: Double, _ right: Double) -> ValueOrder {
        switch (left.isNaN, right.isNaN) {
        case (true, true): .equal
        case (true, false): .greater
        case (false, true): .less
        case (false, false): ValueOrder(left, right)
        }
    }

    /// `left / 10^leftScale` against `right / 10^rightScale`, exactly: the value of smaller
    /// scale is brought to the larger one, and when that overflows Int128 it is larger in
    /// magnitude than any Int128, so its sign decides.
    static func compareDecimals(_ left: Int128, scale leftScale: Int, _ right: Int128, scale rightScale: Int) -> ValueOrder {
        if leftScale == rightScale { return ValueOrder(left, right) }
        if leftScale > rightScale {
            return compareDecimals(right, scale: rightScale, left, scale: leftScale).reversed
        }
        guard left != 0 else { return ValueOrder(0, right) }
        var scaled = left
        for _ in 0..<(rightScale - leftScale) {
            let (product, overflow) = scaled.multipliedReportingOverflow(by: 10)
            if overflow { return left > 0 ? .greater : .less }
            scaled = product
        }
        return ValueOrder(scaled, right)
    }

    /// `unscaled / 10^scale` against a double, exactly (every finite double is a dyadic
    /// fraction, so both sides become integers times powers of two and five).
    static func compareDecimal(_ unscaled: Int128, scale: Int, _ double: Double) -> ValueOrder? {
        if double.isNaN { return .less }
        if double.isInfinite { return double > 0 ? .less : .greater }
        let decimalSign = unscaled.signum()
        let doubleSign: Int128 = double > 0 ? 1 : (double < 0 ? -1 : 0)
        if decimalSign != doubleSign || decimalSign == 0 { return ValueOrder(decimalSign, doubleSign) }
        guard let magnitudes = compareMagnitudes(unscaled.magnitude, scale: scale, double.magnitude) else { return nil }
        return decimalSign > 0 ? magnitudes : magnitudes.reversed
    }

    /// `decimal / 10^scale` against a positive finite double `significand * 2^exponent`:
    /// multiplied through, `decimal * 5^-scale` against `significand * 5^scale * 2^(exponent + scale)`
    /// (the power of five on whichever side its exponent is positive).
    private static func compareMagnitudes(_ decimal: UInt128, scale: Int, _ double: Double) -> ValueOrder? {
        guard let power = powerOfFive(scale.magnitude) else { return nil }
        let exponentBits = Int(double.exponentBitPattern)
        let significand = UInt128(double.significandBitPattern | (exponentBits == 0 ? 0 : 1 << 52))
        let exponent = exponentBits == 0 ? -1074 : exponentBits - 1075
        let left = WideUnsigned(decimal.multipliedFullWidth(by: scale < 0 ? power : 1))
        let right = WideUnsigned(significand.multipliedFullWidth(by: scale > 0 ? power : 1))
        let shift = exponent + scale
        return WideUnsigned.compare(left, shiftedBy: max(0, -shift), right, shiftedBy: max(0, shift))
    }

    /// 5^exponent, or nil past UInt128 (5^55 is the last that fits).
    private static func powerOfFive(_ exponent: UInt) -> UInt128? {
        guard exponent <= 55 else { return nil }
        var result: UInt128 = 1
        for _ in 0..<exponent { result *= 5 }
        return result
    }
}
