"""Compares Sluice's answers with DuckDB's for the differential queries.

    python3 differential_compare.py queries.json expected.json actual.json

`expected.json` (from differential_duckdb.py) maps a query id to {"rows": […]} or
{"error": …}; `actual.json` (from the Swift test) lists {"id", "source", "rows" | "error"}.
Rows hold values in one tagged JSON form both sides write:

    null, true/false, integers as JSON integers, strings as JSON strings, lists as arrays,
    {"f": "2.5" | "NaN" | "Infinity" | "-Infinity"} doubles, {"n": "1.50"} decimals,
    {"date": "2026-11-01"}, {"ts": microseconds}, {"bin": "0aff"},
    {"struct": [[name, value], …]}, {"map": [[key, value], …]}

Rows are compared in order when the query has an ORDER BY, as multisets otherwise; doubles
agree to a relative 1e-9, decimals and doubles are compared by value. Every mismatch is
reported with its query; the exit code is 1 when there is one.
"""
import decimal
import json
import math
import sys

RELATIVE_TOLERANCE = 1e-9


def decode(value):
    """Tagged JSON → plain Python values (floats, Decimals, tuples for dates and structs)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        (tag, inner), = value.items()
        if tag == "f":
            return float(inner)
        if tag == "n":
            return decimal.Decimal(inner)
        if tag == "date":
            return ("date", inner)
        if tag == "ts":
            return ("ts", int(inner))
        if tag == "bin":
            return ("bin", inner)
        if tag in ("struct", "map"):
            return (tag, tuple((decode(k) if tag == "map" else k, decode(v)) for k, v in inner))
        raise ValueError("unknown tag %r" % tag)
    return value


def is_number(value):
    return isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool)


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if is_number(a) and is_number(b):
        if isinstance(a, float) or isinstance(b, float):
            x, y = float(a), float(b)
            if math.isnan(x) or math.isnan(y):
                return math.isnan(x) and math.isnan(y)
            if math.isinf(x) or math.isinf(y):
                return x == y
            return abs(x - y) <= RELATIVE_TOLERANCE * max(abs(x), abs(y), 1e-300) or abs(x - y) < 1e-12
        return decimal.Decimal(a) == decimal.Decimal(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, tuple) and isinstance(b, tuple) and a and b and a[0] in ("struct", "map"):
        return a[0] == b[0] and len(a[1]) == len(b[1]) and all(
            same(ka, kb) and same(va, vb) for (ka, va), (kb, vb) in zip(a[1], b[1]))
    return a == b


def sort_key(value):
    """A total order over canonical values that tolerates last-bit differences in doubles."""
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if is_number(value):
        number = float(value)
        if math.isnan(number):
            return (2, 1, 0.0)
        return (2, 0, float("%.9g" % number))
    if isinstance(value, str):
        return (3, value)
    if isinstance(value, list):
        return (4, tuple(sort_key(v) for v in value))
    if isinstance(value, tuple):
        if value[0] in ("struct", "map"):
            return (5, value[0], tuple((str(k), sort_key(v)) for k, v in value[1]))
        return (6, value)
    return (7, repr(value))


def row_key(row):
    return tuple(sort_key(v) for v in row)


def show(row):
    return "(" + ", ".join(repr(v) for v in row) + ")"


def compare(expected_rows, actual_rows, ordered):
    """A description of the first differences, or None when the results agree."""
    expected = [decode(r) for r in expected_rows]
    actual = [decode(r) for r in actual_rows]
    if not ordered:
        expected.sort(key=row_key)
        actual.sort(key=row_key)
    problems = []
    if len(expected) != len(actual):
        problems.append("DuckDB returned %d rows, Sluice %d" % (len(expected), len(actual)))
    for index, (e, a) in enumerate(zip(expected, actual)):
        if len(e) != len(a) or not all(same(x, y) for x, y in zip(e, a)):
            problems.append("row %d: DuckDB %s, Sluice %s" % (index, show(e), show(a)))
            if len(problems) >= 6:
                break
    if len(expected) != len(actual) and len(problems) < 6:
        extra = expected[len(actual):] if len(expected) > len(actual) else actual[len(expected):]
        side = "DuckDB only" if len(expected) > len(actual) else "Sluice only"
        for row in extra[:3]:
            problems.append("%s: %s" % (side, show(row)))
    return "\n  ".join(problems) if problems else None


def report(queries, expected, actual):
    by_id = {q["id"]: q for q in queries}
    mismatches = []
    equal = 0
    for result in actual:
        query = by_id[result["id"]]
        want = expected[str(result["id"])]
        where = "query %d (%s, %s)" % (query["id"], query["template"], result["source"])
        if "error" in want:
            mismatches.append("%s: DuckDB failed: %s\n  DuckDB SQL: %s" % (where, want["error"], query["duckdb"]))
            continue
        if "error" in result:
            mismatches.append("%s: Sluice failed: %s\n  SQL: %s" % (where, result["error"], query["sluice"]))
            continue
        difference = compare(want["rows"], result["rows"], query["ordered"])
        if difference:
            mismatches.append("%s: results differ\n  SQL: %s\n  DuckDB SQL: %s\n  %s" % (
                where, query["sluice"], query["duckdb"], difference))
        else:
            equal += 1
    return equal, mismatches


def main(arguments):
    with open(arguments[0]) as handle:
        queries = json.load(handle)
    with open(arguments[1]) as handle:
        expected = json.load(handle)
    with open(arguments[2]) as handle:
        actual = json.load(handle)
    equal, mismatches = report(queries, expected, actual)
    for mismatch in mismatches:
        print(mismatch + "\n")
    print("%d results equal, %d mismatches" % (equal, len(mismatches)))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
