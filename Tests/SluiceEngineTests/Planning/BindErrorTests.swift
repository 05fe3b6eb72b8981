import Testing
import SluiceCore
import SluiceEngine

/// Errors of the binder: what, where (line and column), and how to fix it.
@Suite struct BindErrorTests {
    private func error(_ sql: String, _ lake: PlanningFixture) throws -> SluiceError {
        do {
            _ = try lake.engine.execute(sql)
        } catch {
            return error
        }
        Issue.record("expected an error for \(sql)")
        return SluiceError.internal("no error")
    }

    @Test func unknownColumnSuggestsTheNearestAndListsColumns() throws {
        let lake = try PlanningFixture()
        let failure = try error("SELECT categroy FROM \(lake.users)", lake)
        #expect(failure.code == "query.unknownColumn")
        #expect(failure.message == "Column 'categroy' not found. Columns: user_id, name, city.")
        let typo = try error("SELECT naem FROM \(lake.users)", lake)
        #expect(typo.message == "Column 'naem' not found. Did you mean 'name'? Columns: user_id, name, city.")
        #expect(typo.location?.line == 1 && typo.location?.column == 8)
    }

    @Test func unknownTableSaysHowToReadFiles() throws {
        let lake = try PlanningFixture()
        let failure = try error("WITH orders AS (SELECT 1) SELECT * FROM orderz", lake)
        #expect(failure.message == "Table 'orderz' not found. Did you mean 'orders'?")
        #expect(failure.hint?.contains("read_parquet") == true)
    }

    @Test func groupingMistakesNameTheColumn() throws {
        let lake = try PlanningFixture()
        let failure = try error("SELECT city, count(*) FROM \(lake.users) GROUP BY name", lake)
        #expect(failure.message == "Column 'city' must appear in GROUP BY or be used in an aggregate function.")
        let inWhere = try error("SELECT city FROM \(lake.users) WHERE count(*) > 1", lake)
        #expect(inWhere.message == "Aggregate function 'count' is not allowed in WHERE.")
        #expect(inWhere.hint == "Filter on aggregates with HAVING.")
    }

    @Test func ambiguousColumnsAskForAQualifier() throws {
        let lake = try PlanningFixture()
        let failure = try error("SELECT user_id FROM \(lake.users) a, \(lake.users) b", lake)
        #expect(failure.code == "query.ambiguousColumn")
        #expect(failure.hint == "Qualify it: a.user_id or b.user_id.")
    }

    @Test func typeMismatchShowsTheExpression() throws {
        let lake = try PlanningFixture()
        let failure = try error("SELECT name + 1 FROM \(lake.users)", lake)
        #expect(failure.description.contains("name + 1"), "\(failure)")
        #expect(failure.location?.column == 8)
    }

    @Test func badOrdinalsAndLimits() throws {
        let lake = try PlanningFixture()
        #expect(try error("SELECT name FROM \(lake.users) ORDER BY 2", lake).code == "query.badOrdinal")
        #expect(try error("SELECT name FROM \(lake.users) GROUP BY 3", lake).code == "query.badOrdinal")
        #expect(try error("SELECT name FROM \(lake.users) LIMIT -1", lake).message.contains("after 'LIMIT'"))
    }

    @Test func lakeURIsNeedALakeFolder() throws {
        let engine = QueryEngine(options: QueryOptions(threads: 1, lakeRoot: nil))
        #expect(throws: SluiceError.self) { try engine.execute("SELECT * FROM read_json('s3://lake/orders/')") }
        let lake = try PlanningFixture()
        #expect(try lake.rows("SELECT count(*) FROM read_json('s3://orders/') WHERE dt = '2026-11-03'") == [[.int(10)]])
    }
}
