/// Conversions between calendar dates/times (proleptic Gregorian, UTC) and the day and
/// microsecond counts that `date` and `timestamp` columns store.
public enum CivilTime {
    public static let microsecondsPerSecond: Int64 = 1_000_000
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 for a calendar date (month 1...12, day 1...31).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date of a day count.
    @inlinable
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// `2026-11-01`.
    public static func formatDate(days: Int) -> String {
        let (year, month, day) = civil(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `2026-11-01 10:04:05`, with `.123456` (trailing zeros trimmed) when there is a fraction;
    /// `separator` `"T"` and `zulu` give ISO 8601 (`2026-11-01T10:04:05Z`).
    public static func formatTimestamp(microseconds: Int64, separator: String = " ", zulu: Bool = false) -> String {
        var days = microseconds / microsecondsPerDay
        var rest = microseconds % microsecondsPerDay
        if rest < 0 {
            rest += microsecondsPerDay
            days -= 1
        }
        let seconds = rest / microsecondsPerSecond
        let fraction = rest % microsecondsPerSecond
        var text = formatDate(days: Int(days)) + separator
        text += pad(Int(seconds / 3600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":" + pad(Int(seconds % 60), 2)
        if fraction != 0 {
            var digits = pad(Int(fraction), 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return zulu ? text + "Z" : text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }
}

extension CivilTime {
    /// Appends `2026-11-01` to a byte buffer (writers' hot path: no String).
    @inlinable
    public static func appendDate(days: Int, into out: inout [UInt8]) {
        let (year, month, day) = civil(fromDays: days)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(abs(year), width: 4, into: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, into: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, into: &out)
    }

    /// Appends `2026-11-01T10:04:05Z` (ISO 8601 UTC, with `.ffffff` trimmed of trailing zeros
    /// when there is a fraction) to a byte buffer.
    @inlinable
    public static func appendISOTimestamp(microseconds: Int64, into out: inout [UInt8]) {
        var days = microseconds / microsecondsPerDay
        var rest = microseconds % microsecondsPerDay
        if rest < 0 {
            rest += microsecondsPerDay
            days -= 1
        }
        appendDate(days: Int(days), into: &out)
        out.append(UInt8(ascii: "T"))
        let seconds = Int(rest / microsecondsPerSecond)
        appendDigits(seconds / 3600, width: 2, into: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, width: 2, into: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, width: 2, into: &out)
        var fraction = Int(rest % microsecondsPerSecond)
        if fraction != 0 {
            var width = 6
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            out.append(UInt8(ascii: "."))
            appendDigits(fraction, width: width, into: &out)
        }
        out.append(UInt8(ascii: "Z"))
    }

    @inlinable
    static func appendDigits(_ value: Int, width: Int, into out: inout [UInt8]) {
        var divisor = 1
        var digits = 1
        while digits < width || divisor * 10 <= value {
            divisor *= 10
            digits += 1
        }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: 0x30 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
