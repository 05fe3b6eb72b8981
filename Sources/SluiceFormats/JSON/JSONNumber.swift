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
    /// The significant digits and their power of ten, for the conversion to `Double`.
    var mantissa: DecimalMantissa
    var isNegative: Bool
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
        var mantissa = DecimalMantissa()
        while position < end {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { break }
            mantissa.appendIntegerDigit(digit)
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
                mantissa.appendFractionDigit(digit)
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
            mantissa.exponent10 += exponentNegative ? -explicit : explicit
        }
        var integer: Int64?
        if !isFloat && mantissa.isExact && mantissa.exponent10 == 0 {
            let magnitude = mantissa.digits
            if negative {
                if magnitude <= UInt64(Int64.max) + 1 { integer = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude) }
            } else if magnitude <= UInt64(Int64.max) {
                integer = Int64(magnitude)
            }
        }
        return JSONNumber(
            start: start, end: position, isFloat: isFloat, integer: integer, digitCount: digitCount,
            mantissa: mantissa, isNegative: negative)
    }

    /// The number as a correctly rounded Double (see ``DecimalMantissa``).
    @inline(__always)
    func double(of number: JSONNumber) -> Double {
        if let value = number.mantissa.fastDouble(negative: number.isNegative) { return value }
        return DecimalMantissa.slowDouble(UnsafeRawBufferPointer(start: bytes + number.start, count: number.end - number.start))
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
