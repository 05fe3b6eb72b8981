import Foundation
public import SluiceCore

/// A schedule written as AWS writes it, `cron(0 3 * * ? *)` (minutes, hours, day of month,
/// month, day of week, year), or as classic 5-field cron, `0 3 * * *`. Only checked and
/// stored here; the scheduler runs it.
///
/// AWS rules: one of day-of-month and day-of-week must be `?`; days of the week are 1–7
/// (SUN–SAT); `L`, `W` and `#` are allowed where AWS allows them. Classic cron numbers days
/// of the week 0–7 (0 and 7 are Sunday).
public struct CronSchedule: Sendable, Equatable {
    public let text: String
    /// True for the 6-field AWS form.
    public let isAWSForm: Bool

    public init(_ text: String) throws(SluiceError) {
        self.text = text
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var body = trimmed
        let isAWS = trimmed.lowercased().hasPrefix("cron(") && trimmed.hasSuffix(")")
        if isAWS { body = String(trimmed.dropFirst(5).dropLast()) }
        isAWSForm = isAWS
        let fields = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let specs = isAWS ? CronSchedule.awsFields : CronSchedule.classicFields
        guard fields.count == specs.count else {
            throw CronSchedule.error(
                text, "it has \(fields.count) fields but \(isAWS ? "cron(…)" : "classic cron") needs \(specs.count) "
                    + "(\(specs.map(\.name).joined(separator: ", ")))")
        }
        for (field, spec) in zip(fields, specs) { try spec.check(field, schedule: text) }
        if isAWS {
            let dayOfMonth = fields[2]
            let dayOfWeek = fields[4]
            guard (dayOfMonth == "?") != (dayOfWeek == "?") else {
                throw CronSchedule.error(text, "exactly one of day-of-month ('\(dayOfMonth)') and day-of-week ('\(dayOfWeek)') must be '?'")
            }
        }
    }

    struct FieldSpec {
        let name: String
        let range: ClosedRange<Int>
        var names: [String] = []
        /// Extra single tokens or suffixes allowed (`?`, `L`, `W`, `#`).
        var allowsQuestion = false
        var allowsLast = false
        var allowsWeekday = false
        var allowsNth = false

        func check(_ field: String, schedule: String) throws(SluiceError) {
            if field == "?" {
                guard allowsQuestion else { throw CronSchedule.error(schedule, "'?' is only allowed in day-of-month or day-of-week, not in \(name)") }
                return
            }
            for part in field.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                try checkPart(part, schedule: schedule)
            }
        }

        private func checkPart(_ part: String, schedule: String) throws(SluiceError) {
            guard !part.isEmpty else { throw CronSchedule.error(schedule, "\(name) has an empty item") }
            var base = part
            if let slash = part.firstIndex(of: "/") {
                base = String(part[..<slash])
                let step = String(part[part.index(after: slash)...])
                guard let value = Int(step), value >= 1 else { throw CronSchedule.error(schedule, "'\(step)' is not a step (a number from 1) in \(name)") }
            }
            if base == "*" { return }
            if allowsLast, base == "L" || base == "LW" || (base.hasSuffix("L") && value(String(base.dropLast())) != nil) { return }
            if allowsWeekday, base.hasSuffix("W"), value(String(base.dropLast())) != nil { return }
            if allowsNth, let hash = base.firstIndex(of: "#") {
                guard value(String(base[..<hash])) != nil, let nth = Int(base[base.index(after: hash)...]), (1...5).contains(nth) else {
                    throw CronSchedule.error(schedule, "'\(base)' in \(name) must be DAY#N with N from 1 to 5")
                }
                return
            }
            let ends = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard ends.count <= 2 else { throw CronSchedule.error(schedule, "'\(base)' is not a range in \(name)") }
            for end in ends where value(end) == nil {
                throw CronSchedule.error(
                    schedule, "'\(end)' is not a valid \(name) (\(range.lowerBound)–\(range.upperBound)"
                        + (names.isEmpty ? "" : " or \(names.first ?? "")–\(names.last ?? "")") + ")")
            }
        }

        private func value(_ text: String) -> Int? {
            if let number = Int(text), range.contains(number) { return number }
            if let index = names.firstIndex(of: text.uppercased()) { return index + range.lowerBound }
            return nil
        }
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    static let awsFields = [
        FieldSpec(name: "minutes", range: 0...59),
        FieldSpec(name: "hours", range: 0...23),
        FieldSpec(name: "day-of-month", range: 1...31, allowsQuestion: true, allowsLast: true, allowsWeekday: true),
        FieldSpec(name: "month", range: 1...12, names: months),
        FieldSpec(name: "day-of-week", range: 1...7, names: days, allowsQuestion: true, allowsLast: true, allowsNth: true),
        FieldSpec(name: "year", range: 1970...2199),
    ]

    static let classicFields = [
        FieldSpec(name: "minute", range: 0...59),
        FieldSpec(name: "hour", range: 0...23),
        FieldSpec(name: "day-of-month", range: 1...31),
        FieldSpec(name: "month", range: 1...12, names: months),
        FieldSpec(name: "day-of-week", range: 0...7, names: days),
    ]

    static func error(_ schedule: String, _ reason: String) -> SluiceError {
        SluiceError(
            domain: .usage, code: "crawler.badSchedule",
            message: "The schedule '\(schedule)' is not valid: \(reason).",
            hint: "Write AWS's form, e.g. 'cron(0 3 * * ? *)' (03:00 UTC daily), or 5-field cron, e.g. '0 3 * * *'.")
    }
}
