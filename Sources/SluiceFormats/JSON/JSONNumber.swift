#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON number as scanned: its byte range and shape, and what the fast paths need, so most
/// numbers convert without a second pass over their bytes.
struct JSONNumber {
    var start: Int
    var end: Int
    /// Has a fraction or an exponent.
    var isFloat: Bool
    /// The value when it is an integer that fits in Int64.
    var integer: Int64?
    /// Count of integer digits (for the decimal/double choice on overflow).
    var digitCount: Int
    /// Up to 19 significant digits as an integer, and the power of ten that scales them.
    var mantissa: UInt64
    var exponent10: Int
    var isNegative: Bool
    /// False when digits were dropped from `mantissa` (more than 19).
    var mantissaIsExact: Bool
}

extension JSONScanner {
    /// Scans a number at `position` per RFC 8259 (no leading zeros, no '+', no NaN),
    /// gathering its mantissa and exponent on the way.
    @inline(__always)
    mutating func scanNumber() throws(JSONIssue) -> JSONNumber {
        let start = position
        var negative = false
        if position < end, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let digitsStart = position
        var mantissa: UInt64 = 0
        var significant = 0
        var dropped = false
        var exponent10 = 0
        while position < end {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { break }
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa != 0 { significant += 1 }
            } else {
                exponent10 += 1
                if digit != 0 { dropped = true }
            }
            position += 1
        }
        let digitCount = position - digitsStart
        guard digitCount > 0 else {
            position = start
            throw issue(expected: "a value")
        }
        if digitCount > 1 && bytes[digitsStart] == 0x30 {
            throw JSONIssue(message: "numbers must not have leading zeros", position: digitsStart)
        }
        var isFloat = false
        if position < end, bytes[position] == UInt8(ascii: ".") {
            isFloat = true
            position += 1
            let fractionStart = position
            while position < end {
                let digit = bytes[position] &- 0x30
                guard digit < 10 else { break }
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significant += 1 }
                    exponent10 -= 1
                } else if digit != 0 {
                    dropped = true
                }
                position += 1
            }
            guard position > fractionStart else { throw issue(expected: "a digit after '.'") }
        }
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isFloat = true
            position += 1
            var exponentNegative = false
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            let exponentStart = position
            var explicit = 0
            while position < end, bytes[position] &- 0x30 < 10 {
                if explicit < 100_000 { explicit = explicit * 10 + Int(bytes[position] &- 0x30) }
                position += 1
            }
            guard position > exponentStart else { throw issue(expected: "a digit in the exponent") }
            exponent10 += exponentNegative ? -explicit : explicit
        }
        var integer: Int64?
        if !isFloat && !dropped && exponent10 == 0 {
            if negative {
                if mantissa <= UInt64(Int64.max) + 1 { integer = mantissa == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mantissa) }
            } else if mantissa <= UInt64(Int64.max) {
                integer = Int64(mantissa)
            }
        }
        return JSONNumber(
            start: start, end: position, isFloat: isFloat, integer: integer, digitCount: digitCount,
            mantissa: mantissa, exponent10: exponent10, isNegative: negative, mantissaIsExact: !dropped)
    }

    /// The number as a correctly rounded Double: Clinger's fast path when the mantissa fits
    /// in 2^53 and the power of ten is exact, `strtod` otherwise.
    @inline(__always)
    func double(of number: JSONNumber) -> Double {
        if number.mantissaIsExact && number.mantissa < (1 << 53) && number.exponent10 >= -22 && number.exponent10 <= 22 {
            var value = Double(number.mantissa)
            if number.exponent10 < 0 {
                value /= JSONScanner.powersOfTen[-number.exponent10]
            } else if number.exponent10 > 0 {
                value *= JSONScanner.powersOfTen[number.exponent10]
            }
            return number.isNegative ? -value : value
        }
        // Slow path: copy into a NUL-terminated buffer for strtod (rare: > 15 digits or big exponents).
        let length = number.end - number.start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for offset in 0..<length { buffer[offset] = CChar(bitPattern: bytes[number.start + offset]) }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The number as an unscaled decimal at `scale`, or nil when it has more fraction digits
    /// than `scale` allows (non-zero ones) or does not fit `precision` digits.
    func decimal(of number: JSONNumber, precision: Int, scale: Int) -> Int128? {
        var index = number.start
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var inFraction = false
        var exponent = 0
        while index < number.end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte | 0x20 == UInt8(ascii: "e") {
                var exponentNegative = false
                index += 1
                if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    exponentNegative = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                while index < number.end {
                    if exponent < 1000 { exponent = exponent * 10 + Int(bytes[index] &- 0x30) }
                    index += 1
                }
                if exponentNegative { exponent = -exponent }
                break
            } else {
                digits.append(byte &- 0x30)
                if inFraction { fractionDigits += 1 }
            }
            index += 1
        }
        // value = digits × 10^(exponent − fractionDigits); shift to the wanted scale.
        var shift = scale + exponent - fractionDigits
        while shift < 0 {
            guard let last = digits.last, last == 0 else { return nil }
            digits.removeLast()
            shift += 1
        }
        var result: Int128 = 0
        var significant = 0
        for digit in digits {
            if result != 0 || digit != 0 { significant += 1 }
            guard significant <= precision else { return nil }
            result = result * 10 + Int128(digit)
        }
        guard significant + shift <= precision || result == 0 else { return nil }
        for _ in 0..<shift { result *= 10 }
        return negative ? -result : result
    }
}
