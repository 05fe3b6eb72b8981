import SluiceCore
import SluiceEngine

/// Runs the records of one `.slt` file through a query function and reports every record
/// that does not do what it says — with its file and line, the SQL, what was expected and
/// what came back — instead of stopping at the first.
struct SQLLogicRunner {
    /// One record that did not behave as written.
    struct Failure: Sendable, Equatable, CustomStringConvertible {
        var file: String
        var line: Int
        var sql: String
        var expected: String
        var actual: String

        var description: String {
            "\(file):\(line)\n--- SQL ---\n\(sql)\n--- expected ---\n\(expected)\n--- actual ---\n\(actual)"
        }
    }

    /// Runs one SQL statement (already resolved) and returns its result.
    typealias Execute = (String) throws(SluiceError) -> QueryResult

    /// The file name failures are reported under.
    var file: String
    var execute: Execute

    /// A runner over a fresh two-thread ``QueryEngine``.
    static func engine(file: String) -> SQLLogicRunner {
        let engine = QueryEngine(options: QueryOptions(threads: 2))
        return SQLLogicRunner(file: file) { (sql: String) throws(SluiceError) -> QueryResult in try engine.execute(sql) }
    }

    func run(_ records: [SQLLogicRecord]) -> [Failure] {
        records.compactMap(run)
    }

    /// The failure of one record, or nil when it behaved.
    func run(_ record: SQLLogicRecord) -> Failure? {
        func failure(_ expected: String, _ actual: String) -> Failure {
            Failure(file: file, line: record.line, sql: record.sql, expected: expected, actual: actual)
        }
        let outcome: Result<QueryResult, SluiceError>
        do throws(SluiceError) {
            outcome = .success(try execute(try SQLLogicFixtures.resolve(record.sql)))
        } catch {
            outcome = .failure(error)
        }
        switch (record.expectation, outcome) {
        case (.success, .success):
            return nil
        case (.success, .failure(let error)), (.rows, .failure(let error)):
            return failure(expectedText(record.expectation), "error: \(error.description)")
        case (.error(let text), .failure(let error)):
            if text.isEmpty || error.description.lowercased().contains(text.lowercased()) { return nil }
            return failure("an error containing '\(text)'", "error: \(error.description)")
        case (.error(let text), .success(let result)):
            return failure("an error containing '\(text)'", "success with \(result.rowCount) rows:\n" + Self.printedRows(result).joined(separator: "\n"))
        case (.rows(let types, let sort, let expected), .success(let result)):
            let actualTypes = result.schema.fields.map { SQLLogicFormatter.columnClass(of: $0.type) }
            let rows = Self.printedRows(result)
            if actualTypes != types {
                let columns = result.schema.fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
                return failure(
                    "columns " + String(types.map(\.rawValue)),
                    "columns " + String(actualTypes.map(\.rawValue)) + " (\(columns))\n" + rows.joined(separator: "\n"))
            }
            if sort == .contains {
                let text = rows.joined(separator: "\n").lowercased()
                let missing = expected.filter { !text.contains($0.lowercased()) }
                if missing.isEmpty { return nil }
                return failure("rows containing:\n" + expected.joined(separator: "\n"), rows.joined(separator: "\n"))
            }
            if Self.sorted(expected, sort) != Self.sorted(rows, sort) {
                return failure(expected.joined(separator: "\n"), rows.joined(separator: "\n"))
            }
            return nil
        }
    }

    private func expectedText(_ expectation: SQLLogicRecord.Expectation) -> String {
        switch expectation {
        case .success: "success"
        case .error(let text): "an error containing '\(text)'"
        case .rows(let types, _, let expected): "columns \(String(types.map(\.rawValue)))\n" + expected.joined(separator: "\n")
        }
    }

    /// The result's rows as printed, without trailing blanks (a `.slt` line cannot keep them).
    static func printedRows(_ result: QueryResult) -> [String] {
        result.rows.map { row in
            var text = Substring(SQLLogicFormatter.row(row))
            while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            return String(text)
        }
    }

    /// The rows in the order they are compared in.
    static func sorted(_ rows: [String], _ mode: SQLLogicSortMode) -> [String] {
        switch mode {
        case .nosort, .contains: rows
        case .rowsort: rows.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        case .valuesort:
            rows.flatMap { $0.split(separator: " ").map(String.init) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }
}
