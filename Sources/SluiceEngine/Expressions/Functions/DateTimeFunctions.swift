import Foundation
import SluiceCore

/// Date and time functions (UTC; weeks and days of the week are ISO: Monday is 1). Each takes
/// a date or a timestamp; `extract(field FROM x)` arrives as a call to the field's function.
enum DateTimeFunctions {
    /// Fields of a date or timestamp, returned as bigint.
    enum DateField: String, CaseIterable {
        case year, quarter, month, week, day, dayOfWeek, dayOfYear, hour, minute, second, millisecond, yearOfWeek

        var names: [String] {
            switch self {
            case .year, .quarter, .month, .hour, .minute, .second, .millisecond: [rawValue]
            case .week: ["week", "week_of_year"]
            case .day: ["day", "day_of_month"]
            case .dayOfWeek: ["day_of_week", "dow"]
            case .dayOfYear: ["day_of_year", "doy"]
            case .yearOfWeek: ["year_of_week", "yow"]
            }
        }

        @inline(__always)
        func extract(_ micros: Int64) -> Int64 {
            let (days, timeOfDay) = CalendarMath.split(micros)
            switch self {
            case .year: return Int64(CivilTime.civil(fromDays: Int(days)).year)
            case .quarter: return Int64((CivilTime.civil(fromDays: Int(days)).month - 1) / 3 + 1)
            case .month: return Int64(CivilTime.civil(fromDays: Int(days)).month)
            case .week: return CalendarMath.isoWeek(days).week
            case .yearOfWeek: return CalendarMath.isoWeek(days).year
            case .day: return Int64(CivilTime.civil(fromDays: Int(days)).day)
            case .dayOfWeek: return CalendarMath.dayOfWeek(days)
            case .dayOfYear: return CalendarMath.dayOfYear(days)
            case .hour: return timeOfDay / CalendarMath.microsPerHour
            case .minute: return timeOfDay / CalendarMath.microsPerMinute % 60
            case .second: return timeOfDay / CalendarMath.microsPerSecond % 60
            case .millisecond: return timeOfDay / 1000 % 1000
            }
        }
    }

    static var definitions: [FunctionDefinition] {
        DateField.allCases.map { field in
            FunctionDefinition(field.names, overloads: [.date, .timestamp].map { type in
                Overload([type], .int64) { (input) throws(SluiceError) -> Column in
                    let micros = try timestamps(input[0])
                    return Column.make(.int64, micros.map { field.extract($0) }, validity: nil)
                }
            })
        } + [
            FunctionDefinition(["date_trunc"], overloads: [.date, .timestamp].map { type in
                Overload([.string, type], type) { (input) throws(SluiceError) -> Column in
                    let micros = try timestamps(input[1])
                    var units = UnitCache(function: "date_trunc")
                    return try withBytesView(input[0]) { (unitView) throws(SluiceError) -> Column in
                        var result = [Int64](repeating: 0, count: input.count)
                        for row in 0..<input.count where input.isValid(row) {
                            result[row] = truncate(micros[row], try units.unit(unitView[row]))
                        }
                        return temporal(result, as: type)
                    }
                }
            }),
            FunctionDefinition(["date_add"], overloads: [.date, .timestamp].map { type in
                Overload([.string, .int64, type], type) { (input) throws(SluiceError) -> Column in
                    let amounts = try input[1].elements(Int64.self)
                    let micros = try timestamps(input[2])
                    var units = UnitCache(function: "date_add")
                    return try withBytesView(input[0]) { (unitView) throws(SluiceError) -> Column in
                        var result = [Int64](repeating: 0, count: input.count)
                        for row in 0..<input.count where input.isValid(row) {
                            let unit = try units.unit(unitView[row])
                            if type == .date, unit.fixedMicros.map({ $0 < CalendarMath.microsPerDay }) ?? false {
                                throw RowKernels.invalidArgument("date_add", "cannot add \(unit.rawValue)s to a date.",
                                                                 hint: "CAST the date to timestamp first.")
                            }
                            guard let moved = add(micros[row], unit, amounts[row]) else {
                                throw RowKernels.invalidArgument(
                                    "date_add", "adding \(amounts[row]) \(unit.rawValue)(s) leaves the supported range of dates.")
                            }
                            result[row] = moved
                        }
                        return temporal(result, as: type)
                    }
                }
            }),
            FunctionDefinition(["date_diff"], overloads: [.date, .timestamp].map { type in
                Overload([.string, type, type], .int64) { (input) throws(SluiceError) -> Column in
                    let start = try timestamps(input[1])
                    let end = try timestamps(input[2])
                    var units = UnitCache(function: "date_diff")
                    return try withBytesView(input[0]) { (unitView) throws(SluiceError) -> Column in
                        try RowKernels.int64s(input) { (row) throws(SluiceError) -> Int64 in
                            difference(start[row], end[row], try units.unit(unitView[row]))
                        }
                    }
                }
            }),
            FunctionDefinition(["last_day_of_month"], overloads: [.date, .timestamp].map { type in
                Overload([type], .date) { (input) throws(SluiceError) -> Column in
                    let micros = try timestamps(input[0])
                    return Column.make(.date, micros.map { Int32(truncatingIfNeeded: CalendarMath.lastDayOfMonth(CalendarMath.split($0).days)) }, validity: nil)
                }
            }),
            FunctionDefinition(["date"], overloads: [.string, .timestamp, .date].map { type in
                Overload([type], .date) { (input) throws(SluiceError) -> Column in
                    try CastKernels.cast(input[0], to: .date, isTry: false)
                }
            }),
            FunctionDefinition(["from_iso8601_timestamp"], overloads: [Overload([.string], .timestamp) { (input) throws(SluiceError) -> Column in
                try parseEach(input, "from_iso8601_timestamp", "an ISO 8601 timestamp") { TextParsing.parseTimestamp($0) }
            }]),
            FunctionDefinition(["from_iso8601_date"], overloads: [Overload([.string], .date) { (input) throws(SluiceError) -> Column in
                let micros = try parseEach(input, "from_iso8601_date", "an ISO 8601 date") { bytes in
                    TextParsing.parseDate(bytes).map { Int64($0) * CalendarMath.microsPerDay }
                }
                return temporal(try micros.elements(Int64.self), as: .date)
            }]),
            FunctionDefinition(["to_iso8601"], overloads: [.date, .timestamp].map { type in
                Overload([type], .string) { (input) throws(SluiceError) -> Column in
                    let micros = try timestamps(input[0])
                    var scratch: [UInt8] = []
                    return try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                        scratch.removeAll(keepingCapacity: true)
                        if type == .date {
                            CivilTime.appendDate(days: Int(CalendarMath.split(micros[row]).days), into: &scratch)
                        } else {
                            CivilTime.appendISOTimestamp(microseconds: micros[row], into: &scratch)
                        }
                        builder.append(byteArray: scratch)
                    }
                }
            }),
            FunctionDefinition(["from_unixtime"], overloads: [Overload([.float64], .timestamp) { (input) throws(SluiceError) -> Column in
                let seconds = try input[0].elements(Double.self)
                return try RowKernels.int64s(input) { (row) throws(SluiceError) -> Int64 in
                    let micros = (seconds[row] * 1_000_000).rounded(.toNearestOrAwayFromZero)
                    guard micros.isFinite, abs(micros) < 9.2e18 else {
                        throw RowKernels.invalidArgument("from_unixtime", "\(seconds[row]) seconds is outside the supported range.")
                    }
                    return Int64(micros)
                }
            }]),
            FunctionDefinition(["to_unixtime"], overloads: [Overload([.timestamp], .float64) { (input) throws(SluiceError) -> Column in
                Column.make(.float64, try input[0].elements(Int64.self).map { Double($0) / 1_000_000 }, validity: nil)
            }]),
            FunctionDefinition(["current_date"], overloads: [Overload([], .date, isDeterministic: false) { (input) throws(SluiceError) -> Column in
                let days = Int32(truncatingIfNeeded: CalendarMath.split(now()).days)
                return Column.make(.date, [Int32](repeating: days, count: input.count), validity: nil)
            }]),
            FunctionDefinition(["current_timestamp", "now", "localtimestamp"], overloads: [
                Overload([], .timestamp, isDeterministic: false) { (input) throws(SluiceError) -> Column in
                    Column.make(.timestamp, [Int64](repeating: now(), count: input.count), validity: nil)
                },
            ]),
            FunctionDefinition(["date_format"], overloads: [Overload([.timestamp, .string], .string) { (input) throws(SluiceError) -> Column in
                try DateFormat.formatColumn(input)
            }]),
            FunctionDefinition(["date_parse"], overloads: [Overload([.string, .string], .timestamp) { (input) throws(SluiceError) -> Column in
                try DateFormat.parseColumn(input)
            }]),
        ]
    }

    /// The current time in microseconds since the epoch.
    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }

    /// A date or timestamp column as microseconds (a date is its midnight).
    static func timestamps(_ column: Column) throws(SluiceError) -> [Int64] {
        if column.type == .date { return try column.elements(Int32.self).map { Int64($0) * CalendarMath.microsPerDay } }
        return try column.elements(Int64.self)
    }

    /// Microseconds back to `type` (a date takes the day).
    static func temporal(_ micros: [Int64], as type: DataType) -> Column {
        if type == .date {
            return Column.make(.date, micros.map { Int32(truncatingIfNeeded: CalendarMath.split($0).days) }, validity: nil)
        }
        return Column.make(.timestamp, micros, validity: nil)
    }

    /// Parses each present row; text that does not parse is an error naming it.
    static func parseEach(
        _ input: KernelInput, _ function: String, _ what: String, _ parse: (UnsafeBufferPointer<UInt8>) -> Int64?
    ) throws(SluiceError) -> Column {
        try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
            try RowKernels.int64s(input) { (row) throws(SluiceError) -> Int64 in
                guard let value = parse(view[row]) else {
                    throw RowKernels.invalidArgument(function, "'\(view.string(row))' is not \(what).")
                }
                return value
            }
        }
    }

    static func truncate(_ micros: Int64, _ unit: TimeUnit) -> Int64 {
        let (days, _) = CalendarMath.split(micros)
        switch unit {
        case .week:
            return (days - CalendarMath.dayOfWeek(days) + 1) * CalendarMath.microsPerDay
        case .month, .quarter, .year:
            let (year, month, _) = CivilTime.civil(fromDays: Int(days))
            let firstMonth = unit == .month ? month : (unit == .quarter ? (month - 1) / 3 * 3 + 1 : 1)
            return Int64(CivilTime.days(year: year, month: firstMonth, day: 1)) * CalendarMath.microsPerDay
        default:
            let size = unit.fixedMicros ?? 1
            return CalendarMath.floorDivide(micros, size) * size
        }
    }

    static func add(_ micros: Int64, _ unit: TimeUnit, _ amount: Int64) -> Int64? {
        if let months = unit.months {
            let (days, timeOfDay) = CalendarMath.split(micros)
            let (total, overflow) = amount.multipliedReportingOverflow(by: months)
            guard !overflow, let moved = CalendarMath.addMonths(days, total) else { return nil }
            let (scaled, overflow2) = moved.multipliedReportingOverflow(by: CalendarMath.microsPerDay)
            return overflow2 ? nil : scaled + timeOfDay
        }
        let (delta, overflow) = amount.multipliedReportingOverflow(by: unit.fixedMicros ?? 1)
        let (sum, overflow2) = micros.addingReportingOverflow(delta)
        return overflow || overflow2 ? nil : sum
    }

    /// Whole units from `start` to `end` (negative when `end` is earlier), as Trino counts them:
    /// a month passes when the same day-of-month and time is reached (clamped to shorter months).
    static func difference(_ start: Int64, _ end: Int64, _ unit: TimeUnit) -> Int64 {
        if let size = unit.fixedMicros {
            let (delta, overflow) = end.subtractingReportingOverflow(start)
            if overflow { return (end / size) - (start / size) }
            return delta / size
        }
        let (startDays, _) = CalendarMath.split(start)
        let (endDays, _) = CalendarMath.split(end)
        let (y1, m1, _) = CivilTime.civil(fromDays: Int(startDays))
        let (y2, m2, _) = CivilTime.civil(fromDays: Int(endDays))
        var months = Int64((y2 - y1) * 12 + (m2 - m1))
        if months > 0, let moved = add(start, .month, months), moved > end { months -= 1 }
        if months < 0, let moved = add(start, .month, months), moved < end { months += 1 }
        return months / (unit.months ?? 1)
    }
}

/// Remembers the last unit text so a literal unit is parsed once per batch.
struct UnitCache {
    let function: String
    private var lastText: [UInt8] = []
    private var lastUnit: TimeUnit?

    init(function: String) { self.function = function }

    mutating func unit(_ bytes: UnsafeBufferPointer<UInt8>) throws(SluiceError) -> TimeUnit {
        if let lastUnit, lastText.withUnsafeBufferPointer({ UTF8Bytes.equal($0, bytes) }) { return lastUnit }
        let unit = try TimeUnit.parse(bytes, function: function)
        lastText = Array(bytes)
        lastUnit = unit
        return unit
    }
}
