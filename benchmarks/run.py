#!/usr/bin/env python3
"""Benchmarks Sluice against DuckDB and Polars on seed 002's orders (see README.md).

Steps: build Sluice in release mode, generate the orders data set as NDJSON and CSV with
`sluice generate` (once; reused while its marker file matches), then time every query of
every tool on the same files, N runs each, 2 threads, and write a markdown table to stdout
and to benchmarks/results-<scale>.md.

Standard library only; DuckDB's CLI and Polars are installed with pip when missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("duckdb", "polars", "sluice")
FORMATS = ("json", "csv")
# Rows of the orders table per scale; must match SampleScale in Sources/SluiceSampleData.
ORDER_ROWS = {"small": 1_000_000, "large": 10_000_000}
# A single run longer than this is stopped and reported as a timeout; LARGE scans take
# seconds, so ten minutes only catches a hang.
RUN_TIMEOUT_SECONDS = 600


@dataclass
class Case:
    """One command to time: a tool running one query on one format."""

    tool: str
    query: str  # scan | group-by | schema | startup
    format: str  # json | csv | -
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    expect: str | None = None  # text the output must contain (the row count)


@dataclass
class Measurement:
    case: Case
    seconds: list[float]
    cpu_seconds: list[float]
    other_load: list[float]
    peak_rss_bytes: int
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(ORDER_ROWS), default="large")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case; the median is reported (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before the timed ones (default 1)")
    parser.add_argument("--threads", type=int, default=2, help="threads every tool may use (default 2)")
    parser.add_argument("--data", default=str(REPO / "bench-data"), help="data folder (default bench-data/)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ", ".join(TOOLS))
    parser.add_argument("--skip-sluice", action="store_true", help="leave Sluice out (its commands are not there yet)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated subset of json, csv")
    parser.add_argument("--sluice", default=str(REPO / ".build/release/sluice"), help="the sluice binary")
    parser.add_argument(
        "--generator",
        help="binary whose `generate` subcommand writes the data (default: the sluice binary)",
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=15,
        help="before each case, wait up to this many seconds for other processes to leave the CPUs (default 15)",
    )
    parser.add_argument("--no-build", action="store_true", help="do not run `swift build -c release`")
    parser.add_argument("--regenerate", action="store_true", help="generate the data even when it is there")
    parser.add_argument("--output", help="markdown file (default benchmarks/results-<scale>.md)")
    args = parser.parse_args()

    tools = [tool.strip() for tool in args.tools.split(",") if tool.strip()]
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown:
        parser.error(f"unknown tools {', '.join(unknown)}; choose from {', '.join(TOOLS)}")
    if args.skip_sluice and "sluice" in tools:
        tools.remove("sluice")
    formats = [name.strip() for name in args.formats.split(",") if name.strip()]
    generator = args.generator or args.sluice

    ensure_python_tools("duckdb" in tools, "polars" in tools)
    if not args.no_build:
        log("Building Sluice (swift build -c release)…")
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)

    data_root = Path(args.data) / args.scale
    generation = {fmt: generate(generator, args.scale, fmt, data_root / fmt, args.seed, args.regenerate) for fmt in formats}

    rows = ORDER_ROWS[args.scale]
    cases = build_cases(tools, formats, data_root, args.threads, args.sluice, rows)
    load_before = os.getloadavg()[0]
    measurements = []
    for case in cases:
        log(f"{case.tool:7} {case.query:9} {case.format:5} …")
        wait_for_quiet(args.quiet_wait)
        measurement = measure(case, args.runs, args.warmup)
        log(f"        median {measurement.median:.3f} s" if not measurement.error else f"        {measurement.error}")
        measurements.append(measurement)

    sizes = {fmt: folder_bytes(data_root / fmt / "orders") for fmt in formats}
    load = (load_before, os.getloadavg()[0])
    report = render(args, tools, formats, rows, sizes, generation, measurements, load)
    output = Path(args.output) if args.output else REPO / "benchmarks" / f"results-{args.scale}.md"
    output.write_text(report)
    print(report)
    log(f"Wrote {output}")
    return 0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_python_tools(duckdb: bool, polars: bool) -> None:
    """Installs DuckDB's CLI and Polars with pip when they are wanted and missing."""
    missing = []
    if duckdb and shutil.which("duckdb") is None:
        missing.append("duckdb-cli")
    if polars:
        try:
            import polars  # noqa: F401
        except ImportError:
            missing.append("polars")
    if missing:
        log(f"Installing {' '.join(missing)} with pip…")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing], check=True)


def generate(generator: str, scale: str, fmt: str, folder: Path, seed: int, force: bool) -> dict:
    """Runs `<generator> generate` unless `folder` already holds this scale and seed."""
    marker = folder / "_GENERATED.json"  # a leading '_' hides it from globs and Sluice alike
    wanted = {"dataset": "orders", "scale": scale, "format": fmt, "seed": seed}
    if not force and marker.exists():
        recorded = json.loads(marker.read_text())
        if all(recorded.get(key) == value for key, value in wanted.items()):
            log(f"Reusing {folder} (generated in {recorded['seconds']:.2f} s)")
            return recorded
    if folder.exists():
        shutil.rmtree(folder)
    argv = [generator, "generate", "--dataset", "orders", "--scale", scale, "--format", fmt,
            "--out", str(folder), "--seed", str(seed)]
    log("Generating: " + " ".join(argv))
    run = run_once(argv, {})
    if run.error:
        sys.exit(f"Generating the data failed: {run.error}")
    recorded = dict(wanted, seconds=run.seconds, cpu_seconds=run.cpu_seconds, peak_rss_bytes=run.peak_rss_bytes,
                    bytes=folder_bytes(folder),
                    orders_bytes=folder_bytes(folder / "orders"))
    marker.write_text(json.dumps(recorded, indent=2) + "\n")
    return recorded


def build_cases(tools: list[str], formats: list[str], root: Path, threads: int, sluice: str, rows: int) -> list[Case]:
    cases = []
    polars_env = {"POLARS_MAX_THREADS": str(threads)}
    python = sys.executable
    if "duckdb" in tools:
        cases.append(Case("duckdb", "startup", "-", ["duckdb", "-csv", "-c", "SELECT 1"]))
    if "polars" in tools:
        cases.append(Case("polars", "startup", "-", [python, "-c", "import polars"], polars_env))
    if "sluice" in tools:
        cases.append(Case("sluice", "startup", "-", [sluice, "--help"]))
    for fmt in formats:
        pattern = str(root / fmt / "orders" / "*" / f"*.{fmt}")
        reader = {"json": "read_json", "csv": "read_csv"}[fmt]
        scanner = {"json": "scan_ndjson", "csv": "scan_csv"}[fmt]
        source = f"{reader}('{pattern}')"
        if "duckdb" in tools:
            def duck(sql: str) -> list[str]:
                return ["duckdb", "-csv", "-c", f"SET threads={threads}; {sql}"]
            cases += [
                Case("duckdb", "scan", fmt, duck(f"SELECT count(*), sum(price) FROM {source}"), expect=str(rows)),
                # Every column decoded, as `sluice scan` does: max() of each column forces it to be read.
                Case("duckdb", "scan-all", fmt, duck(f"SELECT count(*), max(COLUMNS(*)) FROM {source}"), expect=str(rows)),
                Case("duckdb", "group-by", fmt,
                     duck(f"SELECT category, count(*), sum(price) FROM {source} GROUP BY category ORDER BY category")),
                Case("duckdb", "schema", fmt, duck(f"DESCRIBE SELECT * FROM {source}"), expect="price"),
            ]
        if "polars" in tools:
            def polars(expression: str) -> list[str]:
                return [python, "-c", f"import polars as pl; print(pl.{scanner}('{pattern}'){expression})"]
            cases += [
                Case("polars", "scan", fmt, polars(".select(pl.len(), pl.col('price').sum()).collect()"),
                     polars_env, expect=str(rows)),
                # Every column materialized into a DataFrame, as `sluice scan` reads every column into batches.
                Case("polars", "scan-all", fmt, polars(".collect().shape"), polars_env, expect=str(rows)),
                Case("polars", "group-by", fmt,
                     polars(".group_by('category').agg(pl.len(), pl.col('price').sum()).sort('category').collect()"),
                     polars_env),
                Case("polars", "schema", fmt, polars(".collect_schema()"), polars_env, expect="price"),
            ]
        if "sluice" in tools:
            cases += [
                Case("sluice", "scan", fmt, [sluice, "scan", pattern], expect=str(rows)),
                Case("sluice", "schema", fmt, [sluice, "schema", pattern], expect="price"),
            ]
    return cases


def measure(case: Case, runs: int, warmup: int) -> Measurement:
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    other_load: list[float] = []
    peak = 0
    for index in range(warmup + runs):
        run = run_once(case.argv, case.env)
        error = run.error
        if not error and case.expect is not None and case.expect not in run.output.replace(",", ""):
            error = f"output lacks {case.expect!r}: {run.output.strip()[-300:]}"
        if error:
            return Measurement(case, seconds, cpu_seconds, other_load, peak, error)
        if index >= warmup:
            seconds.append(run.seconds)
            cpu_seconds.append(run.cpu_seconds)
            other_load.append(run.other_load)
            peak = max(peak, run.peak_rss_bytes)
    return Measurement(case, seconds, cpu_seconds, other_load, peak)


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the child
    peak_rss_bytes: int
    output: str
    error: str | None  # None on success
    other_load: float = 0.0  # share of all cores busy with other processes during the run


def wait_for_quiet(limit_seconds: float, threshold: float = 0.1) -> None:
    """Waits until other processes use less than `threshold` of all cores over one second,
    for at most `limit_seconds`: other sessions' builds come in bursts."""
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        before = busy_cpu_seconds()
        time.sleep(1)
        after = busy_cpu_seconds()
        if before is None or after is None or (after - before) / (os.cpu_count() or 1) < threshold:
            return


def busy_cpu_seconds() -> float | None:
    """CPU seconds all processes have spent so far, from /proc/stat; None elsewhere."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_once(argv: list[str], env: dict[str, str]) -> Run:
    """Runs one command and measures it; os.wait4 reports the rusage of this child alone."""
    with tempfile.TemporaryFile() as output:
        busy_before = busy_cpu_seconds()
        start = time.perf_counter()
        try:
            process = subprocess.Popen(argv, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, **env})
        except OSError as error:
            return Run(0.0, 0.0, 0, "", f"cannot start {argv[0]}: {error.strerror}")
        deadline = start + RUN_TIMEOUT_SECONDS
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                return Run(RUN_TIMEOUT_SECONDS, 0.0, 0, "", f"timed out after {RUN_TIMEOUT_SECONDS} s")
            time.sleep(0.002)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    cpu = usage.ru_utime + usage.ru_stime
    busy_after = busy_cpu_seconds()
    other = 0.0
    if busy_before is not None and busy_after is not None and elapsed > 0:
        other = max(0.0, (busy_after - busy_before - cpu) / (elapsed * (os.cpu_count() or 1)))
    if process.returncode != 0:
        return Run(elapsed, cpu, peak, text, f"exit status {process.returncode}: {text.strip()[-300:]}", other)
    return Run(elapsed, cpu, peak, text, None, other)


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.name.startswith(("_", ".")))


def tool_versions(tools: list[str]) -> list[str]:
    versions = [f"Python {platform.python_version()}"]
    if "duckdb" in tools:
        result = subprocess.run(["duckdb", "--version"], capture_output=True, text=True)
        versions.append("DuckDB CLI " + result.stdout.strip())
    if "polars" in tools:
        import polars

        versions.append(f"Polars {polars.__version__}")
    result = subprocess.run(["swift", "--version"], capture_output=True, text=True)
    versions.append((result.stdout or result.stderr).splitlines()[0] if (result.stdout or result.stderr) else "Swift ?")
    return versions


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory_kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                              if line.startswith("MemTotal")).split()[1])
        memory = f"{memory_kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "?"
    return f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} cores, {memory} RAM"


def render(args, tools, formats, rows, sizes, generation, measurements, load) -> str:
    megabyte = 1_000_000
    lines = [
        f"# Benchmark results: {args.scale.upper()}",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with"
        f" `benchmarks/run.py {' '.join(sys.argv[1:])}` ({args.runs} timed runs after {args.warmup} warm-up,"
        f" median; {args.threads} threads per tool; files in the page cache).",
        "",
        f"- Machine: {machine()}",
        "- Tools: " + "; ".join(tool_versions(tools)),
        f"- Data: seed 002 `orders`, {rows:,} rows in 30 daily partitions, seed {args.seed}",
        f"- Load average (1 min) before the queries {load[0]:.2f}, after {load[1]:.2f}: other work on the machine"
        " inflates wall times; `CPU s` (user + system) is less sensitive to it.",
        "",
        "| format | orders size | generated in | generation rate | generator peak RSS |",
        "|---|---:|---:|---:|---:|",
    ]
    for fmt in formats:
        record = generation[fmt]
        rate = record["bytes"] / megabyte / record["seconds"] if record["seconds"] else 0
        lines.append(f"| {fmt} | {sizes[fmt] / megabyte:,.0f} MB | {record['seconds']:.2f} s | {rate:,.0f} MB/s"
                     f" | {record['peak_rss_bytes'] / megabyte:,.0f} MB |")
    lines += [
        "",
        "Generation writes users and orders; its size and rate count both tables.",
        "",
        "| tool | query | format | median s | min s | max s | CPU s | MB/s | rows/s | peak RSS MB | other load | sluice / best |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    best: dict[tuple[str, str], float] = {}
    for measurement in measurements:
        case = measurement.case
        if case.tool != "sluice" and not measurement.error:
            key = (case.query, case.format)
            best[key] = min(best.get(key, float("inf")), measurement.median)
    for measurement in measurements:
        case = measurement.case
        if measurement.error:
            lines.append(f"| {case.tool} | {case.query} | {case.format} | failed: {measurement.error[:120]} |||||||||")
            continue
        median = measurement.median
        scans_data = case.query in ("scan", "scan-all", "group-by")
        throughput = f"{sizes[case.format] / megabyte / median:,.0f}" if scans_data else "–"
        rate = f"{rows / median:,.0f}" if scans_data else "–"
        ratio = "–"
        if case.tool == "sluice" and (case.query, case.format) in best:
            ratio = f"{median / best[(case.query, case.format)]:.2f}×"
            if case.query == "scan" and ("scan-all", case.format) in best:
                ratio += f" (all columns: {median / best[('scan-all', case.format)]:.2f}×)"
        lines.append(
            f"| {case.tool} | {case.query} | {case.format} | {median:.3f} | {min(measurement.seconds):.3f}"
            f" | {max(measurement.seconds):.3f} | {statistics.median(measurement.cpu_seconds):.2f} | {throughput} | {rate}"
            f" | {measurement.peak_rss_bytes / megabyte:,.0f} | {statistics.median(measurement.other_load):.0%} | {ratio} |")
    lines += [
        "",
        "Queries (see benchmarks/README.md for the exact commands): `scan` = `count(*), sum(price)` over all files"
        " (Sluice: `sluice scan`, which always decodes every column into batches); `scan-all` = every column decoded"
        " (DuckDB `max(COLUMNS(*))`, Polars `.collect()`), the like-for-like comparison for `sluice scan`; `group-by` = `category, count(*), sum(price) GROUP BY category`;"
        " `schema` = schema inference only; `startup` = the tool doing nothing (process start, imports)."
        " MB/s is the orders files' size over the median time. `CPU s` is the median user + system time of the"
        " tool's process; `other load` is the median share of all cores that other processes used during the runs"
        " (from /proc/stat): above a few percent, wall times are inflated. `sluice / best` compares with the faster of"
        " DuckDB and Polars on the same query and format; for `scan` it also compares with the best `scan-all`.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
