/// Reads the sqllogictest format (as DataFusion and DuckDB use it) into records:
///
///     # comment
///     query ITRB rowsort
///     SELECT id, name, price, active FROM t
///     ----
///     1 apple 1.5 true
///
///     statement error Column 'nme' not found
///     SELECT nme FROM t
///
/// A record starts at a header line and its SQL runs to `----` (queries) or to a blank line
/// (statements and `query error`); expected rows run to the next blank line. Problems are
/// collected with their line rather than stopping at the first.
enum SQLLogicParser {
    /// A problem in a `.slt` file, at a 1-based line.
    struct Issue: Sendable, Equatable, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    static func parse(_ text: String) -> (records: [SQLLogicRecord], issues: [Issue]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var trimmed = Substring(line)
            while let last = trimmed.last, last == "\r" || last == " " || last == "\t" { trimmed.removeLast() }
            return String(trimmed)
        }
        var records: [SQLLogicRecord] = []
        var issues: [Issue] = []
        var index = 0
        while index < lines.count {
            let header = lines[index]
            let headerLine = index + 1
            index += 1
            if header.isEmpty || header.hasPrefix("#") { continue }
            let words = header.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let rest = words.count > 2 ? String(header.dropFirst(words[0].count + words[1].count + 2)) : ""
            switch (words[0], words.count > 1 ? words[1] : "") {
            case ("statement", "ok"):
                let sql = readSQL(lines, from: &index)
                if sql.sawSeparator {
                    issues.append(Issue(line: headerLine, message: "'statement ok' expects no '----' and no rows; use 'query <types>' to check rows."))
                    skipBlock(lines, from: &index)
                }
                append(.success, sql: sql.text, at: headerLine, to: &records, issues: &issues)
            case ("statement", "error"), ("query", "error"):
                let sql = readSQL(lines, from: &index)
                if sql.sawSeparator {
                    issues.append(Issue(line: headerLine, message: "'\(words[0]) error' expects no '----' and no rows."))
                    skipBlock(lines, from: &index)
                }
                append(.error(containing: rest), sql: sql.text, at: headerLine, to: &records, issues: &issues)
            case ("query", let typeText) where !typeText.isEmpty:
                var types: [SQLLogicColumnClass] = []
                for letter in typeText {
                    guard let type = SQLLogicColumnClass(rawValue: letter) else {
                        issues.append(Issue(
                            line: headerLine,
                            message: "Unknown column type '\(letter)' in '\(typeText)'; use I (integer), R (float, double, decimal), T (text, dates, nested) or B (boolean)."))
                        continue
                    }
                    types.append(type)
                }
                var sort = SQLLogicSortMode.nosort
                if words.count > 2 {
                    if let mode = SQLLogicSortMode(rawValue: words[2]) {
                        sort = mode
                    } else {
                        issues.append(Issue(line: headerLine, message: "Unknown sort mode '\(words[2])'; use nosort, rowsort, valuesort or contains."))
                    }
                }
                if words.count > 3 {
                    issues.append(Issue(line: headerLine, message: "Unexpected text after the sort mode: '\(words[3...].joined(separator: " "))'."))
                }
                let sql = readSQL(lines, from: &index)
                guard sql.sawSeparator else {
                    issues.append(Issue(line: headerLine, message: "The query has no '----' line before its expected rows (end the SQL with '----')."))
                    continue
                }
                var expected: [String] = []
                while index < lines.count, !lines[index].isEmpty {
                    expected.append(lines[index])
                    index += 1
                }
                append(.rows(types: types, sort: sort, expected: expected), sql: sql.text, at: headerLine, to: &records, issues: &issues)
            default:
                issues.append(Issue(
                    line: headerLine,
                    message: "Unknown record '\(header)'; expected 'statement ok', 'statement error <text>', 'query error <text>' or 'query <types> [sort]'."))
                skipBlock(lines, from: &index)
            }
        }
        return (records, issues)
    }

    /// SQL lines from `index` to a blank line or to `----` (which it consumes).
    private static func readSQL(_ lines: [String], from index: inout Int) -> (text: String, sawSeparator: Bool) {
        var sql: [String] = []
        var sawSeparator = false
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            index += 1
            if line == "----" {
                sawSeparator = true
                break
            }
            sql.append(line)
        }
        return (sql.joined(separator: "\n"), sawSeparator)
    }

    /// Skips to the next blank line, so one mistake in a block gives one issue.
    private static func skipBlock(_ lines: [String], from index: inout Int) {
        while index < lines.count, !lines[index].isEmpty { index += 1 }
    }

    private static func append(
        _ expectation: SQLLogicRecord.Expectation, sql: String, at line: Int,
        to records: inout [SQLLogicRecord], issues: inout [Issue]
    ) {
        if sql.allSatisfy(\.isWhitespace) {
            issues.append(Issue(line: line, message: "The record has no SQL."))
            return
        }
        records.append(SQLLogicRecord(expectation: expectation, sql: sql, line: line))
    }
}
