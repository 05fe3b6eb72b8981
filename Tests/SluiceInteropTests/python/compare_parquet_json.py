"""Usage: compare_parquet_json.py PARQUET NDJSON [PARQUET NDJSON ...]

Reads each Parquet file with pyarrow and checks that its rows equal the NDJSON file (what
Sluice read from, or wrote into, the Parquet file). Prints the first difference of each
pair that differs and exits 1 if any does.
"""
import sys

import pyarrow.parquet as pq

import canonical

failures = 0
pairs = sys.argv[1:]
for index in range(0, len(pairs), 2):
    parquet_path, json_path = pairs[index], pairs[index + 1]
    if not canonical.report(parquet_path, pq.read_table(parquet_path), json_path):
        failures += 1
sys.exit(1 if failures else 0)
