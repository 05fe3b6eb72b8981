import SluiceCore
import Testing
@testable import SluiceSQL

/// Valid queries cut short or mutated must only ever raise `SluiceError`s, and canonical text
/// must be stable: printing, parsing and printing again gives the same text.
@Suite struct RobustnessTests {
    static let corpus = [
        "SELECT a, b AS c, count(*) FROM t WHERE x > 1 AND y LIKE 'a%' GROUP BY 1, 2 HAVING count(*) > 3 ORDER BY 3 DESC LIMIT 10",
        "WITH o AS (SELECT * FROM orders WHERE dt >= DATE '2026-11-01') SELECT o.id, c.name FROM o LEFT JOIN customers c ON o.cid = c.id",
        "SELECT CASE WHEN a IS NULL THEN 'none' WHEN a BETWEEN 1 AND 5 THEN 'low' ELSE 'high' END AS bucket FROM t",
        "SELECT region, sum(amount) OVER (PARTITION BY region ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) FROM sales",
        "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (id, name) CROSS JOIN UNNEST(ARRAY[1, 2]) WITH ORDINALITY AS u (x, n)",
        "SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT (SELECT 4 ORDER BY 1 LIMIT 1)",
        "SELECT CAST(x AS map(varchar, array(row(a bigint, b double)))), TRY_CAST(y AS decimal(10, 2)), z::json FROM t",
        "SELECT e.payload.device.os, tags[1], attrs['k'], EXTRACT(YEAR FROM ts), ts AT TIME ZONE 'UTC' FROM events e",
        "SELECT trim(LEADING 'x' FROM s), substring(s FROM 2 FOR 3), position('a' IN s), current_date, INTERVAL '1' YEAR TO MONTH FROM t",
        "EXPLAIN ANALYZE SELECT a FROM t WHERE a IN (SELECT b FROM u) AND NOT EXISTS (SELECT 1 FROM v WHERE v.a = t.a)",
        "SELECT count(DISTINCT a) FILTER (WHERE b > 0), lag(a) IGNORE NULLS OVER (ORDER BY c) FROM t OFFSET 5 LIMIT 5",
        "SELECT \"select\", `from`, 'it''s', X'00ff', 1.5, .5, 1e3, -x, +y, a || b % c FROM \"my table\" /* c */ -- d",
    ]

    @Test func canonicalTextIsStable() throws {
        for sql in RobustnessTests.corpus {
            let once = try canonical(sql)
            let twice = try canonical(once)
            #expect(once == twice, "\(sql)")
        }
    }

    @Test func truncationsNeverCrash() {
        for sql in RobustnessTests.corpus {
            let bytes = Array(sql.utf8)
            for length in 0...bytes.count {
                let prefix = String(decoding: bytes[0..<length], as: UTF8.self)
                do {
                    _ = try SQLParser.parse(prefix).sqlText
                } catch {
                    #expect(error.domain == .query)
                    #expect(!error.message.isEmpty)
                    #expect(error.location?.line != nil)
                }
            }
        }
    }

    /// Every word of every query deleted, replaced by, or preceded by each troublesome piece.
    @Test func mutationsNeverCrash() {
        let pieces = ["(", ")", ",", "'", "\"", "SELECT", "FROM", "JOIN", "NOT", "*", "[", "::", ".", "CASE", "--", "/*",
                      "X'", "->", ";", "UNION", "é"]
        for sql in RobustnessTests.corpus {
            let words = sql.split(separator: " ").map(String.init)
            var variants: [[String]] = []
            for position in words.indices {
                var deleted = words
                deleted.remove(at: position)
                variants.append(deleted)
                for piece in pieces {
                    var replaced = words
                    replaced[position] = piece
                    variants.append(replaced)
                    var inserted = words
                    inserted.insert(piece, at: position)
                    variants.append(inserted)
                }
            }
            for variant in variants {
                let text = variant.joined(separator: " ")
                do {
                    // Whatever parses must print text that parses back the same.
                    let printed = try SQLParser.parse(text).sqlText
                    #expect(try canonical(printed) == printed, "\(text)")
                } catch {
                    #expect(error.domain == .query, "\(text)")
                }
            }
        }
    }

    @Test func largeQueryParsesQuickly() throws {
        let conditions = (0..<4000).map { "a = \($0)" }.joined(separator: " OR ")
        let items = (0..<2000).map { "coalesce(c\($0), 0) + \($0) AS x\($0)" }.joined(separator: ", ")
        let sql = "SELECT \(items) FROM t WHERE \(conditions)"
        #expect(sql.utf8.count > 100_000)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            _ = try SQLParser.parse(sql)
        }
        #expect(elapsed < .seconds(1))
        #expect(try canonical(sql).hasPrefix("SELECT coalesce(c0, 0) + 0 AS x0"))
    }

    @Test func longInListParses() throws {
        let list = (0..<20000).map(String.init).joined(separator: ", ")
        guard case .inList(_, let items, _) = try SQLParser.parseExpression("a IN (\(list))").kind else {
            Issue.record("no IN list")
            return
        }
        #expect(items.count == 20000)
    }

    @Test func longAssociativeChainsAreBalanced() throws {
        let terms = 10_000
        let sql = (0..<terms).map { "a = \($0)" }.joined(separator: " OR ")
        let expression = try SQLParser.parseExpression(sql)
        #expect(RobustnessTests.height(expression) <= 16)
        #expect(expression.sqlText == sql)
        let concatenation = (0..<5_000).map { "c\($0)" }.joined(separator: " || ")
        #expect(try canonicalExpression(concatenation) == concatenation)
    }

    @Test func longArithmeticChainsCountTowardsTheLimit() throws {
        let fine = (0..<400).map { "x\($0)" }.joined(separator: " + ")
        #expect(try canonicalExpression(fine) == fine)
        let tooLong = (0..<50_000).map { _ in "1" }.joined(separator: "+")
        #expect(expressionError(tooLong)?.code == "sql.tooDeep")
    }

    @Test func associativeGroupingPrintsFlat() throws {
        #expect(try canonicalExpression("a OR (b OR c)") == "a OR b OR c")
        #expect(try canonicalExpression("a || (b || c)") == "a || b || c")
        #expect(try canonicalExpression("a - (b - c)") == "a - (b - c)")
        #expect(try canonicalExpression("a AND (b OR c)") == "a AND (b OR c)")
    }

    /// The number of binary levels from `expression` down to its deepest leaf.
    static func height(_ expression: Expression) -> Int {
        guard case .binary(_, let left, let right) = expression.kind else { return 0 }
        return 1 + max(height(left), height(right))
    }
}
