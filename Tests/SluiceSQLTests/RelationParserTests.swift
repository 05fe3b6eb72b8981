import SluiceCore
import Testing
@testable import SluiceSQL

@Suite struct RelationParserTests {
    @Test(arguments: [
        ("SELECT * FROM a JOIN b ON a.id = b.id", "SELECT * FROM a JOIN b ON a.id = b.id"),
        ("SELECT * FROM a INNER JOIN b USING (id, day)", "SELECT * FROM a JOIN b USING (id, day)"),
        ("SELECT * FROM a LEFT OUTER JOIN b ON true", "SELECT * FROM a LEFT JOIN b ON TRUE"),
        ("SELECT * FROM a RIGHT JOIN b ON x", "SELECT * FROM a RIGHT JOIN b ON x"),
        ("SELECT * FROM a FULL OUTER JOIN b ON x", "SELECT * FROM a FULL JOIN b ON x"),
        ("SELECT * FROM a CROSS JOIN b", "SELECT * FROM a CROSS JOIN b"),
        ("SELECT * FROM a NATURAL JOIN b", "SELECT * FROM a NATURAL JOIN b"),
        ("SELECT * FROM a NATURAL LEFT JOIN b", "SELECT * FROM a NATURAL LEFT JOIN b"),
        ("SELECT * FROM a x JOIN b y ON x.k = y.k LEFT JOIN c z ON z.k = y.k",
         "SELECT * FROM a AS x JOIN b AS y ON x.k = y.k LEFT JOIN c AS z ON z.k = y.k"),
        ("SELECT * FROM a JOIN (b JOIN c ON b.k = c.k) ON a.k = b.k", "SELECT * FROM a JOIN (b JOIN c ON b.k = c.k) ON a.k = b.k"),
        ("SELECT * FROM a JOIN b JOIN c ON b.k = c.k ON a.k = b.k", "SELECT * FROM a JOIN (b JOIN c ON b.k = c.k) ON a.k = b.k"),
        ("SELECT * FROM (a JOIN b ON a.k = b.k)", "SELECT * FROM a JOIN b ON a.k = b.k"),
        ("SELECT * FROM ((a JOIN b ON a.k = b.k)) CROSS JOIN c", "SELECT * FROM a JOIN b ON a.k = b.k CROSS JOIN c"),
        ("SELECT * FROM read_parquet('s3://lake/orders/', 'x') AS o", "SELECT * FROM read_parquet('s3://lake/orders/', 'x') AS o"),
        ("SELECT * FROM (SELECT 1 AS x) t", "SELECT * FROM (SELECT 1 AS x) AS t"),
        ("SELECT * FROM (SELECT 1, 2) AS t (a, b)", "SELECT * FROM (SELECT 1, 2) AS t (a, b)"),
        ("SELECT * FROM (VALUES (1, 'a')) AS t(id, name)", "SELECT * FROM (VALUES (1, 'a')) AS t (id, name)"),
        ("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u", "SELECT * FROM (SELECT 1 UNION SELECT 2) AS u"),
        ("SELECT * FROM ((SELECT 1) AS x JOIN y ON true)", "SELECT * FROM (SELECT 1) AS x JOIN y ON TRUE"),
        ("SELECT * FROM UNNEST(ARRAY[1, 2]) AS t(x)", "SELECT * FROM UNNEST(ARRAY[1, 2]) AS t (x)"),
        ("SELECT * FROM UNNEST(a, b) WITH ORDINALITY AS t (x, y, n)", "SELECT * FROM UNNEST(a, b) WITH ORDINALITY AS t (x, y, n)"),
        ("SELECT e.id, tag FROM events e CROSS JOIN UNNEST(e.tags) AS t (tag)",
         "SELECT e.id, tag FROM events AS e CROSS JOIN UNNEST(e.tags) AS t (tag)"),
        ("SELECT * FROM events LEFT JOIN UNNEST(tags) t(tag) ON true", "SELECT * FROM events LEFT JOIN UNNEST(tags) AS t (tag) ON TRUE"),
        ("SELECT * FROM catalog.db.\"Table\"", "SELECT * FROM catalog.db.\"Table\""),
        ("SELECT * FROM t LIMIT 1", "SELECT * FROM t LIMIT 1"),
        ("SELECT * FROM t OFFSET 2", "SELECT * FROM t OFFSET 2"),
    ])
    func roundTrips(input: String, expected: String) throws {
        #expect(try canonical(input) == expected)
    }

    @Test func joinStructure() throws {
        let select = try select("SELECT * FROM a LEFT JOIN b ON a.k = b.k JOIN c USING (k)")
        guard case .join(let outer) = select.from[0], case .join(let inner) = outer.left else {
            Issue.record("joins are not left-deep")
            return
        }
        #expect(outer.kind == .inner)
        #expect(inner.kind == .left)
        guard case .using(let columns) = outer.criteria, case .on(let condition) = inner.criteria else {
            Issue.record("wrong criteria")
            return
        }
        #expect(columns.map(\.value) == ["k"])
        #expect(condition.sqlText == "a.k = b.k")
    }

    @Test func crossAndNaturalCriteria() throws {
        guard case .join(let cross) = try select("SELECT * FROM a CROSS JOIN b").from[0] else {
            Issue.record("no join")
            return
        }
        #expect(cross.kind == .cross)
        #expect(cross.criteria == nil)
        guard case .join(let natural) = try select("SELECT * FROM a NATURAL FULL OUTER JOIN b").from[0],
              case .natural = natural.criteria else {
            Issue.record("no natural join")
            return
        }
        #expect(natural.kind == .full)
    }

    @Test func aliasesWithColumns() throws {
        guard case .subquery(_, let alias, _) = try select("SELECT * FROM (VALUES (1, 'a')) AS t(id, name)").from[0] else {
            Issue.record("no subquery")
            return
        }
        #expect(alias?.name.value == "t")
        #expect(alias?.columns.map(\.value) == ["id", "name"])
    }

    @Test func tableFunction() throws {
        guard case .function(let name, let arguments, let alias, _) = try select("SELECT * FROM read_parquet('s3://b/k/') o").from[0] else {
            Issue.record("no table function")
            return
        }
        #expect(name.description == "read_parquet")
        #expect(arguments.map(\.sqlText) == ["'s3://b/k/'"])
        #expect(alias?.name.value == "o")
    }

    @Test func unnestWithOrdinality() throws {
        guard case .unnest(let arguments, let withOrdinality, let alias, _) =
                try select("SELECT * FROM UNNEST(x, y) WITH ORDINALITY t(a, b, n)").from[0] else {
            Issue.record("no unnest")
            return
        }
        #expect(arguments.count == 2)
        #expect(withOrdinality)
        #expect(alias?.columns.count == 3)
    }

    @Test func commaSeparatedFromList() throws {
        #expect(try select("SELECT * FROM a, b x, (SELECT 1) y").from.count == 3)
    }
}
