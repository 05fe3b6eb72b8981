import SluiceCore
import SluiceEngine
import Testing

/// The `.slt` runner's own parsing, printing and comparing, with a fake engine.
@Suite("SQL logic runner")
struct SQLLogicRunnerTests {
    @Test func parsesEveryRecordKind() {
        let text = """
            # a comment
            query ITRB rowsort
            SELECT id, name,
              price, active FROM t
            ----
            1 apple 1.5 true
            2 NULL 0.25 false

            statement ok
            SELECT 1

            statement error Column 'nme' not found
            SELECT nme FROM t

            query error Division by zero
            SELECT 1 / 0

            query T
            SELECT ''
            ----
            (empty)
            query I
            SELECT 1 WHERE false
            ----
            """
        let parsed = SQLLogicParser.parse(text)
        #expect(parsed.issues.isEmpty)
        #expect(parsed.records == [
            SQLLogicRecord(
                expectation: .rows(types: [.integer, .text, .real, .boolean], sort: .rowsort, expected: ["1 apple 1.5 true", "2 NULL 0.25 false"]),
                sql: "SELECT id, name,\n  price, active FROM t", line: 2),
            SQLLogicRecord(expectation: .success, sql: "SELECT 1", line: 9),
            SQLLogicRecord(expectation: .error(containing: "Column 'nme' not found"), sql: "SELECT nme FROM t", line: 12),
            SQLLogicRecord(expectation: .error(containing: "Division by zero"), sql: "SELECT 1 / 0", line: 15),
            SQLLogicRecord(expectation: .rows(types: [.text], sort: .nosort, expected: ["(empty)", "query I", "SELECT 1 WHERE false", "----"]), sql: "SELECT ''", line: 18),
        ])
    }

    @Test func emptyResultEndsAtTheBlankLine() {
        let parsed = SQLLogicParser.parse("query I\nSELECT 1 WHERE false\n----\n\nstatement ok\nSELECT 2\n")
        #expect(parsed.issues.isEmpty)
        #expect(parsed.records.map(\.line) == [1, 5])
        #expect(parsed.records.first?.expectation == .rows(types: [.integer], sort: .nosort, expected: []))
    }

    @Test func malformedRecordsAreReportedWithTheirLines() {
        let text = """
            query IX
            SELECT 1
            ----
            1

            quer I
            SELECT 1
            ----
            1

            query I rowsort extra
            SELECT 1
            ----
            1

            query T sorted
            SELECT 'a'
            ----
            a

            query I
            SELECT 1

            statement ok

            statement ok
            SELECT 1
            ----
            1
            """
        let issues = SQLLogicParser.parse(text).issues
        #expect(issues.map(\.line) == [1, 6, 11, 16, 21, 24, 26])
        #expect(issues.first?.description == "line 1: Unknown column type 'X' in 'IX'; use I (integer), R (float, double, decimal), T (text, dates, nested) or B (boolean).")
        #expect(issues[1].message == "Unknown record 'quer I'; expected 'statement ok', 'statement error <text>', 'query error <text>' or 'query <types> [sort]'.")
        #expect(issues[2].message == "Unexpected text after the sort mode: 'extra'.")
        #expect(issues[3].message == "Unknown sort mode 'sorted'; use nosort, rowsort, valuesort or contains.")
        #expect(issues[4].message == "The query has no '----' line before its expected rows (end the SQL with '----').")
        #expect(issues[5].message == "The record has no SQL.")
        #expect(issues[6].message == "'statement ok' expects no '----' and no rows; use 'query <types>' to check rows.")
    }

    @Test func printsValuesAsTheFilesWriteThem() {
        #expect(SQLLogicFormatter.row([.int(1), .null, .string(""), .string("a b"), .boolean(true), .boolean(false)]) == "1 NULL (empty) a b true false")
        #expect(SQLLogicFormatter.text(.double(2.5)) == "2.5")
        #expect(SQLLogicFormatter.text(.double(3)) == "3.0")
        #expect(SQLLogicFormatter.text(.double(0.00001)) == "1e-05")
        #expect(SQLLogicFormatter.text(.double(0.1 + 0.2)) == "0.3")
        #expect(SQLLogicFormatter.text(.double(1.0 / 3.0)) == "0.333333333333")
        #expect(SQLLogicFormatter.text(.double(2.0 / 3.0)) == "0.666666666667")
        #expect(SQLLogicFormatter.text(.double(123_456_789_012_345_680.0)) == "1.23456789012e+17")
        #expect(SQLLogicFormatter.text(.double(1e16)) == "1e+16")
        #expect(SQLLogicFormatter.text(.double(-0.0)) == "-0.0")
        #expect(SQLLogicFormatter.text(.double(.nan)) == "NaN")
        #expect(SQLLogicFormatter.text(.double(-.infinity)) == "-Infinity")
        #expect(SQLLogicFormatter.text(.double(.greatestFiniteMagnitude)) == "1.79769313486e+308")
        #expect(SQLLogicFormatter.text(.decimal(150, scale: 2)) == "1.50")
        #expect(SQLLogicFormatter.text(.decimal(-5, scale: 3)) == "-0.005")
        #expect(SQLLogicFormatter.text(.date(20760)) == "2026-11-03")
        #expect(SQLLogicFormatter.text(.timestamp(1_793_700_000_000_000)) == "2026-11-03 10:00:00")
        #expect(SQLLogicFormatter.text(.timestamp(1_793_700_000_500_000)) == "2026-11-03 10:00:00.5")
        #expect(SQLLogicFormatter.text(.list([.int(1), .null, .int(2)])) == "[1, NULL, 2]")
        #expect(SQLLogicFormatter.text(.structure([NamedValue("a", .int(1)), NamedValue("b", .string("x"))])) == "{a: 1, b: \"x\"}")
        #expect(SQLLogicFormatter.text(.list([])) == "[]")
    }

    @Test func columnClassesFollowTheType() {
        #expect([DataType.int8, .int16, .int32, .int64].map(SQLLogicFormatter.columnClass) == [.integer, .integer, .integer, .integer])
        #expect([DataType.float32, .float64, .decimal(precision: 10, scale: 2)].map(SQLLogicFormatter.columnClass) == [.real, .real, .real])
        #expect([DataType.string, .binary, .date, .timestamp, .list(.int64), .struct([])].map(SQLLogicFormatter.columnClass) == Array(repeating: .text, count: 6))
        #expect(SQLLogicFormatter.columnClass(of: .boolean) == .boolean)
    }

    private static func result(_ schema: Schema, _ rows: [[Value]]) throws(SluiceError) -> QueryResult {
        let builder = RecordBatchBuilder(schema: schema)
        for row in rows { try builder.append(row: row) }
        return QueryResult(schema: schema, batches: [builder.finish()])
    }

    /// A fake engine: `SELECT <n>` gives one bigint row; `ERR <text>` throws; anything else one double row.
    private func fakeRunner() -> SQLLogicRunner {
        SQLLogicRunner(file: "fake.slt") { (sql: String) throws(SluiceError) -> QueryResult in
            if sql.hasPrefix("ERR ") {
                throw SluiceError(domain: .query, code: "query.fake", message: String(sql.dropFirst(4)), location: ErrorLocation(line: 1, column: 8), hint: "Try again.")
            }
            if sql.hasPrefix("ROWS") {
                return try Self.result(Schema([Field("a", .int64), Field("b", .string)]), [[.int(2), .string("x y")], [.int(1), .string("")], [.null, .null]])
            }
            return try Self.result(Schema([Field("_col0", .float64)]), [[.double(2.5)]])
        }
    }

    @Test func reportsEveryFailingRecordWithItsLine() {
        let text = """
            query I
            SELECT 1
            ----
            2.5

            query R
            SELECT 1
            ----
            2.5

            query R
            SELECT 1
            ----
            3.5

            statement error Division by zero
            SELECT 1

            statement error line 1, column 8
            ERR Something odd

            query error odd
            ERR Something odd

            statement error Hint: Try again
            ERR Something odd

            statement error Division
            ERR Something odd

            statement ok
            ERR Something odd

            query IT rowsort
            ROWS
            ----
            1 (empty)
            2 x y
            NULL NULL

            query IT
            ROWS
            ----
            1 (empty)
            2 x y
            NULL NULL

            query IT valuesort
            ROWS
            ----
            1 2 NULL NULL
            (empty) x y

            query IT contains
            ROWS
            ----
            X Y
            (EMPTY)

            query IT contains
            ROWS
            ----
            Filter
            """
        let parsed = SQLLogicParser.parse(text)
        #expect(parsed.issues.isEmpty)
        let failures = fakeRunner().run(parsed.records)
        #expect(failures.map(\.line) == [1, 11, 16, 28, 31, 41, 60])
        #expect(failures.first?.description == """
            fake.slt:1
            --- SQL ---
            SELECT 1
            --- expected ---
            columns I
            --- actual ---
            columns R (_col0 double)
            2.5
            """)
        #expect(failures[2].expected == "an error containing 'Division by zero'")
        #expect(failures[2].actual == "success with 1 rows:\n2.5")
        #expect(failures[3].actual == "error: line 1, column 8: Something odd\nHint: Try again.")
        #expect(failures[5].actual == "2 x y\n1 (empty)\nNULL NULL")
        #expect(failures[6].expected == "rows containing:\nFilter")
    }
}
