import SluiceCore
import Testing
@testable import SluiceSQL

@Suite struct QueryParserTests {
    @Test(arguments: [
        ("select * from orders", "SELECT * FROM orders"),
        ("SELECT 1", "SELECT 1"),
        ("SELECT 1;", "SELECT 1"),
        ("SELECT o.*, c.name AS customer FROM sales.orders o, customers AS c", "SELECT o.*, c.name AS customer FROM sales.orders AS o, customers AS c"),
        ("SELECT DISTINCT a FROM t", "SELECT DISTINCT a FROM t"),
        ("SELECT ALL a FROM t", "SELECT a FROM t"),
        ("SELECT a b, c \"Total\" FROM t", "SELECT a AS b, c AS \"Total\" FROM t"),
        ("SELECT a FROM t WHERE b > 1 GROUP BY a HAVING count(*) > 2", "SELECT a FROM t WHERE b > 1 GROUP BY a HAVING count(*) > 2"),
        ("SELECT a, count(*) FROM t GROUP BY 1 ORDER BY 2 DESC, 1", "SELECT a, count(*) FROM t GROUP BY 1 ORDER BY 2 DESC, 1"),
        ("SELECT a FROM t ORDER BY a ASC NULLS LAST LIMIT 10", "SELECT a FROM t ORDER BY a NULLS LAST LIMIT 10"),
        ("SELECT a FROM t LIMIT ALL", "SELECT a FROM t"),
        ("SELECT a FROM t OFFSET 5 ROWS LIMIT 10", "SELECT a FROM t OFFSET 5 LIMIT 10"),
        ("SELECT a FROM t LIMIT 10 OFFSET 5", "SELECT a FROM t OFFSET 5 LIMIT 10"),
        ("SELECT a FROM t OFFSET 1 ROW", "SELECT a FROM t OFFSET 1"),
        ("SELECT a FROM t FETCH FIRST 3 ROWS ONLY", "SELECT a FROM t LIMIT 3"),
        ("SELECT a FROM t FETCH NEXT ROW ONLY", "SELECT a FROM t LIMIT 1"),
        ("WITH a AS (SELECT 1 x), b (y, z) AS (SELECT 2, 3) SELECT * FROM a, b",
         "WITH a AS (SELECT 1 AS x), b (y, z) AS (SELECT 2, 3) SELECT * FROM a, b"),
        ("VALUES (1, 'a'), (2, 'b')", "VALUES (1, 'a'), (2, 'b')"),
        ("VALUES 1, 2", "VALUES (1), (2)"),
        ("TABLE orders", "SELECT * FROM orders"),
        ("(SELECT a FROM t)", "SELECT a FROM t"),
        ("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)", "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL SELECT b FROM u"),
        ("SELECT 1 UNION SELECT 2 UNION ALL SELECT 3", "SELECT 1 UNION SELECT 2 UNION ALL SELECT 3"),
        ("SELECT 1 UNION (SELECT 2 UNION SELECT 3)", "SELECT 1 UNION (SELECT 2 UNION SELECT 3)"),
        ("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3", "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"),
        ("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3", "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3"),
        ("SELECT 1 EXCEPT DISTINCT SELECT 2", "SELECT 1 EXCEPT SELECT 2"),
        ("SELECT 1 INTERSECT ALL SELECT 1", "SELECT 1 INTERSECT ALL SELECT 1"),
        ("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 3", "SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 3"),
        ("EXPLAIN SELECT 1", "EXPLAIN SELECT 1"),
        ("explain analyze SELECT 1", "EXPLAIN ANALYZE SELECT 1"),
        ("EXPLAIN (SELECT 1)", "EXPLAIN SELECT 1"),
        ("SELECT a limit 5", "SELECT a LIMIT 5"),
        ("SELECT \"order\", \"group\" FROM \"table\"", "SELECT \"order\", \"group\" FROM \"table\""),
        ("SELECT `date` FROM `my table`", "SELECT \"date\" FROM \"my table\""),
        ("SELECT date, year, month, day, hour, timestamp, data, count FROM t", "SELECT date, year, month, day, hour, timestamp, data, count FROM t"),
        ("SELECT 1 -- trailing comment", "SELECT 1"),
    ])
    func roundTrips(input: String, expected: String) throws {
        #expect(try canonical(input) == expected)
    }

    @Test func intersectBindsTighterThanUnion() throws {
        guard case .setOperation(let union) = try query("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3").body else {
            Issue.record("not a set operation")
            return
        }
        #expect(union.kind == .union)
        guard case .setOperation(let intersect) = union.right else {
            Issue.record("INTERSECT is not on the right")
            return
        }
        #expect(intersect.kind == .intersect)
    }

    @Test func unionIsLeftAssociative() throws {
        guard case .setOperation(let outer) = try query("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3").body,
              case .setOperation(let inner) = outer.left else {
            Issue.record("not left-associative")
            return
        }
        #expect(outer.kind == .except)
        #expect(!outer.isAll)
        #expect(inner.kind == .union)
        #expect(inner.isAll)
    }

    @Test func nestedQueryKeepsItsOwnLimit() throws {
        guard case .setOperation(let union) = try query("(SELECT a FROM t LIMIT 1) UNION SELECT b FROM u").body,
              case .nested(let nested) = union.left else {
            Issue.record("no nested query")
            return
        }
        #expect(nested.limit?.sqlText == "1")
    }

    @Test func selectStructure() throws {
        let select = try select("SELECT DISTINCT a, t.* FROM t WHERE a > 1 GROUP BY a, 2 HAVING sum(b) > 0")
        #expect(select.isDistinct)
        #expect(select.items.count == 2)
        guard case .all(let qualifier, _) = select.items[1] else {
            Issue.record("no t.*")
            return
        }
        #expect(qualifier?.description == "t")
        #expect(select.whereClause?.sqlText == "a > 1")
        #expect(select.groupBy.map(\.sqlText) == ["a", "2"])
        #expect(select.having?.sqlText == "sum(b) > 0")
    }

    @Test func limitAndOffsetValues() throws {
        let parsed = try query("SELECT a FROM t ORDER BY a DESC NULLS FIRST OFFSET 20 LIMIT 10")
        #expect(parsed.limit?.kind.literal == .integer("10"))
        #expect(parsed.offset?.kind.literal == .integer("20"))
        #expect(parsed.orderBy.count == 1)
        #expect(parsed.orderBy[0].isAscending == false)
        #expect(parsed.orderBy[0].nullsFirst == true)
        #expect(try query("SELECT a FROM t ORDER BY a").orderBy[0].nullsFirst == nil)
    }

    @Test func commonTableExpressions() throws {
        let parsed = try query("WITH a AS (SELECT 1), b (x) AS (SELECT 2) SELECT * FROM a")
        #expect(parsed.with.map(\.name.value) == ["a", "b"])
        #expect(parsed.with[0].columnNames == nil)
        #expect(parsed.with[1].columnNames?.map(\.value) == ["x"])
    }

    @Test func valuesRows() throws {
        guard case .values(let rows, _) = try query("VALUES (1, 'a'), (2, 'b')").body else {
            Issue.record("not VALUES")
            return
        }
        #expect(rows.map { $0.map(\.sqlText) } == [["1", "'a'"], ["2", "'b'"]])
    }

    @Test func explainWrapsTheQuery() throws {
        guard case .explain(let inner, let isAnalyze, let span) = try SQLParser.parse("EXPLAIN ANALYZE SELECT 1"),
              case .query = inner else {
            Issue.record("not EXPLAIN")
            return
        }
        #expect(isAnalyze)
        #expect(span == SourceSpan(start: 0, end: 24))
    }

    @Test func nonReservedKeywordsWorkAsNames() throws {
        let select = try select("SELECT first, last, position, row, zone, filter, over, range FROM t AS data")
        #expect(select.items.count == 8)
    }
}
