"""Runs the differential queries on DuckDB over seed 002's NDJSON and writes the expected
results in the tagged form differential_compare.py reads.

    python3 differential_duckdb.py <data folder with users/ and orders/> queries.json expected.json

The tables are DuckDB tables (loaded once) with the types Sluice infers from the same files (bigint ids and
counts, double prices, UTC timestamps, the `device` struct, `dt` as a string partition column).
"""
import datetime
import decimal
import json
import math
import sys

import duckdb

EPOCH = datetime.datetime(1970, 1, 1)

USERS_COLUMNS = "{'user_id': 'BIGINT', 'name': 'VARCHAR', 'gender': 'VARCHAR', 'age': 'BIGINT', 'city': 'VARCHAR', 'signup_at': 'TIMESTAMP'}"
ORDERS_COLUMNS = ("{'order_id': 'BIGINT', 'user_id': 'BIGINT', 'category': 'VARCHAR', 'price': 'DOUBLE', 'quantity': 'BIGINT', "
                  "'status': 'VARCHAR', 'created_at': 'TIMESTAMP', 'device': 'STRUCT(os VARCHAR, app_version VARCHAR)', 'coupon': 'VARCHAR'}")


def connect(root):
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute(
        "CREATE TABLE users AS SELECT * FROM read_json('%s/users/*.json', format='newline_delimited', columns=%s)"
        % (root, USERS_COLUMNS))
    connection.execute(
        "CREATE TABLE orders AS SELECT * FROM read_json('%s/orders/*/*.json', format='newline_delimited', "
        "hive_partitioning=true, hive_types_autocast=false, columns=%s)" % (root, ORDERS_COLUMNS))
    return connection


def tagged(value):
    """A DuckDB value in the tagged JSON form."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"f": "NaN"}
        if math.isinf(value):
            return {"f": "Infinity" if value > 0 else "-Infinity"}
        return {"f": repr(value)}
    if isinstance(value, decimal.Decimal):
        return {"n": format(value, "f")}
    if isinstance(value, datetime.datetime):
        delta = value.replace(tzinfo=None) - EPOCH
        return {"ts": (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {"bin": bytes(value).hex()}
    if isinstance(value, (list, tuple)):
        return [tagged(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"key", "value"} and isinstance(value["key"], list):
            return {"map": [[tagged(k), tagged(v)] for k, v in zip(value["key"], value["value"])]}
        return {"struct": [[k, tagged(v)] for k, v in value.items()]}
    raise ValueError("cannot tag %r" % (value,))


def run(connection, queries):
    results = {}
    for query in queries:
        sql = query["duckdb"].replace("{users}", "users").replace("{orders}", "orders")
        try:
            rows = connection.sql(sql).fetchall()
            results[str(query["id"])] = {"rows": [[tagged(v) for v in row] for row in rows]}
        except Exception as error:  # noqa: BLE001 - reported per query by the comparison
            results[str(query["id"])] = {"error": str(error).splitlines()[0]}
    return results


def main(arguments):
    root, queries_path, out_path = arguments
    with open(queries_path) as handle:
        queries = json.load(handle)
    results = run(connect(root), queries)
    with open(out_path, "w") as handle:
        json.dump(results, handle, ensure_ascii=False)
    failed = [key for key, value in results.items() if "error" in value]
    for key in failed:
        print("query %s failed on DuckDB: %s" % (key, results[key]["error"]))
    print("%d queries run on DuckDB, %d failed" % (len(results), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
