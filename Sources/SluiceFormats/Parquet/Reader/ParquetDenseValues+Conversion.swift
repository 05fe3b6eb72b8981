import SluiceCore

/// Stored Parquet values turned into Sluice values as they are appended: integer widths,
/// unsigned widening, timestamp units, INT96, decimals from every backing, UUID and TIME text.
extension ParquetDenseValues {
    mutating func appendInt32s(_ values: UnsafeBufferPointer<Int32>, _ conversion: ParquetValueConversion) {
        switch (conversion, kind) {
        case (.int32(signed: true), .int32), (.date, .int32):
            int32s.append(contentsOf: values)
        case (.int32(signed: true), .int16):
            int16s.reserveForAppending(values.count)
            for value in values { int16s.append(Int16(truncatingIfNeeded: value)) }
        case (.int32(signed: true), .int8):
            int8s.reserveForAppending(values.count)
            for value in values { int8s.append(Int8(truncatingIfNeeded: value)) }
        case (.int32(signed: false), .int16):
            for value in values { int16s.append(Int16(truncatingIfNeeded: UInt32(bitPattern: value))) }
        case (.int32(signed: false), .int32):
            for value in values { int32s.append(Int32(truncatingIfNeeded: UInt32(bitPattern: value))) }
        case (.int32(signed: true), .int64):
            for value in values { int64s.append(Int64(value)) }
        case (.int32(signed: false), .int64):
            for value in values { int64s.append(Int64(UInt32(bitPattern: value))) }
        case (.decimal, .decimal):
            for value in values { decimals.append(Int128(value)) }
        case (.time(let unit), .bytes):
            for value in values { appendTime(Int64(value), unit) }
        default:
            preconditionFailure("INT32 values with conversion \(conversion) into \(type)")
        }
    }

    mutating func appendInt64s(_ values: UnsafeBufferPointer<Int64>, _ conversion: ParquetValueConversion) {
        switch (conversion, kind) {
        case (.int64(signed: true), .int64), (.timestamp(.micros), .int64):
            int64s.append(contentsOf: values)
        case (.int64(signed: false), .decimal):
            for value in values { decimals.append(Int128(UInt64(bitPattern: value))) }
        case (.timestamp(.millis), .int64):
            for value in values { int64s.append(value &* 1000) }
        case (.timestamp(.nanos), .int64):
            // Floor division: -1 ns is the microsecond before the epoch, not the epoch.
            for value in values { int64s.append(Self.floorMicros(nanos: value)) }
        case (.decimal, .decimal):
            for value in values { decimals.append(Int128(value)) }
        case (.time(let unit), .bytes):
            for value in values { appendTime(value, unit) }
        default:
            preconditionFailure("INT64 values with conversion \(conversion) into \(type)")
        }
    }

    /// Appends fixed-width values laid end to end in `data` (FIXED_LEN_BYTE_ARRAY and INT96).
    mutating func appendFixed(_ data: UnsafeRawBufferPointer, width: Int, _ conversion: ParquetValueConversion) {
        let count = width == 0 ? 0 : data.count / width
        switch conversion {
        case .int96Timestamp:
            for index in 0..<count {
                let base = index * 12
                let nanosOfDay = data.loadUnaligned(fromByteOffset: base, as: Int64.self)
                let julianDay = Int64(data.loadUnaligned(fromByteOffset: base + 8, as: Int32.self))
                let days = julianDay - 2_440_588
                int64s.append(days &* 86_400_000_000 &+ Self.floorMicros(nanos: nanosOfDay))
            }
        case .decimal:
            for index in 0..<count {
                decimals.append(Self.bigEndianInteger(UnsafeRawBufferPointer(rebasing: data[index * width..<(index + 1) * width])))
            }
        case .float16:
            for index in 0..<count {
                let bits = data.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)
                float32s.append(Float(Float16Bits.decode(bits)))
            }
        case .uuid:
            for index in 0..<count { appendUUID(UnsafeRawBufferPointer(rebasing: data[index * 16..<(index + 1) * 16])) }
        default:
            bytes.reserveForAppending(data.count)
            offsets.reserveForAppending(count)
            for index in 0..<count {
                appendBytes(UnsafeRawBufferPointer(rebasing: data[index * width..<(index + 1) * width]))
            }
        }
    }

    /// Nanoseconds to microseconds, rounding down (-1 ns is the microsecond before the epoch).
    /// `(n + 1) / 1000 - 1` for negative `n` cannot overflow, even at `Int64.min` (a damaged
    /// file's value).
    @inline(__always)
    static func floorMicros(nanos: Int64) -> Int64 {
        nanos >= 0 ? nanos / 1000 : (nanos + 1) / 1000 - 1
    }

    /// Appends one BYTE_ARRAY value.
    @inline(__always)
    mutating func appendByteArray(_ value: UnsafeRawBufferPointer, _ conversion: ParquetValueConversion) {
        if conversion == .decimal {
            decimals.append(Self.bigEndianInteger(value))
        } else {
            appendBytes(value)
        }
    }

    /// A big-endian two's complement integer of up to 16 bytes (longer values keep their low
    /// 16 bytes; precision above 38 is refused when the schema is read).
    static func bigEndianInteger(_ bytes: UnsafeRawBufferPointer) -> Int128 {
        guard let first = bytes.first else { return 0 }
        var value: Int128 = first & 0x80 != 0 ? -1 : 0
        for byte in bytes { value = (value << 8) | Int128(byte) }
        return value
    }

    private mutating func appendUUID(_ value: UnsafeRawBufferPointer) {
        let digits = Array("0123456789abcdef".utf8)
        for (index, byte) in value.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 15)])
        }
        offsets.append(Int32(truncatingIfNeeded: bytes.count))
    }

    /// A time of day as `HH:MM:SS` with the fraction the unit carries.
    private mutating func appendTime(_ value: Int64, _ unit: ParquetTimeUnit) {
        let (perSecond, digits): (Int64, Int) = switch unit {
        case .millis: (1000, 3)
        case .micros: (1_000_000, 6)
        case .nanos: (1_000_000_000, 9)
        }
        let seconds = value / perSecond
        let fraction = value % perSecond
        var text = Self.twoDigits(seconds / 3600) + ":" + Self.twoDigits(seconds / 60 % 60) + ":" + Self.twoDigits(seconds % 60)
        if fraction != 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: max(0, digits - fractionText.count)) + fractionText
        }
        text.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 && value >= 0 ? "0\(value)" : "\(value)"
    }
}

/// IEEE 754 half-precision bits to a `Float` (Linux Swift has `Float16` only on some
/// architectures, so this decodes by hand).
enum Float16Bits {
    static func decode(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * Float(sign: .plus, exponent: -24, significand: 1)
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
