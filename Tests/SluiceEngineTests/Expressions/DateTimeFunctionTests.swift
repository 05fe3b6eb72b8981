import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct DateTimeFunctionTests {
    typealias T = ExpressionTesting

    static func date(_ year: Int, _ month: Int, _ day: Int) -> Value {
        .date(Int32(CivilTime.days(year: year, month: month, day: day)))
    }

    static func timestamp(_ text: String) -> Value {
        .timestamp(TemporalParsing.parseTimestamp(text) ?? 0)
    }

    func call(_ name: String, _ arguments: Value...) throws -> Value {
        try T.constant(try T.call(name, arguments.map { value -> BoundExpression in
            switch value {
            case .date: T.literal(value, .date)
            case .timestamp: T.literal(value, .timestamp)
            case .int: T.literal(value, .int64)
            case .double: T.literal(value, .float64)
            default: T.literal(value, .string)
            }
        }))
    }

    @Test func fieldsOfATimestampBefore1970() throws {
        let justBefore = Value.timestamp(-1)
        #expect(try call("year", justBefore) == .int(1969))
        #expect(try call("month", justBefore) == .int(12))
        #expect(try call("day", justBefore) == .int(31))
        #expect(try call("hour", justBefore) == .int(23))
        #expect(try call("minute", justBefore) == .int(59))
        #expect(try call("second", justBefore) == .int(59))
        #expect(try call("millisecond", justBefore) == .int(999))
        #expect(try call("day_of_year", justBefore) == .int(365))
        #expect(try call("quarter", justBefore) == .int(4))
    }

    @Test func isoWeeksAndDaysOfTheWeek() throws {
        #expect(try call("day_of_week", Self.date(1970, 1, 1)) == .int(4))
        #expect(try call("dow", Self.date(2024, 1, 1)) == .int(1))
        #expect(try call("dow", Self.date(2024, 1, 7)) == .int(7))
        #expect(try call("dow", Self.date(1969, 12, 28)) == .int(7))
        #expect(try call("week", Self.date(2021, 1, 1)) == .int(53))
        #expect(try call("year_of_week", Self.date(2021, 1, 1)) == .int(2020))
        #expect(try call("week", Self.date(2024, 12, 30)) == .int(1))
        #expect(try call("doy", Self.date(2024, 12, 31)) == .int(366))
    }

    @Test func truncation() throws {
        #expect(try call("date_trunc", .string("month"), Self.timestamp("2024-02-29 10:11:12")) == Self.timestamp("2024-02-01 00:00"))
        #expect(try call("date_trunc", .string("quarter"), Self.date(2024, 8, 15)) == Self.date(2024, 7, 1))
        #expect(try call("date_trunc", .string("year"), Self.date(2024, 8, 15)) == Self.date(2024, 1, 1))
        #expect(try call("date_trunc", .string("week"), Self.date(2024, 1, 7)) == Self.date(2024, 1, 1))
        #expect(try call("date_trunc", .string("HOUR"), .timestamp(-1)) == Self.timestamp("1969-12-31 23:00"))
        #expect(try call("date_trunc", .string("day"), .timestamp(-1)) == Self.timestamp("1969-12-31 00:00"))
        #expect(try call("date_trunc", .string("second"), Self.timestamp("2024-01-01 10:00:01.5")) == Self.timestamp("2024-01-01 10:00:01"))
        #expect(T.errorMessage { _ = try call("date_trunc", .string("fortnight"), Self.date(2024, 1, 1)) }
            == "date_trunc: 'fortnight' is not a unit.")
    }

    @Test func addingClampsToTheEndOfTheMonth() throws {
        #expect(try call("date_add", .string("month"), .int(1), Self.date(2024, 1, 31)) == Self.date(2024, 2, 29))
        #expect(try call("date_add", .string("month"), .int(1), Self.date(2023, 1, 31)) == Self.date(2023, 2, 28))
        #expect(try call("date_add", .string("year"), .int(1), Self.date(2024, 2, 29)) == Self.date(2025, 2, 28))
        #expect(try call("date_add", .string("quarter"), .int(-1), Self.date(2024, 5, 31)) == Self.date(2024, 2, 29))
        #expect(try call("date_add", .string("day"), .int(-1), Self.date(1970, 1, 1)) == Self.date(1969, 12, 31))
        #expect(try call("date_add", .string("hour"), .int(2), Self.timestamp("2024-12-31 23:00")) == Self.timestamp("2025-01-01 01:00"))
        #expect(try call("date_add", .string("month"), .int(1), Self.timestamp("2024-01-31 06:30")) == Self.timestamp("2024-02-29 06:30"))
        #expect(T.errorMessage { _ = try call("date_add", .string("hour"), .int(1), Self.date(2024, 1, 1)) }
            == "date_add: cannot add hours to a date.")
    }

    @Test func differences() throws {
        #expect(try call("date_diff", .string("day"), Self.date(2024, 2, 28), Self.date(2024, 3, 1)) == .int(2))
        #expect(try call("date_diff", .string("month"), Self.date(2024, 1, 31), Self.date(2024, 2, 29)) == .int(1))
        #expect(try call("date_diff", .string("month"), Self.date(2024, 1, 30), Self.date(2024, 2, 28)) == .int(0))
        #expect(try call("date_diff", .string("month"), Self.date(2024, 3, 31), Self.date(2024, 2, 29)) == .int(-1))
        #expect(try call("date_diff", .string("year"), Self.date(2020, 2, 29), Self.date(2021, 2, 28)) == .int(1))
        #expect(try call("date_diff", .string("hour"), Self.timestamp("2024-01-01 00:00"), Self.timestamp("2024-01-01 05:59")) == .int(5))
        #expect(try call("date_diff", .string("second"), .timestamp(-1_500_000), .timestamp(0)) == .int(1))
    }

    @Test func lastDayOfMonth() throws {
        #expect(try call("last_day_of_month", Self.date(2024, 2, 10)) == Self.date(2024, 2, 29))
        #expect(try call("last_day_of_month", Self.date(2023, 2, 10)) == Self.date(2023, 2, 28))
        #expect(try call("last_day_of_month", Self.date(1900, 2, 1)) == Self.date(1900, 2, 28))
        #expect(try call("last_day_of_month", Self.timestamp("2000-02-03 04:05")) == Self.date(2000, 2, 29))
    }

    @Test func formattingAndParsing() throws {
        let moment = Self.timestamp("2026-11-03 14:05:09.123456")
        #expect(try call("date_format", moment, .string("%Y-%m-%d %H:%i:%s")) == .string("2026-11-03 14:05:09"))
        #expect(try call("date_format", moment, .string("%W %M %D, %h:%i %p %f")) == .string("Tuesday November 3rd, 02:05 PM 123456"))
        #expect(try call("date_format", .timestamp(-1), .string("%Y %j %T")) == .string("1969 365 23:59:59"))
        #expect(try call("date_parse", .string("2026/11/03 14:05"), .string("%Y/%m/%d %H:%i")) == Self.timestamp("2026-11-03 14:05"))
        #expect(try call("date_parse", .string("03-Nov-2026 2:05 pm"), .string("%d-%b-%Y %l:%i %p")) == Self.timestamp("2026-11-03 14:05"))
        #expect(T.errorMessage { _ = try call("date_parse", .string("2026-13-01"), .string("%Y-%m-%d")) }
            == "date_parse: '2026-13-01' does not match the format '%Y-%m-%d'.")
    }

    @Test func isoAndUnixConversions() throws {
        #expect(try call("from_iso8601_timestamp", .string("2026-11-03T10:00:00+01:00")) == Self.timestamp("2026-11-03 09:00"))
        #expect(try call("from_iso8601_date", .string("2026-11-03")) == Self.date(2026, 11, 3))
        #expect(T.errorMessage { _ = try call("from_iso8601_date", .string("03/11/2026")) }
            == "from_iso8601_date: '03/11/2026' is not an ISO 8601 date.")
        #expect(try call("to_iso8601", Self.timestamp("2026-11-03 09:00:00.5")) == .string("2026-11-03T09:00:00.5Z"))
        #expect(try call("to_iso8601", Self.date(1969, 7, 20)) == .string("1969-07-20"))
        #expect(try call("from_unixtime", .double(-1.5)) == .timestamp(-1_500_000))
        #expect(try call("to_unixtime", .timestamp(2_500_000)) == .double(2.5))
        #expect(try call("date", .string("2026-11-03")) == Self.date(2026, 11, 3))
        #expect(try call("date", .timestamp(-1)) == Self.date(1969, 12, 31))
    }

    @Test func currentTimeIsNotDeterministic() throws {
        #expect(try FunctionRegistry.resolve("now", argumentTypes: []).isDeterministic == false)
        #expect(try FunctionRegistry.resolve("current_date", argumentTypes: []).isDeterministic == false)
        guard case .timestamp(let micros) = try call("current_timestamp") else {
            Issue.record("current_timestamp is not a timestamp")
            return
        }
        #expect(micros > TemporalParsing.parseTimestamp("2020-01-01 00:00")!)
    }
}
