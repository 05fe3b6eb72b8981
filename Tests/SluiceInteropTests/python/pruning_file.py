"""Usage: pruning_file.py OUT_FILE

Writes a Parquet file with pyarrow for Sluice's row-group filter: four row groups of 100
rows whose columns rise with the row number, so each column's statistics give the row
groups disjoint ranges. NaN sits in every row group of `price`; `device` is null in every
tenth row of row group 1; `note` is null in row groups 0 and 3 and in half of row group 2.
"""
import datetime
import decimal
import sys

import pyarrow as pa
import pyarrow.parquet as pq

ids = list(range(400))
start = datetime.datetime(2023, 11, 14)


def group(i):
    return i // 100


def padded(i):
    return "%04d" % i


table = pa.table({
    "id": pa.array(ids, pa.int64()),
    "small": pa.array(ids, pa.int16()),
    "unsigned": pa.array([i * 10_000_000 for i in ids], pa.uint32()),
    "price": pa.array([float("nan") if i % 50 == 7 else i * 0.5 for i in ids], pa.float64()),
    "ratio": pa.array([i / 4 for i in ids], pa.float32()),
    "amount": pa.array([decimal.Decimal(i * 125).scaleb(-2) for i in ids], pa.decimal128(12, 2)),
    "name": pa.array([["a", "b", "c", "é"][group(i)] + "-" + padded(i) for i in ids]),
    "day": pa.array([datetime.date(2022, 1, 1) + datetime.timedelta(days=i) for i in ids], pa.date32()),
    "at_ms": pa.array([start + datetime.timedelta(hours=i) for i in ids], pa.timestamp("ms", tz="UTC")),
    "at_ns": pa.array([start + datetime.timedelta(hours=i) for i in ids], pa.timestamp("ns")),
    "flag": pa.array([i >= 200 for i in ids]),
    "device": pa.array(
        [None if group(i) == 1 and i % 10 == 0 else {"os": ["android", "ios", "linux", "web"][group(i)], "version": i}
         for i in ids],
        pa.struct([("os", pa.string()), ("version", pa.int64())])),
    "tags": pa.array([[i, i + 1] for i in ids], pa.list_(pa.int64())),
    "note": pa.array([("n-" + padded(i)) if group(i) == 1 or (group(i) == 2 and i % 2 == 0) else None for i in ids]),
})
pq.write_table(table, sys.argv[1], row_group_size=100)
print(sys.argv[1])
