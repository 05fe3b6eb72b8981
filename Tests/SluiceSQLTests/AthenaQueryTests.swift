import SluiceCore
import Testing
@testable import SluiceSQL

/// Queries as Athena users write them parse, and their canonical text parses back unchanged.
@Suite struct AthenaQueryTests {
    @Test(arguments: [
        "SELECT * FROM \"db\".\"table\" WHERE \"dt\" = '2026-11-01' LIMIT 10",
        "SELECT date_trunc('hour', from_iso8601_timestamp(ts)) AS h, count(*) FROM events GROUP BY 1 ORDER BY 1",
        "SELECT json_extract_scalar(payload, '$.user.id') AS user_id FROM raw",
        "SELECT approx_percentile(latency, 0.95) FROM requests",
        "SELECT * FROM t WHERE ts > current_timestamp - interval '1' day",
        "SELECT element_at(m, 'k'), cardinality(arr) FROM t",
        "SELECT CAST(json_parse(x) AS map(varchar, json)) FROM t",
        "SELECT \"$path\", \"$file_modified_time\" FROM t",
        "SELECT a.*, b.x FROM a JOIN b ON a.id = b.id AND a.dt = b.dt",
        "WITH x AS (SELECT k, v FROM t) SELECT * FROM x a LEFT JOIN x b ON a.k = b.k",
        "SELECT count(*) AS \"count\" FROM t",
        "SELECT * FROM t WHERE name LIKE '%foo%' AND NOT (a IS NULL OR b IS NULL)",
        "SELECT if(x > 0, 'a', 'b') FROM t",
        "SELECT date '2020-01-01' + interval '1' month",
        "SELECT year(ts), month(ts), day_of_week(ts) FROM t",
        "select row_number() over (partition by a order by b desc) rn from t",
        "SELECT * FROM t AS t1 (a, b)",
        "SELECT x FROM t GROUP BY x HAVING count(*) > 1 ORDER BY count(*) DESC",
        "SELECT * FROM t WHERE dt BETWEEN '2026-11-01' AND '2026-11-03' AND hour IN ('01', '02')",
        "select map_keys(m)[1] from t",
        "SELECT CASE WHEN a THEN 1 END + 1 FROM t",
        "SELECT t.x.y.z FROM t",
        "SELECT count(*) FILTER (WHERE x) OVER () FROM t",
        "SELECT 'a' || 'b' AS ab",
        "SELECT try(CAST(x AS bigint)) FROM t",
        "SELECT n FROM UNNEST(sequence(1, 10)) AS t (n)",
        "SELECT ts AT TIME ZONE 'UTC' AS utc FROM t",
        "SELECT x FROM t WHERE x NOT IN (SELECT y FROM u WHERE y IS NOT NULL)",
        "SELECT regexp_like(a, '^\\d+$') FROM t",
        "SELECT 1 AS \"a\"\"b\", 2 AS \"매출\"",
        "SELECT a FROM t WHERE b = 'x' -- pick x\n ORDER BY a",
        "SELECT CAST(NULL AS VARCHAR)",
        "SELECT max_by(a, b), min_by(a, b) FROM t t2",
        "SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))",
        "SELECT * FROM t WHERE EXISTS(SELECT 1 FROM u WHERE u.id = t.id)",
        "SELECT a FROM t WHERE a = (SELECT max(a) FROM t)",
        "SELECT ARRAY[1, 2] || ARRAY[3]",
        "SELECT split(s, ',')[1] FROM t",
        "SELECT CAST(ROW(1, 'a') AS ROW(x int, y varchar))",
        "SELECT * FROM t LEFT JOIN u ON t.id = u.id WHERE u.id IS NULL",
        "SELECT from_unixtime(ts / 1000) FROM t",
        "SELECT format_datetime(ts, 'yyyy-MM-dd') FROM t",
        "with v as (values (1, 'a')) select * from v",
        "SELECT title_id, sum(views) FROM result RIGHT JOIN titles USING (title_id) GROUP BY title_id",
        "SELECT gender, count(*) * 100.0 / sum(count(*)) OVER () AS pct FROM users GROUP BY gender",
        "SELECT category, count(*) FROM orders WHERE created_at >= TIMESTAMP '2026-11-01 00:00:00' AND created_at < DATE '2026-11-08' GROUP BY category",
        "SELECT arbitrary(x), array_agg(DISTINCT y), map_agg(k, v), histogram(z) FROM t",
        "SELECT a, lag(a, 1, 0) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t",
        "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY ts DESC) AS rn FROM t) WHERE rn = 1",
        "SELECT coalesce(nullif(trim(s), ''), 'n/a') FROM t",
        "SELECT 1e-3, -1.5, +2, 0.5e10",
        "SELECT url_extract_host(url), to_hex(md5(to_utf8(s))) FROM t",
    ])
    func athenaQuery(sql: String) throws {
        let printed = try canonical(sql)
        #expect(try canonical(printed) == printed)
    }

    @Test func selectStarWithOtherItems() throws {
        // Trino allows `*` alongside other items.
        #expect(try canonical("SELECT *, 1 AS one FROM t") == "SELECT *, 1 AS one FROM t")
    }
}
