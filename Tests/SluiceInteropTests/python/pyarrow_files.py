"""Usage: pyarrow_files.py OUT_DIR

Writes Parquet files with pyarrow in every variant Sluice must read: each codec, dictionary
on and off, data pages v1 and v2, BYTE_STREAM_SPLIT, the DELTA encodings, legacy list
layouts and converted types, INT96, many row groups and small pages, an empty file. The
values are seeded, so a failure repeats. Prints the file names, one per line.
"""
import datetime
import decimal
import os
import random
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
rng = random.Random(3)
ROWS = 600


def maybe(value, null_share=0.15):
    return None if rng.random() < null_share else value


def text():
    alphabet = "abcdefghijklmnopqrstuvwxyz ÄÖ日本-\"\\\n"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def timestamp():
    return datetime.datetime(2026, 11, 1) + datetime.timedelta(microseconds=rng.randint(-10**15, 10**15))


def decimal_value(digits, scale):
    unscaled = rng.randint(-(10**digits) + 1, 10**digits - 1)
    return decimal.Decimal(unscaled).scaleb(-scale)


def int_list():
    return maybe([maybe(rng.randint(-1000, 1000)) for _ in range(rng.randint(0, 4))])


def columns():
    return {
        "flag": pa.array([maybe(rng.random() < 0.5) for _ in range(ROWS)], pa.bool_()),
        "i8": pa.array([maybe(rng.randint(-128, 127)) for _ in range(ROWS)], pa.int8()),
        "i16": pa.array([maybe(rng.randint(-32768, 32767)) for _ in range(ROWS)], pa.int16()),
        "i32": pa.array([maybe(rng.randint(-2**31, 2**31 - 1)) for _ in range(ROWS)], pa.int32()),
        "i64": pa.array([maybe(rng.randint(-2**63, 2**63 - 1)) for _ in range(ROWS)], pa.int64()),
        "u8": pa.array([maybe(rng.randint(0, 255)) for _ in range(ROWS)], pa.uint8()),
        "u16": pa.array([maybe(rng.randint(0, 65535)) for _ in range(ROWS)], pa.uint16()),
        "u32": pa.array([maybe(rng.randint(0, 2**32 - 1)) for _ in range(ROWS)], pa.uint32()),
        "u64": pa.array([maybe(rng.randint(0, 2**64 - 1)) for _ in range(ROWS)], pa.uint64()),
        "f32": pa.array([maybe(rng.uniform(-1e6, 1e6)) for _ in range(ROWS)], pa.float32()),
        "f64": pa.array([maybe(rng.choice([rng.uniform(-1e9, 1e9), 0.0, -0.0, 1e-300])) for _ in range(ROWS)], pa.float64()),
        "d9": pa.array([maybe(decimal_value(9, 2)) for _ in range(ROWS)], pa.decimal128(9, 2)),
        "d18": pa.array([maybe(decimal_value(18, 4)) for _ in range(ROWS)], pa.decimal128(18, 4)),
        "d38": pa.array([maybe(decimal_value(38, 10)) for _ in range(ROWS)], pa.decimal128(38, 10)),
        "s": pa.array([maybe(text()) for _ in range(ROWS)], pa.string()),
        "low_cardinality": pa.array([maybe(rng.choice(["web", "ios", "android"])) for _ in range(ROWS)], pa.string()),
        "bin": pa.array([maybe(bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 6)))) for _ in range(ROWS)], pa.binary()),
        "fixed": pa.array([maybe(bytes(rng.randint(0, 255) for _ in range(4))) for _ in range(ROWS)], pa.binary(4)),
        "day": pa.array([maybe(datetime.date(2026, 11, 1) + datetime.timedelta(days=rng.randint(-40000, 40000))) for _ in range(ROWS)], pa.date32()),
        "ts_ms": pa.array([maybe(timestamp()) for _ in range(ROWS)], pa.timestamp("ms")),
        "ts_us_utc": pa.array([maybe(timestamp()) for _ in range(ROWS)], pa.timestamp("us", tz="UTC")),
        "ts_ns": pa.array([maybe(timestamp()) for _ in range(ROWS)], pa.timestamp("ns")),
        "t_ms": pa.array([maybe(datetime.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999) * 1000)) for _ in range(ROWS)], pa.time32("ms")),
        "t_us": pa.array([maybe(datetime.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))) for _ in range(ROWS)], pa.time64("us")),
        "ints": pa.array([int_list() for _ in range(ROWS)], pa.list_(pa.int64())),
        "nested_lists": pa.array([maybe([int_list() for _ in range(rng.randint(0, 3))]) for _ in range(ROWS)], pa.list_(pa.list_(pa.int32()))),
        "items": pa.array(
            [maybe([maybe({"sku": maybe(text()), "qty": maybe(rng.randint(0, 9)), "tags": int_list()}) for _ in range(rng.randint(0, 3))]) for _ in range(ROWS)],
            pa.list_(pa.struct([("sku", pa.string()), ("qty", pa.int32()), ("tags", pa.list_(pa.int64()))]))),
        "device": pa.array(
            [maybe({"os": maybe(rng.choice(["linux", "mac"])), "version": maybe({"major": rng.randint(0, 20), "minor": maybe(rng.randint(0, 9))})}) for _ in range(ROWS)],
            pa.struct([("os", pa.string()), ("version", pa.struct([("major", pa.int32()), ("minor", pa.int32())]))])),
        "attributes": pa.array(
            [maybe([(k, maybe(rng.randint(0, 100))) for k in rng.sample(["a", "b", "c", "d"], rng.randint(0, 3))]) for _ in range(ROWS)],
            pa.map_(pa.string(), pa.int64())),
    }


def write(name, table, **options):
    path = os.path.join(out, name)
    pq.write_table(table, path, **options)
    print(path)


full = pa.table(columns())
for codec in ["none", "snappy", "gzip", "zstd", "lz4", "brotli"]:
    if codec == "brotli":
        continue  # Sluice refuses Brotli with a clear error; tested separately.
    write(f"all_types_{codec}.parquet", full, compression=codec)
write("no_dictionary.parquet", full, use_dictionary=False)
write("page_v2.parquet", full, data_page_version="2.0")
write("page_v2_uncompressed.parquet", full, data_page_version="2.0", compression="none")
write("small_pages_many_row_groups.parquet", full, row_group_size=97, data_page_size=256, write_batch_size=16)
flat = full.select(["i32", "i64", "f32", "f64", "fixed", "d9", "d18", "d38"])
write("byte_stream_split.parquet", flat, use_dictionary=False, use_byte_stream_split=True)
write("delta.parquet", full.select(["i32", "i64", "s", "bin", "u32", "day", "ts_us_utc"]), use_dictionary=False,
      column_encoding={"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "s": "DELTA_LENGTH_BYTE_ARRAY",
                       "bin": "DELTA_BYTE_ARRAY", "u32": "DELTA_BINARY_PACKED", "day": "DELTA_BINARY_PACKED",
                       "ts_us_utc": "DELTA_BINARY_PACKED"})
write("legacy_lists.parquet", full.select(["ints", "items", "nested_lists", "attributes"]), use_compliant_nested_type=False)
write("format_1_0.parquet", full, version="1.0")
write("int96.parquet", full.select(["ts_ms", "ts_us_utc", "ts_ns", "i32"]), use_deprecated_int96_timestamps=True)
write("empty.parquet", full.slice(0, 0))
write("brotli.parquet", flat, compression="brotli")
