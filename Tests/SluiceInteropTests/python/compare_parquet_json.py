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
    table = pq.read_table(parquet_path)
    expected = canonical.arrow_rows(table)
    actual = canonical.json_rows(json_path, table.schema)
    difference = canonical.first_difference(expected, actual, table.schema.names)
    if difference:
        failures += 1
        print(f"{parquet_path}: {difference}")
    else:
        print(f"{parquet_path}: {table.num_rows} rows equal")
sys.exit(1 if failures else 0)
