#!/usr/bin/env python3
"""Benchmarks `sluice query` against DuckDB and Spark (local[2]) on seed 002's users and orders,
as Parquet (the lake Sluice writes, partitioned by `dt`) and as NDJSON, with the five queries of
issue 4:

  Q1  revenue by category and day                      GROUP BY category, dt
  Q2  orders joined with users, revenue by gender and city, top 20
  Q3  one day only (WHERE dt = …): partition pruning must show
  Q4  count(DISTINCT user_id) per category
  Q5  each user's first order (row_number() OVER (PARTITION BY user_id ORDER BY created_at))

Every tool gets the same threads. Each result is written to CSV and compared with DuckDB's
(numbers to a relative 1e-9). Spark is timed end to end (spark-submit, JVM start included) and
once, since one run takes tens of seconds. Results go to stdout and
benchmarks/results-query-<scale>.md.
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as harness  # noqa: E402  (the shared timing harness)

REPO = harness.REPO

QUERIES = {
    "Q1": "SELECT category, dt, sum(price * quantity) AS revenue, count(*) AS orders FROM {orders} "
          "GROUP BY category, dt ORDER BY dt, category",
    "Q2": "SELECT u.gender, u.city, sum(o.price * o.quantity) AS revenue FROM {orders} o JOIN {users} u "
          "ON o.user_id = u.user_id GROUP BY u.gender, u.city ORDER BY revenue DESC LIMIT 20",
    "Q3": "SELECT category, count(*) AS orders, sum(price * quantity) AS revenue FROM {orders} "
          "WHERE dt = '2026-11-15' GROUP BY category ORDER BY category",
    "Q4": "SELECT category, count(DISTINCT user_id) AS buyers FROM {orders} GROUP BY category ORDER BY category",
    "Q5": "SELECT count(*) AS buyers, sum(order_id) AS first_orders, min(created_at) AS earliest FROM ("
          "SELECT user_id, order_id, created_at, row_number() OVER (PARTITION BY user_id ORDER BY created_at, order_id) AS rn "
          "FROM {orders}) t WHERE rn = 1",
}

SPARK_SCRIPT = r'''
import sys, csv
from pyspark.sql import SparkSession
fmt, orders, users, sql, out, threads = sys.argv[1:7]
spark = (SparkSession.builder.appName("sluice-benchmark").master("local[%s]" % threads)
         .config("spark.sql.shuffle.partitions", str(int(threads) * 4)).config("spark.ui.enabled", "false")
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
reader = spark.read.parquet if fmt == "parquet" else spark.read.json
reader(orders).createOrReplaceTempView("orders")
reader(users).createOrReplaceTempView("users")
rows = spark.sql(sql).collect()
with open(out, "w", newline="") as handle:
    writer = csv.writer(handle)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
spark.stop()
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(harness.ORDER_ROWS), default="large")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default=str(REPO / "bench-data"))
    parser.add_argument("--work", default=str(REPO / "bench-data" / "query-work"))
    parser.add_argument("--sluice", default=str(REPO / ".build/release/sluice"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--tools", default="sluice,duckdb,spark", help="comma-separated: sluice, duckdb, spark")
    parser.add_argument("--queries", default=",".join(QUERIES))
    parser.add_argument("--formats", default="parquet,json")
    parser.add_argument("--quiet-wait", type=float, default=15)
    args = parser.parse_args()

    harness.ensure_python_tools(True, False)
    if not args.no_build:
        harness.log("Building Sluice (swift build -c release)…")
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)

    json_root = Path(args.data) / args.scale / "json"
    harness.generate(args.sluice, args.scale, "json", json_root, args.seed, False)
    work = Path(args.work) / args.scale
    results = work / "results"
    results.mkdir(parents=True, exist_ok=True)
    lake = work / "orders"
    users_parquet = work / "users.parquet"
    if not lake.exists():
        harness.log("Writing the Parquet lake (sluice convert --partition-by dt)…")
        subprocess.run([args.sluice, "convert", str(json_root / "orders"), str(lake), "--partition-by", "dt"], check=True)
    if not users_parquet.exists():
        subprocess.run([args.sluice, "convert", str(json_root / "users"), str(users_parquet)], check=True)
    spark_script = work / "spark_query.py"
    spark_script.write_text(SPARK_SCRIPT)

    threads = args.threads
    tables = {
        ("sluice", "parquet"): (f"read_parquet('{lake}/')", f"read_parquet('{users_parquet}')"),
        ("sluice", "json"): (f"read_json('{json_root}/orders/')", f"read_json('{json_root}/users/')"),
        ("duckdb", "parquet"): (f"read_parquet('{lake}/*/*.parquet', hive_partitioning=true)", f"read_parquet('{users_parquet}')"),
        ("duckdb", "json"): (f"read_json('{json_root}/orders/*/*.json', hive_partitioning=true, format='newline_delimited')",
                             f"read_json('{json_root}/users/*.json', format='newline_delimited')"),
        ("spark", "parquet"): ("orders", "users"),
        ("spark", "json"): ("orders", "users"),
    }
    spark_paths = {"parquet": (str(lake), str(users_parquet)), "json": (str(json_root / "orders"), str(json_root / "users"))}
    tools = args.tools.split(",")
    cases = []
    for fmt in args.formats.split(","):
        for name in args.queries.split(","):
            for tool in tools:
                orders, users = tables[(tool, fmt)]
                sql = QUERIES[name].format(orders=orders, users=users)
                out = results / f"{tool}-{name}-{fmt}.csv"
                if tool == "sluice":
                    argv = [args.sluice, "query", sql, "--format", "csv", "--output", str(out), "--threads", str(threads)]
                elif tool == "duckdb":
                    argv = ["duckdb", "-c", f"SET threads={threads}; COPY ({sql}) TO '{out}' (HEADER, DELIMITER ',')"]
                else:
                    argv = ["spark-submit", "--master", f"local[{threads}]", "--driver-memory", "8g", str(spark_script), fmt,
                            *spark_paths[fmt], sql, str(out), str(threads)]
                case = harness.Case(tool, name, fmt, argv, env={"SPARK_LOCAL_IP": "127.0.0.1"} if tool == "spark" else {})
                cases.append((case, out))

    measurements = []
    for case, out in cases:
        harness.log(f"{case.tool:7} {case.query} {case.format:8} …")
        harness.wait_for_quiet(args.quiet_wait)
        runs = 1 if case.tool == "spark" else args.runs
        measurement = harness.measure(case, runs, 0 if case.tool == "spark" else 1)
        harness.log(f"        median {measurement.median:.3f} s" if not measurement.error else f"        {measurement.error}")
        measurements.append((measurement, out))

    verdicts = {}
    for measurement, out in measurements:
        case = measurement.case
        reference = results / f"duckdb-{case.query}-{case.format}.csv"
        if case.tool == "duckdb" or measurement.error:
            continue
        # Spark writes no header row; Sluice and DuckDB do.
        verdicts[(case.tool, case.query, case.format)] = compare(out, reference, header=case.tool == "sluice")

    report = render(args, measurements, verdicts)
    output = REPO / "benchmarks" / f"results-query-{args.scale}.md"
    output.write_text(report)
    print(report)
    harness.log(f"Wrote {output}")
    return 0


def read_rows(path: Path, header: bool) -> list[list[str]]:
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[1:] if header else rows


def same_cell(left: str, right: str) -> bool:
    if left == right:
        return True
    try:
        a, b = float(left), float(right)
    except ValueError:
        # Timestamps: `2026-11-01 00:00:00` (Sluice, DuckDB) against `2026-11-01T00:00:00` and the like.
        return left.replace("T", " ").rstrip("Z").removesuffix("+00") == right.replace("T", " ").rstrip("Z").removesuffix("+00")
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def compare(path: Path, reference: Path, header: bool) -> str:
    if not path.exists() or not reference.exists():
        return "no result"
    rows = read_rows(path, header)
    expected = read_rows(reference, True)
    if len(rows) != len(expected):
        return f"DIFFERENT: {len(rows)} rows, DuckDB {len(expected)}"
    for index, (row, want) in enumerate(zip(rows, expected)):
        if len(row) != len(want) or not all(same_cell(a, b) for a, b in zip(row, want)):
            return f"DIFFERENT at row {index + 1}: {row} vs {want}"
    return f"equal ({len(rows)} rows)"


def render(args, measurements, verdicts) -> str:
    megabyte = 1_000_000
    lines = [
        f"# Query benchmark results: {args.scale.upper()}",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `benchmarks/query.py {' '.join(sys.argv[1:])}`"
        f" ({args.runs} timed runs after a warm-up for Sluice and DuckDB, median; one end-to-end run for Spark;"
        f" {args.threads} threads per tool; files in the page cache).",
        "",
        f"- Machine: {harness.machine()}",
        "- Tools: " + "; ".join(harness.tool_versions(["duckdb"])),
        f"- Data: seed 002, {harness.ORDER_ROWS[args.scale]:,} orders (30 daily partitions) and their users",
        "",
    ]
    for query, text in QUERIES.items():
        lines.append(f"- **{query}**: `{text.format(orders='orders', users='users')}`")
    lines += ["", "| query | format | tool | median s | CPU s | peak RSS MB | other load | sluice / tool | result |",
              "|---|---|---|---:|---:|---:|---:|---:|---|"]
    sluice = {(m.case.query, m.case.format): m.median for m, _ in measurements if m.case.tool == "sluice" and not m.error}
    for measurement, _ in measurements:
        case = measurement.case
        if measurement.error:
            lines.append(f"| {case.query} | {case.format} | {case.tool} | failed: {measurement.error[:150]} ||||||")
            continue
        key = (case.query, case.format)
        ratio = "–" if case.tool == "sluice" or key not in sluice else f"{sluice[key] / measurement.median:.2f}×"
        verdict = "reference" if case.tool == "duckdb" else verdicts.get((case.tool, case.query, case.format), "–")
        lines.append(
            f"| {case.query} | {case.format} | {case.tool} | {measurement.median:.2f} | {statistics.median(measurement.cpu_seconds):.2f}"
            f" | {measurement.peak_rss_bytes / megabyte:,.0f} | {statistics.median(measurement.other_load):.0%} | {ratio} | {verdict} |")
    lines += ["", "`sluice / tool` below 1 means Sluice is faster. Results are compared with DuckDB's row by row.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
