import SluiceCore
import Testing
@testable import SluiceSQL

@Suite struct SpanTests {
    @Test func expressionSpansCoverTheirText() throws {
        let sql = "SELECT (a + 1) * 2 AS x, CAST(b AS int), count(DISTINCT c) FILTER (WHERE d) FROM t"
        let select = try select(sql)
        let texts = select.items.compactMap { item -> String? in
            guard case .expression(let expression, _) = item else { return nil }
            return text(of: expression.span, in: sql)
        }
        #expect(texts == ["(a + 1) * 2", "CAST(b AS int)", "count(DISTINCT c) FILTER (WHERE d)"])
    }

    @Test func childSpans() throws {
        let sql = "x BETWEEN lo AND hi OR name NOT LIKE 'a%'"
        let expression = try SQLParser.parseExpression(sql)
        guard case .binary(.or, let left, let right) = expression.kind,
              case .between(let value, let low, let high, _) = left.kind else {
            Issue.record("wrong tree")
            return
        }
        #expect(text(of: expression.span, in: sql) == sql)
        #expect(text(of: left.span, in: sql) == "x BETWEEN lo AND hi")
        #expect(text(of: value.span, in: sql) == "x")
        #expect(text(of: low.span, in: sql) == "lo")
        #expect(text(of: high.span, in: sql) == "hi")
        #expect(text(of: right.span, in: sql) == "name NOT LIKE 'a%'")
    }

    @Test func spansCountUTF8Bytes() throws {
        let sql = "SELECT '매출' || 이름 FROM 표"
        let select = try select(sql)
        guard case .expression(let expression, _) = select.items[0], case .binary(_, _, let right) = expression.kind else {
            Issue.record("wrong tree")
            return
        }
        #expect(text(of: right.span, in: sql) == "이름")
        #expect(text(of: select.from[0].span, in: sql) == "표")
        #expect(text(of: select.span, in: sql) == sql)
    }

    @Test func querySpans() throws {
        let sql = "WITH a AS (SELECT 1) SELECT * FROM a UNION ALL SELECT 2 ORDER BY 1 LIMIT 5"
        let parsed = try query(sql)
        #expect(text(of: parsed.span, in: sql) == sql)
        #expect(text(of: parsed.with[0].span, in: sql) == "a AS (SELECT 1)")
        #expect(text(of: parsed.with[0].query.span, in: sql) == "SELECT 1")
        guard case .setOperation(let union) = parsed.body else {
            Issue.record("no union")
            return
        }
        #expect(text(of: union.span, in: sql) == "SELECT * FROM a UNION ALL SELECT 2")
        #expect(text(of: parsed.orderBy[0].span, in: sql) == "1")
    }

    @Test func relationSpans() throws {
        let sql = "SELECT * FROM orders AS o LEFT JOIN (SELECT 1 k) s ON o.k = s.k, UNNEST(a) WITH ORDINALITY u (x, n)"
        let select = try select(sql)
        #expect(select.from.map { text(of: $0.span, in: sql) } == [
            "orders AS o LEFT JOIN (SELECT 1 k) s ON o.k = s.k", "UNNEST(a) WITH ORDINALITY u (x, n)",
        ])
        guard case .join(let join) = select.from[0] else {
            Issue.record("no join")
            return
        }
        #expect(text(of: join.left.span, in: sql) == "orders AS o")
        #expect(text(of: join.right.span, in: sql) == "(SELECT 1 k) s")
    }

    @Test func identifierSpans() throws {
        let sql = "SELECT \"Quoted Name\" FROM sales.orders"
        let select = try select(sql)
        guard case .expression(let expression, _) = select.items[0], case .identifier(let identifier) = expression.kind,
              case .table(let name, _) = select.from[0] else {
            Issue.record("wrong tree")
            return
        }
        #expect(identifier.value == "Quoted Name")
        #expect(identifier.isQuoted)
        #expect(text(of: identifier.span, in: sql) == "\"Quoted Name\"")
        #expect(text(of: name.span, in: sql) == "sales.orders")
        #expect(text(of: name.parts[1].span, in: sql) == "orders")
    }

    @Test func windowSpans() throws {
        let sql = "sum(x) OVER (PARTITION BY p ROWS 1 PRECEDING)"
        guard case .function(let call) = try SQLParser.parseExpression(sql).kind, let window = call.window,
              let frame = window.frame else {
            Issue.record("no window")
            return
        }
        #expect(text(of: call.span, in: sql) == sql)
        #expect(text(of: window.span, in: sql) == "OVER (PARTITION BY p ROWS 1 PRECEDING)")
        #expect(text(of: frame.span, in: sql) == "ROWS 1 PRECEDING")
    }
}
