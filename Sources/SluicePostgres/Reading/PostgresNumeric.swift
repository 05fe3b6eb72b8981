/// PostgreSQL's binary `numeric`: base-10000 digits with a weight, a sign and a display
/// scale, turned into an unscaled 128-bit integer at a fixed scale, rounding half away from
/// zero as PostgreSQL does when it narrows a numeric.
///
/// Layout: `ndigits` (int16), `weight` (int16: the power of 10000 of the first digit),
/// `sign` (0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity),
/// `dscale` (int16), then `ndigits` int16 digits, each 0...9999.
enum PostgresNumeric {
    enum Problem: Error, Equatable {
        case notANumber
        case infinite(negative: Bool)
        /// More than `precision` digits at the wanted scale.
        case overflow(text: String)
        case malformed
    }

    static func unscaled(_ raw: UnsafeRawBufferPointer, scale: Int, precision: Int) throws(Problem) -> Int128 {
        guard raw.count >= 8 else { throw .malformed }
        let digitCount = Int(raw.bigEndianInt16(at: 0))
        let weight = Int(raw.bigEndianInt16(at: 2))
        let sign = UInt16(bitPattern: raw.bigEndianInt16(at: 4))
        switch sign {
        case 0x0000, 0x4000: break
        case 0xC000: throw .notANumber
        case 0xD000: throw .infinite(negative: false)
        case 0xF000: throw .infinite(negative: true)
        default: throw .malformed
        }
        guard digitCount >= 0, raw.count >= 8 + digitCount * 2 else { throw .malformed }
        var magnitude: Int128 = 0
        var overflow = false
        var roundUp = false
        for index in 0..<digitCount {
            let digit = Int128(raw.bigEndianInt16(at: 8 + index * 2))
            // This digit is worth digit × 10^exponent in the unscaled result.
            let exponent = 4 * (weight - index) + scale
            if exponent >= 0 {
                guard let power = Self.powerOfTen(exponent) else {
                    if digit != 0 { overflow = true }
                    continue
                }
                let (product, productOverflow) = digit.multipliedReportingOverflow(by: power)
                let (sum, sumOverflow) = magnitude.addingReportingOverflow(product)
                if productOverflow || sumOverflow { overflow = true } else { magnitude = sum }
                continue
            }
            // The first digit that reaches below the scale decides the rounding; later ones
            // cannot change it (see the type's comment).
            if exponent > -4 {
                let divisor = Int128(Self.powerOfTen(-exponent)!)
                magnitude += digit / divisor
                roundUp = (digit % divisor) * 2 >= divisor
            } else if exponent == -4 {
                roundUp = digit * 2 >= 10_000
            }
            break
        }
        if roundUp { magnitude += 1 }
        if overflow || magnitude >= Self.powerOfTen(precision)! {
            throw .overflow(text: Self.text(raw))
        }
        return sign == 0x4000 ? -magnitude : magnitude
    }

    /// 10^exponent for 0...38 (what fits a signed 128-bit integer), else nil.
    static func powerOfTen(_ exponent: Int) -> Int128? {
        guard exponent >= 0 && exponent <= 38 else { return nil }
        return powers[exponent]
    }

    private static let powers: [Int128] = {
        var values: [Int128] = [1]
        for _ in 1...38 { values.append(values.last! * 10) }
        return values
    }()

    /// The value as decimal text (for error messages about values that do not fit).
    static func text(_ raw: UnsafeRawBufferPointer) -> String {
        let digitCount = Int(raw.bigEndianInt16(at: 0))
        let weight = Int(raw.bigEndianInt16(at: 2))
        let negative = UInt16(bitPattern: raw.bigEndianInt16(at: 4)) == 0x4000
        let displayScale = Int(raw.bigEndianInt16(at: 6))
        var integerPart = ""
        var fractionPart = ""
        let digit = { (index: Int) -> Int in index >= 0 && index < digitCount ? Int(raw.bigEndianInt16(at: 8 + index * 2)) : 0 }
        if weight >= 0 {
            for index in 0...weight {
                let group = String(digit(index))
                integerPart += index == 0 ? group : String(repeating: "0", count: 4 - group.count) + group
            }
        } else {
            integerPart = "0"
        }
        var index = weight + 1
        while fractionPart.count < displayScale {
            let group = String(digit(index))
            fractionPart += String(repeating: "0", count: 4 - group.count) + group
            index += 1
        }
        fractionPart = String(fractionPart.prefix(displayScale))
        return (negative ? "-" : "") + integerPart + (fractionPart.isEmpty ? "" : "." + fractionPart)
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always)
    func bigEndianInt16(at offset: Int) -> Int16 {
        Int16(bigEndian: loadUnaligned(fromByteOffset: offset, as: Int16.self))
    }

    @inline(__always)
    func bigEndianInt32(at offset: Int) -> Int32 {
        Int32(bigEndian: loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }

    @inline(__always)
    func bigEndianInt64(at offset: Int) -> Int64 {
        Int64(bigEndian: loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }
}
