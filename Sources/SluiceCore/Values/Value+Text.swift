extension Value {
    /// The value as people read it in a table: text unquoted, dates and timestamps in ISO
    /// form, nested values in a compact JSON-like form, null as `NULL`.
    public var displayText: String {
        switch self {
        case .string(let text): text
        default: nestedText
        }
    }

    /// Like ``displayText`` but strings inside nested values are quoted.
    var nestedText: String {
        switch self {
        case .null: "NULL"
        case .boolean(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Value.format(double: value)
        case .decimal(let unscaled, let scale): Value.format(decimal: unscaled, scale: scale)
        case .string(let text): "\"" + text + "\""
        case .binary(let bytes): "0x" + bytes.map { Value.hexDigits($0) }.joined()
        case .date(let days): CivilTime.formatDate(days: Int(days))
        case .timestamp(let micros): CivilTime.formatTimestamp(microseconds: micros)
        case .list(let values): "[" + values.map(\.nestedText).joined(separator: ", ") + "]"
        case .structure(let fields):
            "{" + fields.map { "\($0.name): \($0.value.nestedText)" }.joined(separator: ", ") + "}"
        case .map(let entries):
            "{" + entries.map { "\($0.key.nestedText): \($0.value.nestedText)" }.joined(separator: ", ") + "}"
        }
    }

    /// Shortest text that reads back to the same double; integral values keep a `.0`.
    public static func format(double value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return value.description
    }

    /// `12345` at scale 2 → `123.45`.
    public static func format(decimal unscaled: Int128, scale: Int) -> String {
        var text: [UInt8] = []
        appendDecimal(unscaled, scale: scale, into: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends an integer's decimal digits to a byte buffer (writers' hot path: no String).
    @inlinable
    public static func appendInteger(_ value: Int64, into out: inout [UInt8]) {
        if value >= 0 && value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // 20 digits hold any 64-bit magnitude.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var index = 20
            repeat {
                index -= 1
                scratch[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[index..<20]))
        }
    }

    /// Appends a decimal's text (as ``format(decimal:scale:)`` writes it) to a byte buffer:
    /// writers use it per value, so it makes no `String`.
    public static func appendDecimal(_ unscaled: Int128, scale: Int, into out: inout [UInt8]) {
        if unscaled < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = unscaled.magnitude
        // 39 digits hold any 128-bit value; scale is at most 38, so 40 covers the padding too.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 41) { digits in
            var count = 0
            repeat {
                digits[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            while scale > 0 && count <= scale && count < digits.count {
                digits[count] = 0x30
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                if index == scale - 1 { out.append(UInt8(ascii: ".")) }
                out.append(digits[index])
            }
        }
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let table = Array("0123456789abcdef")
        return String([table[Int(byte >> 4)], table[Int(byte & 15)]])
    }
}
