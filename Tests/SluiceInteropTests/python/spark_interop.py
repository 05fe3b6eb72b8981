"""Usage: spark_interop.py SLUICE_BINARY WORK_DIR [SLUICE_PARQUET SLUICE_NDJSON ...]

One local Spark session (2 threads) checks Parquet both ways:
- Spark reads each Parquet file Sluice wrote and must see the rows of the NDJSON beside it;
- Spark writes files (INT96 and microsecond timestamps, decimals of every backing, nested
  arrays of structs, maps, the legacy Hive layout), Sluice converts each to NDJSON with
  `sluice convert`, and the rows must equal what Spark reads from its own files.
Prints one line per file and exits 1 on the first difference.
"""
import os
import subprocess
import sys

os.environ["TZ"] = "UTC"

from pyspark.sql import SparkSession  # noqa: E402

import canonical  # noqa: E402

sluice, work = sys.argv[1], sys.argv[2]
pairs = sys.argv[3:]

spark = (
    SparkSession.builder.master("local[2]")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.shuffle.partitions", "2")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
failures = 0


def check(name, table, json_path):
    global failures
    if not canonical.report(name, table, json_path):
        failures += 1


# Spark reads what Sluice wrote.
for index in range(0, len(pairs), 2):
    parquet_path, json_path = pairs[index], pairs[index + 1]
    frame = spark.read.parquet(parquet_path)
    check(f"spark read {os.path.basename(parquet_path)}", frame.toArrow(), json_path)

# Sluice reads what Spark wrote.
source = spark.sql("""
    SELECT
      id,
      CASE WHEN id % 7 = 0 THEN NULL ELSE concat('user-', cast(id AS string)) END AS name,
      CAST(id * 1.25 AS decimal(7,2)) AS small_amount,
      CAST(id * 1000003.5 AS decimal(15,3)) AS amount,
      CAST(id * 12345678901234.5 AS decimal(30,5)) AS big_amount,
      timestamp_micros(1762000000000000 + id * 3600000123) AS at,
      date_add(DATE'2026-11-01', CAST(id % 40 AS int)) AS day,
      CASE WHEN id % 5 = 0 THEN NULL ELSE array(id, id + 1, NULL) END AS numbers,
      array(named_struct('sku', concat('sku-', cast(id % 3 AS string)), 'qty', CAST(id % 4 AS int))) AS items,
      map('a', id, 'b', id * 2) AS attributes,
      named_struct('os', CASE WHEN id % 2 = 0 THEN 'linux' ELSE NULL END, 'major', CAST(id % 9 AS smallint)) AS device,
      CAST(id % 100 AS tinyint) AS tiny,
      id % 3 = 0 AS flag,
      CAST(id AS double) / 3 AS ratio,
      CAST(CAST(id AS string) AS binary) AS raw
    FROM range(0, 3000)
""")
variants = {
    "spark_int96": {"spark.sql.parquet.outputTimestampType": "INT96"},
    "spark_micros": {"spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS"},
    "spark_legacy": {"spark.sql.parquet.writeLegacyFormat": "true", "spark.sql.parquet.outputTimestampType": "INT96"},
    "spark_zstd": {"spark.sql.parquet.compression.codec": "zstd"},
    "spark_gzip": {"spark.sql.parquet.compression.codec": "gzip"},
}
for name, settings in variants.items():
    for key, value in settings.items():
        spark.conf.set(key, value)
    folder = os.path.join(work, name)
    source.coalesce(1).write.mode("overwrite").parquet(folder)
    for key in settings:
        spark.conf.unset(key)
    files = sorted(f for f in os.listdir(folder) if f.endswith(".parquet"))
    for file in files:
        path = os.path.join(folder, file)
        json_path = os.path.join(work, name + ".json")
        run = subprocess.run([sluice, "convert", path, json_path], capture_output=True, text=True)
        if run.returncode != 0:
            failures += 1
            print(f"{name}: sluice convert failed ({run.returncode}): {run.stderr.strip()}")
            continue
        check(f"sluice read {name}", spark.read.parquet(path).toArrow(), json_path)

spark.stop()
sys.exit(1 if failures else 0)
