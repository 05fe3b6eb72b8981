/// Sizes in bytes as people write and read them: `512MB`, `2GB`, `1.5GiB`, `1048576`.
///
/// Units follow the SI and IEC conventions DuckDB and Trino use: `KB`, `MB`, `GB`, `TB` are
/// powers of 1000, `KiB`, `MiB`, `GiB`, `TiB` powers of 1024; `B` or no unit means bytes.
/// Units are case-insensitive and may follow the number after a space.
public enum ByteSize {
    /// Multipliers by lower-cased unit.
    private static let units: [String: Double] = [
        "": 1, "b": 1, "byte": 1, "bytes": 1,
        "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
        "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
    ]

    /// The number of bytes `text` names, or nil when it is not a size (no number, an unknown
    /// unit, a negative or non-finite number, or more bytes than an `Int` holds).
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces
        let numberEnd = trimmed.firstIndex { !($0.isNumber || $0 == ".") } ?? trimmed.endIndex
        let number = String(trimmed[..<numberEnd])
        let unit = String(trimmed[numberEnd...]).trimmingSpaces.lowercased()
        guard !number.isEmpty, let value = Double(number), value.isFinite, value >= 0,
              let multiplier = units[unit] else { return nil }
        let bytes = (value * multiplier).rounded(.down)
        guard bytes < Double(Int.max) else { return nil }
        return Int(bytes)
    }

    /// `1.5 GB`, `312 MB`, `4.0 KB`, `17 B`: one decimal, SI units.
    public static func text(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes)
        var unit = 0
        while value.magnitude >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        guard unit > 0 else { return "\(bytes) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10)) \(units[unit])"
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
