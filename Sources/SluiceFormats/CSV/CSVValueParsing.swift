import SluiceCore

/// Parsers from a field's raw UTF-8 bytes to typed values, and the classification that
/// schema inference applies to each field. No allocation on the common paths: integers,
/// booleans and decimals are read digit by digit, and doubles with at most 19 significant
/// digits and a small exponent take an exact fast path (the rest go through the standard
/// library's correctly rounded parser).
enum CSVValueParsing {
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The bytes without leading and trailing spaces and tabs (typed values may be padded).
    @inline(__always)
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        if end == 0 || (!isSpace(bytes[0]) && !isSpace(bytes[end - 1])) { return bytes }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// A leading `-` or `+`: whether the number is negative, and where its digits start.
    @inline(__always)
    static func sign(of bytes: UnsafeRawBufferPointer) -> (negative: Bool, start: Int) {
        guard let first = bytes.first else { return (false, 0) }
        if first == UInt8(ascii: "-") { return (true, 1) }
        return (false, first == UInt8(ascii: "+") ? 1 : 0)
    }

    /// `true` or `false` in any letter case.
    @inline(__always)
    static func parseBool(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        if bytes.count == 4, bytes[0] | 0x20 == UInt8(ascii: "t"), bytes[1] | 0x20 == UInt8(ascii: "r"),
            bytes[2] | 0x20 == UInt8(ascii: "u"), bytes[3] | 0x20 == UInt8(ascii: "e") {
            return true
        }
        if bytes.count == 5, bytes[0] | 0x20 == UInt8(ascii: "f"), bytes[1] | 0x20 == UInt8(ascii: "a"),
            bytes[2] | 0x20 == UInt8(ascii: "l"), bytes[3] | 0x20 == UInt8(ascii: "s"), bytes[4] | 0x20 == UInt8(ascii: "e") {
            return false
        }
        return nil
    }

    /// `[+-]?[0-9]+` that fits an `Int64`.
    @inline(__always)
    static func parseInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var (negative, index) = sign(of: bytes)
        guard index < count else { return nil }
        var magnitude: UInt64 = 0
        if count - index <= 18 {
            // 18 digits cannot overflow.
            while index < count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                magnitude = magnitude &* 10 &+ UInt64(digit)
                index += 1
            }
            return negative ? -Int64(magnitude) : Int64(magnitude)
        }
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = product.addingReportingOverflow(UInt64(digit))
            guard !overflow, !carry else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(bitPattern: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Significant digits of `[+-]?[0-9]+` (leading zeros do not count), or nil for other text.
    static func integerDigitCount(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var index = sign(of: bytes).start
        guard index < bytes.count else { return nil }
        var significant = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            if significant > 0 || digit != 0 { significant += 1 }
            index += 1
        }
        return significant
    }

    /// A decimal number `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?`, or `NaN`,
    /// `Infinity`, `+Infinity`, `-Infinity` (the text ``CSVWriter`` writes for them).
    @inline(__always)
    static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var (negative, index) = sign(of: bytes)
        guard index < count else { return nil }
        let first = bytes[index]
        if first == UInt8(ascii: "N") || first == UInt8(ascii: "I") { return parseSpecial(bytes, from: index, negative: negative) }
        var mantissa = DecimalMantissa()
        var sawDigit = false
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { break }
            sawDigit = true
            mantissa.appendIntegerDigit(digit)
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { break }
                sawDigit = true
                mantissa.appendFractionDigit(digit)
                index += 1
            }
        }
        guard sawDigit else { return nil }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var sawExponentDigit = false
            while index < count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                sawExponentDigit = true
                if written < 100_000 { written = written * 10 + Int(digit) }
                index += 1
            }
            guard sawExponentDigit else { return nil }
            mantissa.exponent10 += exponentNegative ? -written : written
        }
        guard index == count else { return nil }
        if mantissa.digits == 0 && mantissa.isExact { return negative ? -0.0 : 0.0 }
        return mantissa.fastDouble(negative: negative) ?? DecimalMantissa.slowDouble(bytes)
    }

    private static func parseSpecial(_ bytes: UnsafeRawBufferPointer, from index: Int, negative: Bool) -> Double? {
        let rest = UnsafeRawBufferPointer(rebasing: bytes[index...])
        if rest.elementsEqual("Infinity".utf8) { return negative ? -.infinity : .infinity }
        if index == 0, rest.elementsEqual("NaN".utf8) { return .nan }
        return nil
    }

    /// An exact decimal with `scale` fraction digits as an unscaled integer: digits with an
    /// optional fraction (no exponent). Extra fraction digits round half away from zero; nil
    /// when the text is not such a number or the value needs more than `precision` digits.
    static func parseDecimal(_ bytes: UnsafeRawBufferPointer, precision: Int, scale: Int) -> Int128? {
        let count = bytes.count
        var (negative, index) = sign(of: bytes)
        var unscaled: Int128 = 0
        var integerDigits = 0
        var sawDigit = false
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { break }
            sawDigit = true
            if integerDigits > 0 || digit != 0 {
                integerDigits += 1
                guard integerDigits <= precision - scale else { return nil }
            }
            unscaled = unscaled * 10 + Int128(digit)
            index += 1
        }
        var fractionDigits = 0
        var roundUp = false
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { break }
                sawDigit = true
                if fractionDigits < scale {
                    unscaled = unscaled * 10 + Int128(digit)
                } else if fractionDigits == scale {
                    roundUp = digit >= 5
                }
                fractionDigits += 1
                index += 1
            }
        }
        guard sawDigit, index == count else { return nil }
        if fractionDigits < scale { unscaled *= Value.powerOfTen(scale - fractionDigits) }
        if roundUp { unscaled += 1 }
        guard unscaled < Value.powerOfTen(precision) else { return nil }
        return negative ? -unscaled : unscaled
    }

    /// The narrowest inferred type of a non-null field's text, in this order: `boolean`,
    /// `bigint` (a longer integer is `decimal(38,0)` up to 38 digits, else `double`),
    /// `double`, `date`, `timestamp`, and `string` for anything else.
    static func classify(_ raw: UnsafeRawBufferPointer) -> DataType {
        let bytes = trimmed(raw)
        guard let first = bytes.first else { return .string }
        if first | 0x20 == UInt8(ascii: "t") || first | 0x20 == UInt8(ascii: "f") {
            return parseBool(bytes) != nil ? .boolean : .string
        }
        let isDigit = first &- 0x30 < 10
        guard isDigit || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
            || first == UInt8(ascii: "N") || first == UInt8(ascii: "I")
        else { return .string }
        if parseInt64(bytes) != nil { return .int64 }
        if let digits = integerDigitCount(bytes) {
            return digits <= DataType.maximumDecimalPrecision ? .decimal(precision: DataType.maximumDecimalPrecision, scale: 0) : .float64
        }
        if parseDouble(bytes) != nil { return .float64 }
        if isDigit {
            if TemporalParsing.parseDate(bytes) != nil { return .date }
            if TemporalParsing.parseTimestamp(bytes) != nil { return .timestamp }
        }
        return .string
    }
}
