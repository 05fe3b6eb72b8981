import SluiceCore
import Testing
@testable import SluiceSQL

@Suite struct SyntaxErrorTests {
    @Test func trailingCommaBeforeFrom() {
        let error = parseError("SELECT a, FROM t")
        #expect(error?.message == "Expected an expression after ',' but found 'FROM'.")
        #expect(error?.location == ErrorLocation(line: 1, column: 11))
        #expect(error?.hint == "Remove the ',' before 'FROM', or if 'FROM' is a name, write it in double quotes: \"FROM\".")
        #expect(error?.code == "sql.syntax")
        #expect(error?.domain == .query)
    }

    @Test func misspelledSelect() {
        let error = parseError("SELEC * FROM t")
        #expect(error?.message == "Expected a query (SELECT, WITH, VALUES or EXPLAIN) but found 'SELEC'.")
        #expect(error?.location == ErrorLocation(line: 1, column: 1))
        #expect(error?.hint == "Did you mean SELECT?")
    }

    @Test func misspelledFromAfterStar() {
        let error = parseError("SELECT * FORM t")
        #expect(error?.message == "Expected the end of the query after '*' but found 'FORM'.")
        #expect(error?.location == ErrorLocation(line: 1, column: 10))
        #expect(error?.hint == "Did you mean FROM?")
    }

    @Test func misspelledFromReadAsAlias() {
        let error = parseError("SELECT a FORM t")
        #expect(error?.message == "Expected the end of the query after 'FORM' but found 't'.")
        #expect(error?.location == ErrorLocation(line: 1, column: 15))
        #expect(error?.hint == "Did you mean FROM instead of 'FORM'? It was read as an alias.")
    }

    @Test func misspelledWhereReadAsAlias() {
        let error = parseError("SELECT *\nFROM t\nWEHRE x = 1")
        #expect(error?.message == "Expected the end of the query after 'WEHRE' but found 'x'.")
        #expect(error?.location == ErrorLocation(line: 3, column: 7))
        #expect(error?.hint == "Did you mean WHERE instead of 'WEHRE'? It was read as an alias.")
    }

    @Test func misspelledGroupBy() {
        let error = parseError("SELECT a FROM t GROPU BY a")
        #expect(error?.hint == "Did you mean GROUP instead of 'GROPU'? It was read as an alias.")
    }

    @Test func aliasThatIsNotAKeywordGetsNoSuggestion() {
        let error = parseError("SELECT a total t FROM x")
        #expect(error?.message == "Expected the end of the query after 'total' but found 't'.")
        #expect(error?.hint == nil)
    }

    @Test func missingClosingParenthesis() {
        let error = parseError("SELECT (a + 1")
        #expect(error?.message == "Missing ')' to close the '(' at line 1, column 8.")
        #expect(error?.location == ErrorLocation(line: 1, column: 14))
    }

    @Test func missingClosingParenthesisBeforeMoreText() {
        let error = parseError("SELECT count(a FROM t")
        #expect(error?.message == "Missing ')' to close the '(' at line 1, column 13; found 'FROM' instead.")
        #expect(error?.location == ErrorLocation(line: 1, column: 16))
    }

    @Test func missingClosingBracket() {
        #expect(expressionError("a[1")?.message == "Missing ']' to close the '[' at line 1, column 2.")
    }

    @Test func reservedWordAsColumn() {
        let error = parseError("SELECT order FROM t")
        #expect(error?.message == "Expected an expression after 'SELECT' but found 'order'.")
        #expect(error?.hint == "'order' is a reserved word; to use it as a name, write it in double quotes: \"order\".")
    }

    @Test func reservedWordAsTable() {
        let error = parseError("SELECT * FROM table")
        #expect(error?.message == "Expected a table name, a subquery or UNNEST(…) after 'FROM' but found 'table'.")
        #expect(error?.hint == "'table' is a reserved word; to use it as a name, write it in double quotes: \"table\".")
    }

    @Test func reservedWordAsAlias() {
        let error = parseError("SELECT a AS from FROM t")
        #expect(error?.message == "Expected a name after 'AS' but found 'from'.")
        #expect(error?.hint == "'from' is a reserved word; to use it as a name, write it in double quotes: \"from\".")
    }

    @Test func emptyWhere() {
        let error = parseError("SELECT a FROM t WHERE")
        #expect(error?.message == "Expected an expression after 'WHERE' but found the end of the query.")
        #expect(error?.location == ErrorLocation(line: 1, column: 22))
    }

    @Test func emptyQuery() {
        #expect(parseError("")?.message == "Expected a query (SELECT, WITH, VALUES or EXPLAIN) but found the end of the query.")
        #expect(parseError("  -- nothing")?.location == ErrorLocation(line: 1, column: 13))
    }

    @Test func joinWithoutCondition() {
        let error = parseError("SELECT * FROM a JOIN b WHERE x")
        #expect(error?.message == "Expected ON or USING to say how to join after 'b' but found 'WHERE'.")
    }

    @Test func orderWithoutBy() {
        #expect(parseError("SELECT a FROM t ORDER a")?.message == "Expected BY after 'ORDER' but found 'a'.")
    }

    @Test func limitNeedsANumber() {
        let error = parseError("SELECT a FROM t LIMIT x")
        #expect(error?.message == "Expected a number of rows (a whole number) after 'LIMIT' but found 'x'.")
        #expect(parseError("SELECT a FROM t LIMIT 1 LIMIT 2")?.message == "LIMIT is written twice.")
        #expect(parseError("SELECT a FROM t LIMIT 1 FETCH FIRST 2 ROWS ONLY")?.message == "A query can have LIMIT or FETCH FIRST, not both.")
    }

    @Test func caseWithoutEnd() {
        #expect(parseError("SELECT CASE WHEN a THEN b FROM t")?.message == "Expected WHEN, ELSE or END after 'b' but found 'FROM'.")
        #expect(parseError("SELECT CASE WHEN a THEN b ELSE c FROM t")?.message == "Expected END after 'c' but found 'FROM'.")
        #expect(parseError("SELECT CASE END")?.message == "Expected WHEN after 'CASE' but found 'END'.")
    }

    @Test func badIsPredicate() {
        #expect(expressionError("x IS 5")?.message == "Expected NULL, NOT NULL or DISTINCT FROM after 'IS' but found '5'.")
        #expect(expressionError("x IS NOT 5")?.message == "Expected NULL or DISTINCT FROM after 'NOT' but found '5'.")
    }

    @Test func badIntervalUnit() {
        let error = expressionError("INTERVAL '3' DAZE")
        #expect(error?.message == "Expected an interval unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND) after the string '3' but found 'DAZE'.")
        #expect(error?.hint == "Write the unit after the value, as in INTERVAL '3' DAY.")
    }

    @Test func badBinaryLiterals() {
        #expect(expressionError("X'0g'")?.message == "The binary literal X'0g' holds a character that is not a hex digit.")
        #expect(expressionError("X'abc'")?.message == "The binary literal X'abc' has an odd number of hex digits.")
    }

    @Test func trailingTextAfterExpression() {
        #expect(expressionError("a b")?.message == "Expected the end of the expression after 'a' but found 'b'.")
    }

    @Test func twoStatements() {
        let error = parseError("SELECT 1; SELECT 2")
        #expect(error?.message == "Only one statement can run at a time, but more text follows the ';'.")
        #expect(error?.location == ErrorLocation(line: 1, column: 11))
    }

    @Test func multiLineLocation() {
        let error = parseError("SELECT a,\n       b,\n  FROM t")
        #expect(error?.location == ErrorLocation(line: 3, column: 3))
    }

    // MARK: - Unsupported statements and constructs

    @Test(arguments: [
        ("CREATE TABLE t (a int)", "CREATE TABLE"),
        ("create external table t (a int) location 's3://x/'", "CREATE EXTERNAL TABLE"),
        ("CREATE OR REPLACE VIEW v AS SELECT 1", "CREATE OR REPLACE VIEW"),
        ("DROP TABLE IF EXISTS t", "DROP TABLE"),
        ("ALTER TABLE t ADD COLUMNS (b int)", "ALTER TABLE"),
        ("INSERT INTO t VALUES (1)", "INSERT"),
        ("DELETE FROM t", "DELETE"),
        ("UPDATE t SET a = 1", "UPDATE"),
        ("MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE", "MERGE"),
        ("SHOW TABLES", "SHOW TABLES"),
        ("show partitions t", "SHOW PARTITIONS"),
        ("DESCRIBE t", "DESCRIBE"),
        ("USE sales", "USE"),
        ("SET SESSION x = 1", "SET"),
        ("MSCK REPAIR TABLE t", "MSCK"),
        ("EXPLAIN INSERT INTO t VALUES (1)", "INSERT"),
    ])
    func unsupportedStatements(sql: String, name: String) {
        let error = parseError(sql)
        #expect(error?.message == "\(name) is not supported here: Sluice SQL runs queries (SELECT, WITH, VALUES, TABLE, EXPLAIN).")
        #expect(error?.code == "sql.unsupported")
    }

    @Test func unsupportedStatementLocation() {
        #expect(parseError("EXPLAIN  DROP TABLE t")?.location == ErrorLocation(line: 1, column: 10))
    }

    @Test(arguments: [
        ("WITH RECURSIVE t AS (SELECT 1) SELECT * FROM t", "WITH RECURSIVE is not supported."),
        ("SELECT a FROM t GROUP BY ROLLUP (a)", "GROUP BY ROLLUP is not supported."),
        ("SELECT a FROM t GROUP BY CUBE (a, b)", "GROUP BY CUBE is not supported."),
        ("SELECT a FROM t GROUP BY GROUPING SETS ((a), (b))", "GROUP BY GROUPING SETS is not supported."),
        ("SELECT a FROM t GROUP BY a, ()", "GROUP BY () (the empty grouping set) is not supported."),
        ("SELECT sum(a) OVER w FROM t", "Named windows (OVER w) are not supported."),
        ("SELECT sum(a) OVER (w ORDER BY b) FROM t", "Named windows (OVER (w …)) are not supported."),
        ("SELECT a FROM t WINDOW w AS (ORDER BY a)", "Named windows (WINDOW w AS …) are not supported."),
        ("SELECT transform(a, x -> x + 1) FROM t", "Lambda expressions (x -> …) are not supported."),
        ("SELECT reduce(a, 0, (s, x) -> s + x, s -> s) FROM t", "Lambda expressions (x -> …) are not supported."),
        ("SELECT * FROM t WHERE a = ?", "Query parameters ('?') are not supported."),
        ("SELECT * FROM t WHERE a = ANY (SELECT b FROM u)", "Comparisons with ANY (subquery) are not supported."),
        ("SELECT * FROM t TABLESAMPLE BERNOULLI (10)", "TABLESAMPLE is not supported."),
        ("SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.a = t.a)", "LATERAL subqueries are not supported."),
        ("SELECT * FROM (a JOIN b ON true) AS j", "An alias after a parenthesised join is not supported."),
        ("SELECT a FROM t FETCH FIRST 1 ROWS WITH TIES", "FETCH FIRST … WITH TIES is not supported."),
        ("SELECT sum(a) OVER (GROUPS 1 PRECEDING) FROM t", "GROUPS window frames are not supported."),
        ("EXPLAIN (TYPE DISTRIBUTED) SELECT 1", "EXPLAIN options such as (TYPE …) or (FORMAT …) are not supported."),
    ])
    func unsupportedConstructs(sql: String, message: String) {
        let error = parseError(sql)
        #expect(error?.message == message)
        #expect(error?.code == "sql.unsupported")
    }

    @Test func recursiveLocation() {
        #expect(parseError("WITH RECURSIVE t AS (SELECT 1) SELECT 1")?.location == ErrorLocation(line: 1, column: 6))
    }

    // MARK: - Nesting limit

    @Test func deepParenthesesAreRefused() {
        let sql = "SELECT " + String(repeating: "(", count: 600) + "1" + String(repeating: ")", count: 600)
        let error = parseError(sql)
        #expect(error?.code == "sql.tooDeep")
        #expect(error?.message == "The query nests more than 500 levels deep (parentheses, subqueries or operators).")
    }

    @Test func moderatelyDeepParenthesesParse() throws {
        let sql = "SELECT " + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect(try canonical(sql) == "SELECT 1")
    }

    @Test func deepUnaryChainsAreRefused() {
        #expect(expressionError(String(repeating: "NOT ", count: 2000) + "a")?.code == "sql.tooDeep")
        #expect(expressionError(String(repeating: "- ", count: 2000) + "a")?.code == "sql.tooDeep")
    }

    @Test func deepSubqueriesAreRefused() {
        let sql = String(repeating: "SELECT * FROM (", count: 400) + "SELECT 1" + String(repeating: ")", count: 400)
        #expect(parseError(sql)?.code == "sql.tooDeep")
    }

    @Test func deepTypesAreRefused() {
        let type = String(repeating: "array(", count: 600) + "int" + String(repeating: ")", count: 600)
        #expect(expressionError("CAST(x AS \(type))")?.code == "sql.tooDeep")
    }
}

@Suite struct MoreSyntaxErrorTests {
    @Test func valuesInFromNeedParentheses() {
        let error = parseError("SELECT * FROM VALUES (1)")
        #expect(error?.message == "Expected a table name, a subquery or UNNEST(…) after 'FROM' but found 'VALUES'.")
        #expect(error?.hint == "Put VALUES in parentheses and name its columns: FROM (VALUES (1, 'a')) AS t (id, name).")
    }

    @Test func columnNamedInterval() throws {
        #expect(try canonical("SELECT interval - 1, interval FROM t") == "SELECT interval - 1, interval FROM t")
    }

    @Test func misspelledOrderAfterWhere() {
        let error = parseError("SELECT * FROM t WHERE x = 1 ODER BY x")
        #expect(error?.message == "Expected the end of the query after '1' but found 'ODER'.")
        #expect(error?.hint == "Did you mean ORDER?")
    }

    @Test func misspelledLimitReadAsAlias() {
        let error = parseError("SELECT * FROM t LIMT 10")
        #expect(error?.message == "Expected the end of the query after 'LIMT' but found '10'.")
        #expect(error?.hint == "Did you mean LIMIT instead of 'LIMT'? It was read as an alias.")
    }

    @Test func scalarFunctionWithReservedName() {
        let error = parseError("SELECT trim FROM t")
        #expect(error?.hint == "'trim' is a reserved word; to use it as a name, write it in double quotes: \"trim\".")
    }

    @Test func editDistance() {
        #expect(NameSuggestion.editDistance(Array("FORM".utf8), Array("FROM".utf8)) == 1)
        #expect(NameSuggestion.editDistance(Array("SELEC".utf8), Array("SELECT".utf8)) == 1)
        #expect(NameSuggestion.editDistance(Array("".utf8), Array("AB".utf8)) == 2)
        #expect(NameSuggestion.editDistance(Array("ORDER".utf8), Array("ORDER".utf8)) == 0)
        #expect(SyntaxErrors.suggestedKeyword(for: "form") == .from)
        #expect(SyntaxErrors.suggestedKeyword(for: "from") == nil)
        #expect(SyntaxErrors.suggestedKeyword(for: "xyzzy") == nil)
        #expect(SyntaxErrors.suggestedKeyword(for: "on") == nil)
    }
}
