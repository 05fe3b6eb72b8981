"""Usage: duckdb_files.py SLUICE_BINARY WORK_DIR

DuckDB writes Parquet files (its own writer: every codec it has, nested lists and structs,
maps, decimals, timestamps, small row groups); Sluice converts each to NDJSON with
`sluice convert`, and the rows must equal what DuckDB reads from its own files.
"""
import os
import subprocess
import sys

import duckdb

import canonical

sluice, work = sys.argv[1], sys.argv[2]
connection = duckdb.connect()
query = """
    SELECT
      i AS id,
      CASE WHEN i % 7 = 0 THEN NULL ELSE 'user-' || i END AS name,
      (i * 1.25)::DECIMAL(7,2) AS small_amount,
      (i * 1000003.5)::DECIMAL(15,3) AS amount,
      (i * 12345678901234.5)::DECIMAL(30,5) AS big_amount,
      TIMESTAMP '2026-11-01 00:00:00' + to_microseconds(i * 3600000123) AS at,
      (DATE '2026-11-01' + (i % 40)::INT) AS day,
      CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1, NULL] END AS numbers,
      [{'sku': 'sku-' || (i % 3), 'qty': (i % 4)::INT}] AS items,
      MAP {'a': i, 'b': i * 2} AS attributes,
      {'os': CASE WHEN i % 2 = 0 THEN 'linux' END, 'major': (i % 9)::SMALLINT} AS device,
      (i % 100)::TINYINT AS tiny,
      (i % 3 = 0) AS flag,
      i / 3 AS ratio,
      (i % 250)::UTINYINT AS unsigned_small,
      i::UBIGINT * 1000 AS unsigned_big
    FROM range(0, 5000) t(i)
"""
failures = 0
for codec in ["uncompressed", "snappy", "gzip", "zstd", "lz4"]:
    path = os.path.join(work, f"duckdb_{codec}.parquet")
    connection.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 2048)")
    json_path = path[: -len(".parquet")] + ".json"
    run = subprocess.run([sluice, "convert", path, json_path], capture_output=True, text=True)
    if run.returncode != 0:
        failures += 1
        print(f"{codec}: sluice convert failed ({run.returncode}): {run.stderr.strip()}")
        continue
    result = connection.execute(f"SELECT * FROM '{path}'")
    table = result.to_arrow_table() if hasattr(result, "to_arrow_table") else result.fetch_arrow_table()
    if not canonical.report(f"duckdb {codec}", table, json_path):
        failures += 1
sys.exit(1 if failures else 0)
