import SluiceCore
import Testing
@testable import SluiceSQL

@Suite struct ExpressionParserTests {
    @Test(arguments: [
        // Arithmetic binds tighter than concatenation, which binds tighter than comparison.
        ("1 + 2 * 3", "1 + 2 * 3"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("a - (b - c)", "a - (b - c)"),
        ("a - b - c", "a - b - c"),
        ("a / b % c * d", "a / b % c * d"),
        ("a || b + c", "a || b + c"),
        ("(a || b) + c", "(a || b) + c"),
        ("a || b = c || d", "a || b = c || d"),
        ("-a * b", "-a * b"),
        ("-(a * b)", "-(a * b)"),
        ("- -a", "-(-a)"),
        ("NOT a = b", "NOT a = b"),
        ("NOT (a AND b)", "NOT (a AND b)"),
        ("NOT NOT a", "NOT NOT a"),
        ("a OR b AND c", "a OR b AND c"),
        ("(a OR b) AND c", "(a OR b) AND c"),
        ("a AND NOT b OR c", "a AND NOT b OR c"),
        ("a = 1 AND b BETWEEN 1 AND 2 OR c IS NULL", "a = 1 AND b BETWEEN 1 AND 2 OR c IS NULL"),
        ("a + 1 BETWEEN b - 1 AND b + 1", "a + 1 BETWEEN b - 1 AND b + 1"),
        ("x::bigint + 1", "CAST(x AS bigint) + 1"),
        ("-x::int", "-CAST(x AS int)"),
        ("a[1].b", "a[1].b"),
        ("(a + b)[1]", "(a + b)[1]"),
        ("a <> b AND a != c", "a <> b AND a <> c"),
    ])
    func precedence(input: String, expected: String) throws {
        #expect(try canonicalExpression(input) == expected)
    }

    @Test func multiplicationIsTheRightChildOfAddition() throws {
        let expression = try SQLParser.parseExpression("1 + 2 * 3")
        guard case .binary(.add, let left, let right) = expression.kind,
              case .literal(.integer("1")) = left.kind,
              case .binary(.multiply, _, _) = right.kind else {
            Issue.record("wrong tree: \(expression.sqlText)")
            return
        }
    }

    @Test func subtractionIsLeftAssociative() throws {
        let expression = try SQLParser.parseExpression("a - b - c")
        guard case .binary(.subtract, let left, let right) = expression.kind,
              case .binary(.subtract, _, _) = left.kind,
              case .identifier(let c) = right.kind else {
            Issue.record("wrong tree")
            return
        }
        #expect(c.value == "c")
    }

    @Test func notBindsLooserThanComparison() throws {
        let expression = try SQLParser.parseExpression("NOT a = b")
        guard case .unary(.not, let operand) = expression.kind, case .binary(.equal, _, _) = operand.kind else {
            Issue.record("wrong tree")
            return
        }
    }

    @Test func concatenationBindsLooserThanAddition() throws {
        let expression = try SQLParser.parseExpression("a || b + c")
        guard case .binary(.concatenate, _, let right) = expression.kind, case .binary(.add, _, _) = right.kind else {
            Issue.record("wrong tree")
            return
        }
    }

    @Test(arguments: [
        ("NULL", "NULL"), ("true", "TRUE"), ("FALSE", "FALSE"), ("42", "42"), ("1.50", "1.50"), (".5", ".5"),
        ("1e3", "1e3"), ("'it''s'", "'it''s'"), ("DATE '2026-11-03'", "DATE '2026-11-03'"),
        ("timestamp '2026-11-03 10:00:00'", "TIMESTAMP '2026-11-03 10:00:00'"), ("TIME '10:00'", "TIME '10:00'"),
        ("DECIMAL '1.5'", "DECIMAL '1.5'"), ("X'0aff'", "X'0aff'"), ("x'0A FF'", "X'0AFF'"),
        ("DOUBLE PRECISION '1.5'", "DOUBLE '1.5'"), ("REAL '2'", "REAL '2'"),
        ("INTERVAL '3' DAY", "INTERVAL '3' DAY"), ("interval '1' year to month", "INTERVAL '1' YEAR TO MONTH"),
        ("INTERVAL -'2' HOUR", "INTERVAL '-2' HOUR"), ("INTERVAL '-2' MONTH", "INTERVAL '-2' MONTH"),
        ("INTERVAL - '-2' MONTH", "INTERVAL '2' MONTH"), ("INTERVAL '5' days", "INTERVAL '5' DAY"),
        ("INTERVAL 7 DAY", "INTERVAL '7' DAY"),
    ])
    func literals(input: String, expected: String) throws {
        #expect(try canonicalExpression(input) == expected)
    }

    @Test func literalKinds() throws {
        #expect(try SQLParser.parseExpression("1.50").kind.literal == .decimal("1.50"))
        #expect(try SQLParser.parseExpression("2.5E-1").kind.literal == .double("2.5E-1"))
        #expect(try SQLParser.parseExpression("99999999999999999999999").kind.literal == .integer("99999999999999999999999"))
        #expect(try SQLParser.parseExpression("date '2026-01-01'").kind.literal == .typed(type: "DATE", value: "2026-01-01"))
        #expect(try SQLParser.parseExpression("X'0aff'").kind.literal == .typed(type: "X", value: "0aff"))
        #expect(try SQLParser.parseExpression("''").kind.literal == .string(""))
    }

    @Test func intervalTree() throws {
        guard case .interval(let value, let unit, let toUnit) = try SQLParser.parseExpression("INTERVAL '1-2' YEAR TO MONTH").kind else {
            Issue.record("not an interval")
            return
        }
        #expect(value == "1-2")
        #expect(unit == .year)
        #expect(toUnit == .month)
    }

    @Test func dottedNamesAreNestedDereferences() throws {
        let expression = try SQLParser.parseExpression("a.b.c")
        guard case .dereference(let inner, let c) = expression.kind,
              case .dereference(let base, let b) = inner.kind,
              case .identifier(let a) = base.kind else {
            Issue.record("wrong tree")
            return
        }
        #expect([a.value, b.value, c.value] == ["a", "b", "c"])
        #expect(try canonicalExpression("t.\"Mixed Case\".x") == "t.\"Mixed Case\".x")
        #expect(try canonicalExpression("t.date") == "t.date")
    }

    @Test(arguments: [
        ("count(*)", "count(*)"),
        ("COUNT(DISTINCT user_id)", "COUNT(DISTINCT user_id)"),
        ("sum(ALL x)", "sum(x)"),
        ("sum(amount) FILTER (WHERE amount > 0)", "sum(amount) FILTER (WHERE amount > 0)"),
        ("lag(x, 1) IGNORE NULLS OVER (ORDER BY t)", "lag(x, 1) IGNORE NULLS OVER (ORDER BY t)"),
        ("first_value(x) RESPECT NULLS OVER (ORDER BY t)", "first_value(x) OVER (ORDER BY t)"),
        ("row_number() OVER (PARTITION BY a, b ORDER BY c DESC NULLS FIRST)",
         "row_number() OVER (PARTITION BY a, b ORDER BY c DESC NULLS FIRST)"),
        ("sum(x) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
         "sum(x) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
        ("avg(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '7' DAY PRECEDING AND 1 FOLLOWING)",
         "avg(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '7' DAY PRECEDING AND 1 FOLLOWING)"),
        ("sum(x) OVER (ROWS 3 PRECEDING)", "sum(x) OVER (ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)"),
        ("max(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)",
         "max(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)"),
        ("count(*) OVER ()", "count(*) OVER ()"),
        ("array_agg(x ORDER BY y DESC)", "array_agg(x ORDER BY y DESC)"),
        ("my_schema.my_func(1, 'a')", "my_schema.my_func(1, 'a')"),
        ("now()", "now()"),
        ("if(a > 0, 'pos', 'neg')", "if(a > 0, 'pos', 'neg')"),
        ("coalesce(a, b, 0)", "coalesce(a, b, 0)"),
    ])
    func functionCalls(input: String, expected: String) throws {
        #expect(try canonicalExpression(input) == expected)
    }

    @Test func functionCallStructure() throws {
        guard case .function(let call) = try SQLParser.parseExpression(
            "count(DISTINCT x) FILTER (WHERE y > 1) OVER (PARTITION BY p ORDER BY o ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)").kind else {
            Issue.record("not a call")
            return
        }
        #expect(call.name.description == "count")
        #expect(call.isDistinct)
        #expect(call.filter?.sqlText == "y > 1")
        #expect(call.window?.partitionBy.map(\.sqlText) == ["p"])
        #expect(call.window?.orderBy.map(\.expression.sqlText) == ["o"])
        guard let frame = call.window?.frame, case .preceding(let start) = frame.start, case .following(let end) = frame.end else {
            Issue.record("no frame")
            return
        }
        #expect(frame.unit == .rows)
        #expect(start.sqlText == "2")
        #expect(end.sqlText == "1")
    }

    @Test func countStarHasAStarArgument() throws {
        guard case .function(let call) = try SQLParser.parseExpression("count(*)").kind,
              call.arguments.count == 1, case .star = call.arguments[0].kind else {
            Issue.record("count(*) has no star")
            return
        }
    }

    @Test func ignoreNullsIsRecorded() throws {
        guard case .function(let call) = try SQLParser.parseExpression("lead(x) IGNORE NULLS OVER (ORDER BY t)").kind else {
            Issue.record("not a call")
            return
        }
        #expect(call.ignoresNulls)
    }

    @Test(arguments: [
        ("CAST(x AS bigint)", "CAST(x AS bigint)"),
        ("TRY_CAST(x AS double)", "TRY_CAST(x AS double)"),
        ("x::varchar", "CAST(x AS string)"),
        ("CASE WHEN a > 0 THEN 'p' WHEN a < 0 THEN 'n' ELSE 'z' END", "CASE WHEN a > 0 THEN 'p' WHEN a < 0 THEN 'n' ELSE 'z' END"),
        ("case status when 1 then 'on' end", "CASE status WHEN 1 THEN 'on' END"),
        ("a NOT BETWEEN 1 AND 10", "a NOT BETWEEN 1 AND 10"),
        ("a IN (1, 2, 3)", "a IN (1, 2, 3)"),
        ("a NOT IN ('x')", "a NOT IN ('x')"),
        ("a IN (SELECT id FROM t)", "a IN (SELECT id FROM t)"),
        ("a NOT IN ((SELECT id FROM t) UNION (SELECT id FROM u))", "a NOT IN (SELECT id FROM t UNION SELECT id FROM u)"),
        ("EXISTS (SELECT 1 FROM t WHERE t.a = b)", "EXISTS (SELECT 1 FROM t WHERE t.a = b)"),
        ("NOT EXISTS (SELECT 1)", "NOT EXISTS (SELECT 1)"),
        ("(SELECT max(x) FROM t) + 1", "(SELECT max(x) FROM t) + 1"),
        ("((SELECT 1)) * 2", "(SELECT 1) * 2"),
        ("name LIKE 'a%'", "name LIKE 'a%'"),
        ("name NOT LIKE 'a!%%' ESCAPE '!'", "name NOT LIKE 'a!%%' ESCAPE '!'"),
        ("x IS NULL", "x IS NULL"),
        ("x IS NOT NULL", "x IS NOT NULL"),
        ("x IS DISTINCT FROM y", "x IS DISTINCT FROM y"),
        ("x IS NOT DISTINCT FROM y", "x IS NOT DISTINCT FROM y"),
        ("x IS TRUE", "x IS NOT DISTINCT FROM TRUE"),
        ("x IS NOT FALSE", "x IS DISTINCT FROM FALSE"),
        ("arr[1]", "arr[1]"),
        ("m['k']", "m['k']"),
        ("ARRAY[1, 2, 3]", "ARRAY[1, 2, 3]"),
        ("ARRAY[]", "ARRAY[]"),
        ("ROW(1, 'a')", "ROW(1, 'a')"),
        ("(1, 'a')", "ROW(1, 'a')"),
        ("EXTRACT(YEAR FROM d)", "EXTRACT(YEAR FROM d)"),
        ("extract(dow from d)", "EXTRACT(dow FROM d)"),
        ("current_date", "current_date"),
        ("CURRENT_TIMESTAMP", "current_timestamp"),
        ("current_timestamp(3)", "current_timestamp(3)"),
        ("localtimestamp", "localtimestamp"),
        ("position('b' IN name)", "strpos(name, 'b')"),
        ("substring(name FROM 2 FOR 3)", "substr(name, 2, 3)"),
        ("SUBSTRING(name FROM 2)", "substr(name, 2)"),
        ("substring(name, 2, 3)", "substring(name, 2, 3)"),
        ("trim(name)", "trim(name)"),
        ("trim(BOTH FROM name)", "trim(name)"),
        ("trim(LEADING 'x' FROM name)", "ltrim(name, 'x')"),
        ("TRIM(TRAILING FROM name)", "rtrim(name)"),
        ("trim('x' FROM name)", "trim(name, 'x')"),
        ("ts AT TIME ZONE 'Asia/Seoul'", "at_timezone(ts, 'Asia/Seoul')"),
        ("\"select\" + `from`", "\"select\" + \"from\""),
    ])
    func specialForms(input: String, expected: String) throws {
        #expect(try canonicalExpression(input) == expected)
    }

    @Test func extractTree() throws {
        guard case .extract(let field, let value) = try SQLParser.parseExpression("EXTRACT(month FROM created_at)").kind else {
            Issue.record("not extract")
            return
        }
        #expect(field.value == "month")
        #expect(value.sqlText == "created_at")
    }

    @Test func castTargetTypes() throws {
        guard case .cast(_, let type, let isTry) = try SQLParser.parseExpression("TRY_CAST(x AS decimal(10, 2))").kind else {
            Issue.record("not a cast")
            return
        }
        #expect(type == .decimal(precision: 10, scale: 2))
        #expect(isTry)
    }

    @Test func rowListWithOneItemIsJustTheItem() throws {
        guard case .identifier = try SQLParser.parseExpression("((a))").kind else {
            Issue.record("parentheses kept")
            return
        }
    }

    @Test func reservedWordsCanFollowADot() throws {
        #expect(try canonicalExpression("event.from + event.order") == "event.from + event.order")
    }
}

extension ExpressionKind {
    /// The literal, when this is one.
    var literal: Literal? {
        if case .literal(let literal) = self { return literal }
        return nil
    }
}

@Suite struct SQLTextEdgeTests {
    @Test func numberBeforeADotIsParenthesised() throws {
        #expect(try canonicalExpression("(3).x") == "(3).x")
        #expect(try canonicalExpression("(1.5).y") == "(1.5).y")
    }

    @Test func quotedNamesEscapeQuotes() throws {
        #expect(try canonicalExpression(#""a""b""#) == #""a""b""#)
    }

    @Test func engineBuiltNegativeLiteralsKeepTheirSign() {
        let negative = Expression(.literal(.integer("-5")), span: .none)
        let negated = Expression(.unary(.minus, negative), span: .none)
        #expect(negated.sqlText == "-(-5)")
        let product = Expression(.binary(.multiply, negative, negative), span: .none)
        #expect(product.sqlText == "-5 * -5")
    }
}
