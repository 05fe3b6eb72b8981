import SluiceCore

/// The fixed calendar of the seed data sets: the 30 days of November 2026, UTC, one
/// Hive partition (`dt=2026-11-01`) per day.
enum SampleCalendar {
    static let firstDay = CivilTime.days(year: 2026, month: 11, day: 1)
    static let dayCount = 30
    static let secondsPerDay = 86_400

    /// `dt=2026-11-05` for day index 4.
    static func partitionFolder(dayIndex: Int) -> String {
        "dt=" + CivilTime.formatDate(days: firstDay + dayIndex)
    }

    /// Seconds since 1970 at the start of day index `dayIndex`.
    static func startSecond(dayIndex: Int) -> Int {
        (firstDay + dayIndex) * secondsPerDay
    }

    /// `total` split into `parts` nearly equal counts; the first `total % parts` get one more.
    static func split(_ total: Int, into parts: Int) -> [Int] {
        (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
    }

    /// A time offset for row `index` of `count` rows spread over `spanSeconds`: random, yet
    /// never earlier than the previous row's, so files come out in time order like real logs.
    @inline(__always)
    static func spreadOffset(index: Int, count: Int, spanSeconds: Int, random: inout SeededRandom) -> Int {
        (index * spanSeconds + random.below(spanSeconds)) / count
    }
}
