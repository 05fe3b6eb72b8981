#!/usr/bin/env python3
"""Benchmarks Sluice's Parquet writer and reader against DuckDB and pyarrow on seed 002's
orders (the same NDJSON files `benchmarks/run.py` generates), and checks the round trip.

Write: NDJSON → Parquet (SNAPPY), partitioned by `dt` into Hive folders, by each tool.
Read: every column, and a two-column projection, of the files Sluice wrote, by each tool.
Memory: one file of all orders (several row groups) scanned by Sluice, peak RSS against
the file's size. Round trip: Sluice's Parquet read back to NDJSON must equal the NDJSON
Sluice reads from the original files, byte for byte.

Every tool gets the same number of threads. Results go to stdout and
benchmarks/results-parquet-<scale>.md.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as harness  # noqa: E402  (the shared timing harness)

REPO = harness.REPO


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(harness.ORDER_ROWS), default="large")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default=str(REPO / "bench-data"))
    parser.add_argument("--work", default=str(REPO / "bench-data" / "parquet-work"))
    parser.add_argument("--sluice", default=str(REPO / ".build/release/sluice"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--skip-round-trip", action="store_true")
    parser.add_argument("--quiet-wait", type=float, default=15)
    args = parser.parse_args()

    harness.ensure_python_tools(True, False)
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pyarrow"], check=True)
    if not args.no_build:
        harness.log("Building Sluice (swift build -c release)…")
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)

    source_root = Path(args.data) / args.scale / "json"
    harness.generate(args.sluice, args.scale, "json", source_root, args.seed, False)
    source = source_root / "orders"
    work = Path(args.work) / args.scale
    work.mkdir(parents=True, exist_ok=True)
    rows = harness.ORDER_ROWS[args.scale]
    threads = args.threads
    python = sys.executable
    arrow_threads = f"import pyarrow as pa; pa.set_cpu_count({threads}); pa.set_io_thread_count({threads}); "

    outputs = {tool: work / f"{tool}-lake" for tool in ("sluice", "duckdb", "pyarrow")}
    json_glob = f"{source}/*/*.json"
    write_cases = [
        harness.Case("sluice", "write", "parquet", ["bash", "-c",
            f"rm -rf '{outputs['sluice']}' && '{args.sluice}' convert '{source}' '{outputs['sluice']}' --partition-by dt"]),
        harness.Case("duckdb", "write", "parquet", ["bash", "-c",
            f"rm -rf '{outputs['duckdb']}' && duckdb -c \"SET threads={threads}; COPY (SELECT * FROM "
            f"read_json('{json_glob}', hive_partitioning=true)) TO '{outputs['duckdb']}' "
            f"(FORMAT parquet, COMPRESSION snappy, PARTITION_BY dt)\""]),
        harness.Case("pyarrow", "write", "parquet", [python, "-c", arrow_threads +
            "import pyarrow.dataset as ds, shutil; "
            f"shutil.rmtree('{outputs['pyarrow']}', ignore_errors=True); "
            f"data = ds.dataset('{source}', format='json', partitioning='hive'); "
            f"ds.write_dataset(data, '{outputs['pyarrow']}', format='parquet', partitioning=['dt'], "
            "partitioning_flavor='hive', max_rows_per_group=1048576)"]),
    ]

    lake = outputs["sluice"]
    parquet_glob = f"{lake}/*/*.parquet"
    def duck(sql: str) -> list[str]:
        return ["duckdb", "-csv", "-c", f"SET threads={threads}; {sql}"]
    read_cases = [
        harness.Case("sluice", "scan-all", "parquet", [args.sluice, "scan", str(lake)], expect=str(rows)),
        harness.Case("duckdb", "scan-all", "parquet",
                     duck(f"SELECT count(*), max(COLUMNS(*)) FROM read_parquet('{parquet_glob}', hive_partitioning=true)"),
                     expect=str(rows)),
        harness.Case("pyarrow", "scan-all", "parquet", [python, "-c", arrow_threads +
                     f"import pyarrow.parquet as pq; print(pq.read_table('{lake}').num_rows)"], expect=str(rows)),
        harness.Case("sluice", "scan-2-columns", "parquet",
                     [args.sluice, "scan", str(lake), "--columns", "price,quantity"], expect=str(rows)),
        harness.Case("duckdb", "scan-2-columns", "parquet",
                     duck(f"SELECT count(*), max(price), max(quantity) FROM read_parquet('{parquet_glob}')"),
                     expect=str(rows)),
        harness.Case("pyarrow", "scan-2-columns", "parquet", [python, "-c", arrow_threads +
                     f"import pyarrow.parquet as pq; print(pq.read_table('{lake}', columns=['price', 'quantity']).num_rows)"],
                     expect=str(rows)),
    ]

    measurements = []
    for case in write_cases + read_cases:
        harness.log(f"{case.tool:8} {case.query:15} …")
        harness.wait_for_quiet(args.quiet_wait)
        measurement = harness.measure(case, args.runs, 1 if case.query != "write" else 0)
        harness.log(f"         median {measurement.median:.3f} s" if not measurement.error else f"         {measurement.error}")
        measurements.append(measurement)

    sizes = {tool: harness.folder_bytes(path) if path.exists() else 0 for tool, path in outputs.items()}

    # Bounded memory: one file of every order, scanned whole.
    single = work / "all-orders.parquet"
    if not single.exists():
        subprocess.run([args.sluice, "convert", str(source), str(single)], check=True, capture_output=True)
    memory = harness.run_once([args.sluice, "scan", str(single)], {})
    metadata = subprocess.run([args.sluice, "parquet-meta", str(single)], capture_output=True, text=True).stdout
    row_groups = metadata.count("Row group ")

    round_trip = None
    if not args.skip_round_trip:
        harness.log("Round trip: Parquet back to NDJSON …")
        back = work / "round-trip-from-parquet.json"
        original = work / "round-trip-from-json.json"
        for target, origin in ((back, lake), (original, source)):
            subprocess.run([args.sluice, "convert", str(origin), str(target)], check=True, capture_output=True)
        round_trip = filecmp.cmp(back, original, shallow=False)
        round_trip_bytes = back.stat().st_size
        back.unlink()
        original.unlink()

    report = render(args, rows, measurements, sizes, harness.folder_bytes(source), memory, single, row_groups,
                    round_trip, round_trip_bytes if round_trip is not None else 0)
    output = REPO / "benchmarks" / f"results-parquet-{args.scale}.md"
    output.write_text(report)
    print(report)
    harness.log(f"Wrote {output}")
    return 0


def render(args, rows, measurements, sizes, source_bytes, memory, single, row_groups, round_trip, round_trip_bytes) -> str:
    megabyte = 1_000_000
    lines = [
        f"# Parquet benchmark results: {args.scale.upper()}",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `benchmarks/parquet.py"
        f" {' '.join(sys.argv[1:])}` ({args.runs} timed runs, median; {args.threads} threads per tool; files in the page cache).",
        "",
        f"- Machine: {harness.machine()}",
        "- Tools: " + "; ".join(harness.tool_versions(["duckdb"])) + f"; pyarrow {__import__('pyarrow').__version__}",
        f"- Data: seed 002 `orders`, {rows:,} rows, NDJSON {source_bytes / megabyte:,.0f} MB in 30 daily partitions",
        "",
        "| tool | case | median s | min s | max s | CPU s | peak RSS MB | other load | output MB | sluice / tool |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    sluice = {m.case.query: m.median for m in measurements if m.case.tool == "sluice" and not m.error}
    for m in measurements:
        case = m.case
        if m.error:
            lines.append(f"| {case.tool} | {case.query} | failed: {m.error[:120]} |||||||")
            continue
        output = f"{sizes[case.tool] / megabyte:,.0f}" if case.query == "write" else "–"
        ratio = "–" if case.tool == "sluice" or case.query not in sluice else f"{sluice[case.query] / m.median:.2f}×"
        lines.append(
            f"| {case.tool} | {case.query} | {m.median:.3f} | {min(m.seconds):.3f} | {max(m.seconds):.3f}"
            f" | {statistics.median(m.cpu_seconds):.2f} | {m.peak_rss_bytes / megabyte:,.0f}"
            f" | {statistics.median(m.other_load):.0%} | {output} | {ratio} |")
    lines += [
        "",
        "`write` = NDJSON → Parquet (SNAPPY) partitioned by `dt` (Sluice `convert --partition-by dt`, DuckDB"
        " `COPY … (FORMAT parquet, PARTITION_BY dt)`, pyarrow `dataset.write_dataset(partitioning=['dt'])`);"
        " `scan-all` = every column of Sluice's files decoded (Sluice `scan`, DuckDB `max(COLUMNS(*))`, pyarrow"
        " `read_table`); `scan-2-columns` = `price` and `quantity` only. `sluice / tool` below 1 means Sluice is faster.",
        "",
        f"Memory: `sluice scan` of one {single.stat().st_size / megabyte:,.0f} MB file with {row_groups} row groups"
        f" ({rows:,} rows) peaked at {memory.peak_rss_bytes / megabyte:,.0f} MB RSS in {memory.seconds:.2f} s.",
    ]
    if round_trip is not None:
        verdict = "identical" if round_trip else "DIFFERENT"
        lines.append(f"Round trip: NDJSON → Parquet (partitioned) → NDJSON is {verdict} to reading the NDJSON directly"
                     f" ({round_trip_bytes / megabyte:,.0f} MB compared byte for byte).")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
