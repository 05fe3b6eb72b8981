import SluiceCore

/// Calendar arithmetic on day counts and microsecond timestamps (proleptic Gregorian, UTC),
/// on top of ``CivilTime``: field extraction, ISO weeks, truncation and month arithmetic.
enum CalendarMath {
    static let microsPerDay = CivilTime.microsecondsPerDay
    static let microsPerHour: Int64 = 3_600_000_000
    static let microsPerMinute: Int64 = 60_000_000
    static let microsPerSecond: Int64 = 1_000_000

    /// Day count and microseconds within the day (always 0 ..< one day, also before 1970).
    @inline(__always)
    static func split(_ micros: Int64) -> (days: Int64, timeOfDay: Int64) {
        let days = CastKernels.floorDivide(micros, microsPerDay)
        return (days, micros - days * microsPerDay)
    }

    /// ISO day of the week: Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
    @inline(__always)
    static func dayOfWeek(_ days: Int64) -> Int64 {
        let shifted = (days + 3) % 7
        return (shifted < 0 ? shifted + 7 : shifted) + 1
    }

    static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    @inline(__always)
    static func dayOfYear(_ days: Int64) -> Int64 {
        let (year, _, _) = CivilTime.civil(fromDays: Int(days))
        return days - Int64(CivilTime.days(year: year, month: 1, day: 1)) + 1
    }

    /// ISO 8601 week number (1…53) and its week-based year.
    static func isoWeek(_ days: Int64) -> (week: Int64, year: Int64) {
        let thursday = days - dayOfWeek(days) + 4
        let (year, _, _) = CivilTime.civil(fromDays: Int(thursday))
        let firstOfYear = Int64(CivilTime.days(year: year, month: 1, day: 1))
        return ((thursday - firstOfYear) / 7 + 1, Int64(year))
    }

    /// `days` moved by `months` calendar months, the day clamped to the target month's length.
    static func addMonths(_ days: Int64, _ months: Int64) -> Int64? {
        let (year, month, day) = CivilTime.civil(fromDays: Int(days))
        let (total, overflow) = (Int64(year) * 12 + Int64(month - 1)).addingReportingOverflow(months)
        guard !overflow, abs(total) < 12 * 5_000_000 else { return nil }
        let newYear = Int(floorDivide(total, 12))
        let newMonth = Int(total - Int64(newYear) * 12) + 1
        let newDay = min(day, daysInMonth(year: newYear, month: newMonth))
        return Int64(CivilTime.days(year: newYear, month: newMonth, day: newDay))
    }

    @inline(__always)
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 { CastKernels.floorDivide(value, divisor) }

    static func lastDayOfMonth(_ days: Int64) -> Int64 {
        let (year, month, _) = CivilTime.civil(fromDays: Int(days))
        return Int64(CivilTime.days(year: year, month: month, day: daysInMonth(year: year, month: month)))
    }
}

/// The units of `date_trunc`, `date_add` and `date_diff`.
enum TimeUnit: String, CaseIterable {
    case millisecond, second, minute, hour, day, week, month, quarter, year

    /// Parses a unit name (any case, surrounding spaces ignored, plural `s` accepted).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, function: String) throws(SluiceError) -> TimeUnit {
        var text = String(decoding: TextParsing.trimmed(bytes), as: UTF8.self).lowercased()
        if let unit = TimeUnit(rawValue: text) { return unit }
        if text.hasSuffix("s") { text.removeLast() }
        if let unit = TimeUnit(rawValue: text) { return unit }
        throw RowKernels.invalidArgument(
            function, "'\(String(decoding: bytes, as: UTF8.self))' is not a unit.",
            hint: "Units: " + TimeUnit.allCases.map(\.rawValue).joined(separator: ", ") + ".")
    }

    /// Microseconds in one unit, for the fixed-length units.
    var fixedMicros: Int64? {
        switch self {
        case .millisecond: 1000
        case .second: CalendarMath.microsPerSecond
        case .minute: CalendarMath.microsPerMinute
        case .hour: CalendarMath.microsPerHour
        case .day: CalendarMath.microsPerDay
        case .week: 7 * CalendarMath.microsPerDay
        case .month, .quarter, .year: nil
        }
    }

    /// Months in one unit, for the calendar units.
    var months: Int64? {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        default: nil
        }
    }
}
