import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct CivilTimeTests {
    @Test(arguments: [
        (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 2, 29, 11_016), (2000, 3, 1, 11_017), (1900, 3, 1, -25_508),
        (2026, 11, 1, 20_758), (1, 1, 1, -719_162), (9999, 12, 31, 2_932_896), (1600, 2, 29, -135_081),
    ])
    func convertsKnownDates(year: Int, month: Int, day: Int, days: Int) {
        #expect(CivilTime.days(year: year, month: month, day: day) == days)
        let civil = CivilTime.civil(fromDays: days)
        #expect(civil.year == year && civil.month == month && civil.day == day)
    }

    @Test func roundTripsEveryDayOverFourCenturiesAndRandomDaysBeyond() {
        // Consecutive days: each step moves the calendar date by exactly one day.
        var previous = CivilTime.civil(fromDays: -146_097 - 1)
        for days in -146_097...146_097 {
            let civil = CivilTime.civil(fromDays: days)
            #expect(CivilTime.days(year: civil.year, month: civil.month, day: civil.day) == days)
            #expect(CivilTime.isValidDate(year: civil.year, month: civil.month, day: civil.day))
            let nextDay = civil.day == previous.day + 1 && civil.month == previous.month
            let nextMonth = civil.day == 1 && (civil.month == previous.month + 1 || (civil.month == 1 && previous.month == 12))
            #expect(nextDay || nextMonth, "\(days)")
            previous = civil
        }
        var random = SeededRandom(seed: 1)
        for _ in 0..<100_000 {
            let days = Int.random(in: -100_000_000...100_000_000, using: &random)
            let civil = CivilTime.civil(fromDays: days)
            #expect(CivilTime.days(year: civil.year, month: civil.month, day: civil.day) == days)
        }
    }

    @Test func formattedDatesParseBack() {
        var random = SeededRandom(seed: 2)
        for _ in 0..<10_000 {
            let days = Int32.random(in: RandomData.dayRange, using: &random)
            #expect(TemporalParsing.parseDate(CivilTime.formatDate(days: Int(days))) == days)
            let micros = Int64.random(in: RandomData.timestampRange, using: &random)
            let text = CivilTime.formatTimestamp(microseconds: micros, separator: "T", zulu: true)
            #expect(TemporalParsing.parseTimestamp(text) == micros, "\(text)")
        }
    }

    @Test(arguments: [
        (2024, 2, 29, true), (2023, 2, 29, false), (1900, 2, 29, false), (2000, 2, 29, true), (2026, 4, 31, false),
        (2026, 12, 31, true), (2026, 13, 1, false), (2026, 0, 1, false), (2026, 1, 0, false), (2026, 1, 32, false),
    ])
    func validatesDates(year: Int, month: Int, day: Int, valid: Bool) {
        #expect(CivilTime.isValidDate(year: year, month: month, day: day) == valid)
    }

    @Test func formatsDatesOutsideFourDigitYears() {
        #expect(CivilTime.formatDate(days: -719_162) == "0001-01-01")
        #expect(CivilTime.formatDate(days: -719_162 - 366) == "0000-01-01")
        #expect(CivilTime.formatDate(days: 2_932_897) == "10000-01-01")
    }
}
