#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The digits of a decimal number gathered, as a parser meets them, into at most 19
/// significant digits and a power of ten — and turned into a correctly rounded `Double`.
/// Shared by the JSON scanner and the CSV value parser, which differ only in syntax.
struct DecimalMantissa {
    /// Up to 19 significant digits.
    private(set) var digits: UInt64 = 0
    /// The power of ten that scales ``digits``.
    var exponent10 = 0
    /// False once a non-zero digit beyond the 19th was dropped.
    private(set) var isExact = true
    private var significant = 0

    /// A digit before the decimal point.
    @inline(__always)
    mutating func appendIntegerDigit(_ digit: UInt8) {
        if significant < 19 {
            digits = digits &* 10 &+ UInt64(digit)
            if digits != 0 { significant += 1 }
        } else {
            exponent10 += 1
            if digit != 0 { isExact = false }
        }
    }

    /// A digit after the decimal point.
    @inline(__always)
    mutating func appendFractionDigit(_ digit: UInt8) {
        if significant < 19 {
            digits = digits &* 10 &+ UInt64(digit)
            if digits != 0 { significant += 1 }
            exponent10 -= 1
        } else if digit != 0 {
            isExact = false
        }
    }

    /// The value by Clinger's fast path — exact when the digits fit in 2^53 and the power of
    /// ten is an exact double — or nil when that path does not apply.
    @inline(__always)
    func fastDouble(negative: Bool) -> Double? {
        guard isExact, digits <= 1 << 53, exponent10 >= -22, exponent10 <= 22 else { return nil }
        var value = Double(digits)
        if exponent10 < 0 {
            value /= DecimalMantissa.powersOfTen[-exponent10]
        } else if exponent10 > 0 {
            value *= DecimalMantissa.powersOfTen[exponent10]
        }
        return negative ? -value : value
    }

    /// The correctly rounded value of number text the caller has already validated, by
    /// `strtod` on a NUL-terminated copy (the rare case: > 19 digits or a large exponent).
    static func slowDouble(_ text: UnsafeRawBufferPointer) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
            for offset in 0..<text.count { buffer[offset] = CChar(bitPattern: text[offset]) }
            buffer[text.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    /// 10^0 … 10^22, every one exact in a `Double`.
    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
