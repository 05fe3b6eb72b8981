import SluiceCore

/// MySQL-style format strings of `date_format` and `date_parse`, as Trino reads them:
/// `%Y` year, `%y` two-digit year, `%m`/`%c` month (padded/not), `%M`/`%b` month name/abbreviation,
/// `%d`/`%e` day, `%H`/`%k` hour 0–23, `%h`/`%I`/`%l` hour 1–12, `%i` minutes, `%s`/`%S` seconds,
/// `%f` microseconds, `%p` AM/PM, `%T` `%H:%i:%s`, `%r` `%h:%i:%s %p`, `%j` day of year,
/// `%W`/`%a` weekday name/abbreviation, `%D` day with suffix, `%v` ISO week, `%x` ISO week year,
/// `%%` a percent sign. Other characters stand for themselves.
enum DateFormat {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func formatColumn(_ input: KernelInput) throws(SluiceError) -> Column {
        let micros = try input[0].elements(Int64.self)
        return try withBytesView(input[1]) { (formats) throws(SluiceError) -> Column in
            var output: [UInt8] = []
            return try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                output.removeAll(keepingCapacity: true)
                format(micros[row], formats[row], into: &output)
                builder.append(byteArray: output)
            }
        }
    }

    static func format(_ micros: Int64, _ pattern: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let (days, timeOfDay) = CalendarMath.split(micros)
        let (year, month, day) = CivilTime.civil(fromDays: Int(days))
        let hour = Int(timeOfDay / CalendarMath.microsPerHour)
        let minute = Int(timeOfDay / CalendarMath.microsPerMinute % 60)
        let second = Int(timeOfDay / CalendarMath.microsPerSecond % 60)
        let fraction = Int(timeOfDay % CalendarMath.microsPerSecond)
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        func number(_ value: Int, _ width: Int) {
            if value < 0 { out.append(UInt8(ascii: "-")) }
            let digits = Array(String(abs(value)).utf8)
            if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
            out.append(contentsOf: digits)
        }
        func text(_ value: String) { out.append(contentsOf: value.utf8) }
        var index = 0
        while index < pattern.count {
            let byte = pattern[index]
            guard byte == UInt8(ascii: "%"), index + 1 < pattern.count else {
                out.append(byte)
                index += 1
                continue
            }
            let specifier = pattern[index + 1]
            index += 2
            switch specifier {
            case UInt8(ascii: "Y"): number(year, 4)
            case UInt8(ascii: "y"): number(((year % 100) + 100) % 100, 2)
            case UInt8(ascii: "m"): number(month, 2)
            case UInt8(ascii: "c"): number(month, 1)
            case UInt8(ascii: "M"): text(monthNames[month - 1])
            case UInt8(ascii: "b"): text(String(monthNames[month - 1].prefix(3)))
            case UInt8(ascii: "d"): number(day, 2)
            case UInt8(ascii: "e"): number(day, 1)
            case UInt8(ascii: "D"):
                number(day, 1)
                let suffix = (day / 10 == 1) ? "th" : (day % 10 == 1 ? "st" : (day % 10 == 2 ? "nd" : (day % 10 == 3 ? "rd" : "th")))
                text(suffix)
            case UInt8(ascii: "H"): number(hour, 2)
            case UInt8(ascii: "k"): number(hour, 1)
            case UInt8(ascii: "h"), UInt8(ascii: "I"): number(hour12, 2)
            case UInt8(ascii: "l"): number(hour12, 1)
            case UInt8(ascii: "i"): number(minute, 2)
            case UInt8(ascii: "s"), UInt8(ascii: "S"): number(second, 2)
            case UInt8(ascii: "f"): number(fraction, 6)
            case UInt8(ascii: "p"): text(hour < 12 ? "AM" : "PM")
            case UInt8(ascii: "T"):
                number(hour, 2); text(":"); number(minute, 2); text(":"); number(second, 2)
            case UInt8(ascii: "r"):
                number(hour12, 2); text(":"); number(minute, 2); text(":"); number(second, 2); text(hour < 12 ? " AM" : " PM")
            case UInt8(ascii: "j"): number(Int(CalendarMath.dayOfYear(days)), 3)
            case UInt8(ascii: "W"): text(dayNames[Int(CalendarMath.dayOfWeek(days)) - 1])
            case UInt8(ascii: "a"): text(String(dayNames[Int(CalendarMath.dayOfWeek(days)) - 1].prefix(3)))
            case UInt8(ascii: "v"): number(Int(CalendarMath.isoWeek(days).week), 2)
            case UInt8(ascii: "x"): number(Int(CalendarMath.isoWeek(days).year), 4)
            default: out.append(specifier)
            }
        }
    }

    static func parseColumn(_ input: KernelInput) throws(SluiceError) -> Column {
        try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[1]) { (formats) throws(SluiceError) -> Column in
                try RowKernels.int64s(input) { (row) throws(SluiceError) -> Int64 in
                    guard let micros = parse(texts[row], formats[row]) else {
                        throw RowKernels.invalidArgument(
                            "date_parse", "'\(texts.string(row))' does not match the format '\(formats.string(row))'.",
                            hint: "Formats use MySQL specifiers, e.g. '%Y-%m-%d %H:%i:%s'.")
                    }
                    return micros
                }
            }
        }
    }

    /// Microseconds for `text` read with `pattern`, or nil when it does not match.
    static func parse(_ text: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Int64? {
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0
        var isPM: Bool?
        var dayOfYear: Int?
        var position = 0
        func digits(_ maximum: Int, minimum: Int = 1) -> Int? {
            var value = 0
            var count = 0
            var negative = false
            if maximum >= 4, position < text.count, text[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            while count < maximum, position < text.count, text[position] &- 0x30 < 10 {
                value = value * 10 + Int(text[position] &- 0x30)
                position += 1
                count += 1
            }
            return count >= minimum ? (negative ? -value : value) : nil
        }
        func name(_ names: [String], abbreviated: Bool) -> Int? {
            for (index, full) in names.enumerated() {
                let candidate = Array((abbreviated ? String(full.prefix(3)) : full).lowercased().utf8)
                guard position + candidate.count <= text.count else { continue }
                if zip(candidate, text[position..<(position + candidate.count)]).allSatisfy({ $0 == $1 | 0x20 }) {
                    position += candidate.count
                    return index
                }
            }
            return nil
        }
        var index = 0
        while index < pattern.count {
            let byte = pattern[index]
            guard byte == UInt8(ascii: "%"), index + 1 < pattern.count else {
                guard position < text.count, text[position] == byte else { return nil }
                position += 1
                index += 1
                continue
            }
            let specifier = pattern[index + 1]
            index += 2
            switch specifier {
            case UInt8(ascii: "Y"): guard let value = digits(4) else { return nil }; year = value
            case UInt8(ascii: "y"): guard let value = digits(2, minimum: 2) else { return nil }; year = value < 70 ? 2000 + value : 1900 + value
            case UInt8(ascii: "m"), UInt8(ascii: "c"): guard let value = digits(2) else { return nil }; month = value
            case UInt8(ascii: "M"): guard let value = name(monthNames, abbreviated: false) else { return nil }; month = value + 1
            case UInt8(ascii: "b"): guard let value = name(monthNames, abbreviated: true) else { return nil }; month = value + 1
            case UInt8(ascii: "d"), UInt8(ascii: "e"): guard let value = digits(2) else { return nil }; day = value
            case UInt8(ascii: "H"), UInt8(ascii: "k"): guard let value = digits(2) else { return nil }; hour = value
            case UInt8(ascii: "h"), UInt8(ascii: "I"), UInt8(ascii: "l"): guard let value = digits(2) else { return nil }; hour = value
            case UInt8(ascii: "i"): guard let value = digits(2) else { return nil }; minute = value
            case UInt8(ascii: "s"), UInt8(ascii: "S"): guard let value = digits(2) else { return nil }; second = value
            case UInt8(ascii: "f"):
                let start = position
                guard let value = digits(9) else { return nil }
                var scaled = value
                var count = position - start
                while count < 6 { scaled *= 10; count += 1 }
                while count > 6 { scaled /= 10; count -= 1 }
                micros = scaled
            case UInt8(ascii: "p"):
                guard position + 2 <= text.count else { return nil }
                let first = text[position] | 0x20
                guard text[position + 1] | 0x20 == UInt8(ascii: "m"), first == UInt8(ascii: "a") || first == UInt8(ascii: "p") else { return nil }
                isPM = first == UInt8(ascii: "p")
                position += 2
            case UInt8(ascii: "T"):
                guard let h = digits(2), position < text.count, text[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let m = digits(2), position < text.count, text[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let s = digits(2) else { return nil }
                (hour, minute, second) = (h, m, s)
            case UInt8(ascii: "j"): guard let value = digits(3) else { return nil }; dayOfYear = value
            case UInt8(ascii: "W"): guard name(dayNames, abbreviated: false) != nil else { return nil }
            case UInt8(ascii: "a"): guard name(dayNames, abbreviated: true) != nil else { return nil }
            case UInt8(ascii: "%"):
                guard position < text.count, text[position] == UInt8(ascii: "%") else { return nil }
                position += 1
            default:
                guard position < text.count, text[position] == specifier else { return nil }
                position += 1
            }
        }
        guard position == text.count else { return nil }
        if let isPM {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (isPM ? 12 : 0)
        }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        let days: Int
        if let dayOfYear {
            guard dayOfYear >= 1, dayOfYear <= (CalendarMath.isLeapYear(year) ? 366 : 365) else { return nil }
            days = CivilTime.days(year: year, month: 1, day: 1) + dayOfYear - 1
        } else {
            guard CivilTime.isValidDate(year: year, month: month, day: day) else { return nil }
            days = CivilTime.days(year: year, month: month, day: day)
        }
        return Int64(days) * CalendarMath.microsPerDay + Int64(hour) * CalendarMath.microsPerHour
            + Int64(minute) * CalendarMath.microsPerMinute + Int64(second) * CalendarMath.microsPerSecond + Int64(micros)
    }
}
