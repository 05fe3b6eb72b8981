import SluiceCore

/// Parsers for CAST from text, over raw UTF-8 bytes. Surrounding ASCII spaces are ignored, as
/// Trino does.
enum TextParsing {
    /// The bytes without leading and trailing spaces, tabs and newlines.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A base-10 integer with an optional sign, or nil (not a number, or beyond Int64).
    @inline(__always)
    static func parseInteger(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let bytes = trimmed(raw)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? shifted.subtractingReportingOverflow(Int64(digit)) : shifted.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// A decimal number (`-12.345`, `1e3`, `.5`) as an unscaled value at `scale`, rounded half
    /// away from zero; nil when it is not a number or does not fit 38 digits.
    static func parseDecimal(_ raw: UnsafeBufferPointer<UInt8>, scale: Int) -> Int128? {
        let bytes = trimmed(raw)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { index = 1 }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var seenDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte &- 0x30 < 10 {
                seenDigit = true
                if !(digits.isEmpty && byte == 0x30) { digits.append(byte &- 0x30) }
                if seenPoint { fractionDigits += 1 }
            } else {
                break
            }
            index += 1
        }
        guard seenDigit else { return nil }
        var exponent = 0
        if index < bytes.count {
            guard bytes[index] | 0x20 == UInt8(ascii: "e") else { return nil }
            guard let parsed = parseInteger(UnsafeBufferPointer(rebasing: bytes[(index + 1)...])),
                abs(parsed) < 1000 else { return nil }
            exponent = Int(parsed)
        }
        // value = digits * 10^(exponent - fractionDigits); we want value * 10^scale.
        let shift = exponent - fractionDigits + scale
        var keep = digits.count
        var roundUp = false
        if shift < 0 {
            let drop = -shift
            if drop > digits.count {
                keep = 0
            } else {
                keep = digits.count - drop
                roundUp = digits[keep] >= 5
            }
        }
        guard keep + max(shift, 0) <= 39 else { return nil }
        var value: Int128 = 0
        for digit in digits[0..<keep] {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = shifted + Int128(digit)
        }
        if roundUp { value += 1 }
        if shift > 0 {
            guard let scaled = DecimalMath.rescale(value, from: 0, to: shift) else { return nil }
            value = scaled
        }
        guard DecimalMath.fits(value, precision: 38) else { return nil }
        return negative ? -value : value
    }

    /// A floating-point number (also `NaN`, `Infinity`, `-Infinity`).
    static func parseDouble(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        let bytes = trimmed(raw)
        guard !bytes.isEmpty else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        switch text.lowercased() {
        case "nan": return .nan
        case "infinity", "+infinity", "inf": return .infinity
        case "-infinity", "-inf": return -.infinity
        default: break
        }
        // Swift also reads hexadecimal and "nan(…)" forms; keep to decimal text.
        guard bytes.allSatisfy({ $0 &- 0x30 < 10 || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D || $0 | 0x20 == 0x65 }) else {
            return nil
        }
        return Double(text)
    }

    /// `true`/`false` (also `t`, `f`, `1`, `0`), any case.
    static func parseBoolean(_ raw: UnsafeBufferPointer<UInt8>) -> Bool? {
        let bytes = trimmed(raw)
        switch bytes.count {
        case 1:
            switch bytes[0] {
            case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "1"): return true
            case UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "0"): return false
            default: return nil
            }
        case 4:
            return bytes.map { $0 | 0x20 } == Array("true".utf8) ? true : nil
        case 5:
            return bytes.map { $0 | 0x20 } == Array("false".utf8) ? false : nil
        default:
            return nil
        }
    }

    /// A date `YYYY-MM-DD`.
    @inline(__always)
    static func parseDate(_ raw: UnsafeBufferPointer<UInt8>) -> Int32? {
        TemporalParsing.parseDate(UnsafeRawBufferPointer(trimmed(raw)))
    }

    /// A timestamp in the forms of ``TemporalParsing``, or a date alone (its midnight).
    @inline(__always)
    static func parseTimestamp(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let bytes = UnsafeRawBufferPointer(trimmed(raw))
        if let micros = TemporalParsing.parseTimestamp(bytes) { return micros }
        if let days = TemporalParsing.parseDate(bytes) { return Int64(days) * CivilTime.microsecondsPerDay }
        return nil
    }
}
