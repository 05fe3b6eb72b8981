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
        guard scale > 0 else { return String(unscaled) }
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let table = Array("0123456789abcdef")
        return String([table[Int(byte >> 4)], table[Int(byte & 15)]])
    }
}
