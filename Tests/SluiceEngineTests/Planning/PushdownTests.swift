import Testing
import SluiceCore
import SluiceEngine

/// What the optimizer pushes into scans and joins, seen through EXPLAIN and the results.
@Suite struct PushdownTests {
    @Test func partitionFilterOpensOneDayOnly() throws {
        let lake = try PlanningFixture()
        let sql = "SELECT count(*), sum(amount) FROM \(lake.ordersJSON) WHERE dt = '2026-11-02'"
        let plan = try lake.plan(sql)
        #expect(plan.contains("units=1/3"), "\(plan)")
        #expect(try lake.rows(sql) == [[.int(10), .double((10..<20).reduce(0.0) { $0 + Double($1) + 0.5 })]])
    }

    @Test func partitionFilterWithInAndRange() throws {
        let lake = try PlanningFixture()
        let plan = try lake.plan("SELECT order_id FROM \(lake.ordersJSON) WHERE dt IN ('2026-11-01', '2026-11-03')")
        #expect(plan.contains("units=2/3"), "\(plan)")
        let rows = try lake.rows("SELECT count(*) FROM \(lake.ordersJSON) WHERE dt >= '2026-11-02' AND amount > 0")
        #expect(rows == [[.int(20)]])
    }

    @Test func onlyUsedColumnsAreRead() throws {
        let lake = try PlanningFixture()
        let plan = try lake.plan("SELECT category FROM \(lake.ordersJSON) WHERE amount > 3")
        #expect(plan.contains("columns=[category, amount]"), "\(plan)")
        let countPlan = try lake.plan("SELECT count(*) FROM \(lake.ordersParquet)")
        #expect(countPlan.contains("columns=[order_id]"), "\(countPlan)")
    }

    @Test func parquetRowGroupsSkippedByStatistics() throws {
        let lake = try PlanningFixture()
        let sql = "SELECT order_id FROM \(lake.ordersParquet) WHERE order_id >= 25 ORDER BY order_id"
        let plan = try lake.plan(sql)
        #expect(plan.contains("units=1/3"), "\(plan)")
        #expect(try lake.rows(sql) == (25..<30).map { [.int(Int64($0))] })
    }

    @Test func filtersMoveIntoTheJoinSidesTheyConcern() throws {
        let lake = try PlanningFixture()
        let sql = """
            SELECT o.order_id, u.name FROM \(lake.ordersJSON) o, \(lake.users) u
            WHERE o.user_id = u.user_id AND u.city = 'Tokyo' AND o.dt = '2026-11-01'
            """
        let plan = try lake.plan(sql)
        #expect(plan.contains("HashJoin"), "\(plan)")
        #expect(plan.contains("units=1/3"), "\(plan)")
        let rows = try lake.rows(sql + " ORDER BY 1")
        #expect(rows == [1, 5, 9].map { [.int(Int64($0)), .string("Bo")] })
    }

    @Test func constantsAreFoldedBeforeRunning() throws {
        let lake = try PlanningFixture()
        let plan = try lake.plan("SELECT order_id FROM \(lake.ordersJSON) WHERE amount > 2 * 10 + 1")
        #expect(plan.contains("amount > 21"), "\(plan)")
    }
}
