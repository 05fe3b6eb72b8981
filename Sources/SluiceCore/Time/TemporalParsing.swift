/// Fast parsers for dates and timestamps in text, over raw UTF-8 bytes (no allocation).
///
/// Accepted forms:
/// - date: `YYYY-MM-DD`
/// - timestamp: `YYYY-MM-DD[T| ]HH:MM[:SS[.f{1,9}]]` optionally followed by `Z`, `+HH:MM`,
///   `-HH:MM`, `+HHMM` or `+HH` (converted to UTC; without a zone the time is taken as UTC).
///   Digits beyond microseconds are truncated; more than 9 digits, or a zone offset past
///   23:59, is not a timestamp.
public enum TemporalParsing {
    /// Days since epoch, or nil when `bytes` is not exactly a valid `YYYY-MM-DD` date.
    @inlinable
    public static func parseDate(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count == 10 else { return nil }
        return parseDatePrefix(bytes)
    }

    @inlinable @inline(__always)
    static func parseDatePrefix(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2),
            CivilTime.isValidDate(year: year, month: month, day: day)
        else { return nil }
        return Int32(CivilTime.days(year: year, month: month, day: day))
    }

    /// Microseconds since epoch (UTC), or nil when `bytes` is not a timestamp in the forms above.
    /// A date alone is not a timestamp here.
    @inlinable
    public static func parseTimestamp(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let n = bytes.count
        guard n >= 16, let days = parseDatePrefix(bytes) else { return nil }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "t"),
            let hour = digits(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"), let minute = digits(bytes, 14, 2),
            hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var micros = 0
        if index < n, bytes[index] == UInt8(ascii: ":") {
            guard let parsed = digits(bytes, 17, 2), parsed < 61 else { return nil }
            second = parsed
            index = 19
            if index < n, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var fractionDigits = 0
                while index < n, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    if fractionDigits < 6 { micros = micros * 10 + Int(bytes[index] &- 0x30) }
                    fractionDigits += 1
                    index += 1
                }
                guard fractionDigits > 0, fractionDigits <= 9 else { return nil }
                for _ in min(fractionDigits, 6)..<6 { micros *= 10 }
            }
        }
        var offsetSeconds = 0
        if index < n {
            let zone = bytes[index]
            if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
                index += 1
            } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
                guard let zoneHours = digits(bytes, index + 1, 2) else { return nil }
                var zoneMinutes = 0
                index += 3
                if index < n, bytes[index] == UInt8(ascii: ":") {
                    guard let parsed = digits(bytes, index + 1, 2) else { return nil }
                    zoneMinutes = parsed
                    index += 3
                } else if index + 2 <= n, let parsed = digits(bytes, index, 2) {
                    zoneMinutes = parsed
                    index += 2
                }
                guard zoneHours < 24, zoneMinutes < 60 else { return nil }
                offsetSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (zone == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard index == n else { return nil }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return seconds * CivilTime.microsecondsPerSecond + Int64(micros)
    }

    @inlinable @inline(__always)
    static func digits(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// String conveniences for tests and edges.
    public static func parseDate(_ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { parseDate(UnsafeRawBufferPointer($0)) }
    }

    public static func parseTimestamp(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseTimestamp(UnsafeRawBufferPointer($0)) }
    }
}
