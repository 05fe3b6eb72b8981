import SluiceCore
import Testing
@testable import SluiceSQL

/// Text nested just under the limit parses (on the parser's own large stack), and just over
/// it fails with `sql.tooDeep`, for every construct that nests.
@Suite struct DepthLimitTests {
    /// `open` repeated `count` times around `middle`, then `close` repeated.
    static func nest(_ open: String, _ middle: String, _ close: String, _ count: Int) -> String {
        String(repeating: open, count: count) + middle + String(repeating: close, count: count)
    }

    static let nestings: [(name: String, sql: @Sendable (Int) -> String)] = [
        ("parentheses", { "SELECT " + nest("(", "1", ")", $0) }),
        ("parenthesised sums", { "SELECT " + nest("1 + (", "1", ")", $0) }),
        ("function calls", { "SELECT " + nest("f(", "1", ")", $0) }),
        ("subscripts", { "SELECT " + nest("a[", "1", "]", $0) }),
        ("CASE", { "SELECT " + nest("CASE WHEN ", "x", " THEN 1 END", $0) }),
        ("NOT", { "SELECT " + nest("NOT ", "x", "", $0) }),
        ("unary minus", { "SELECT " + nest("- ", "x", "", $0) }),
        ("CAST", { "SELECT " + nest("CAST(", "x", " AS int)", $0) }),
        ("scalar subqueries", { "SELECT " + nest("(SELECT ", "1", ")", $0) }),
        ("IN subqueries", { "SELECT " + nest("x IN (SELECT ", "1", ")", $0) }),
        ("FROM subqueries", { nest("SELECT * FROM (", "SELECT 1", ")", $0) }),
        ("parenthesised queries", { nest("(", "SELECT 1", ")", $0) }),
        ("parenthesised joins", { "SELECT * FROM " + nest("(", "a", " JOIN b ON true)", $0) }),
        ("WITH", { nest("WITH a AS (", "SELECT 1", ") SELECT 1", $0) }),
        ("array types", { "SELECT CAST(x AS " + nest("array(", "int", ")", $0) + ")" }),
        ("EXPLAIN", { String(repeating: "EXPLAIN ", count: $0) + "SELECT 1" }),
        ("OVER", { "SELECT " + nest("sum(", "1", ") OVER (ORDER BY x)", $0) }),
    ]

    @Test func justUnderTheLimitParses() {
        for nesting in DepthLimitTests.nestings {
            // Constructs spend up to three levels each (query, body, relation); stay within.
            let sql = nesting.sql(Parser.maximumDepth / 3 - 2)
            #expect(parseError(sql) == nil, "\(nesting.name)")
        }
    }

    @Test func overTheLimitIsRefused() {
        for nesting in DepthLimitTests.nestings {
            let error = parseError(nesting.sql(Parser.maximumDepth + 1))
            #expect(error?.code == "sql.tooDeep", "\(nesting.name)")
        }
    }

    @Test func deepestReachableNestingDoesNotOverflow() {
        // Every nesting kind right at the point where the limit trips: the parser must stop
        // with an error, never run out of stack.
        for nesting in DepthLimitTests.nestings {
            for count in [Parser.maximumDepth - 1, Parser.maximumDepth] {
                let error = parseError(nesting.sql(count))
                #expect(error == nil || error?.code == "sql.tooDeep", "\(nesting.name) \(count): \(String(describing: error))")
            }
        }
    }
}

@Suite struct NestingEstimateTests {
    @Test func estimateBoundsTheNesting() throws {
        #expect(try Parser(source: "SELECT a FROM t").nestingEstimate == 1)
        #expect(try Parser(source: "SELECT f(g(x)) FROM t").nestingEstimate == 3)
        #expect(try Parser(source: "SELECT NOT NOT - x").nestingEstimate == 4)
        // Stray closing brackets must not hide the nesting that follows them.
        #expect(try Parser(source: ")))) ((((").nestingEstimate == 4)
        #expect(try Parser(source: "CAST(x AS array<array<int>>)").nestingEstimate == 3)
    }
}
