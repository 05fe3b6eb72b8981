#!/usr/bin/env python3
"""Checks (or rewrites) the expected rows of the .slt files against DuckDB.

    python3 Tests/SluiceEngineTests/sql/refresh_expected.py            # check every file
    python3 Tests/SluiceEngineTests/sql/refresh_expected.py --write F  # rewrite F's expected rows

Every `query <types> …` record is run on DuckDB (pip `duckdb`) and its rows printed the way
the Swift runner prints Sluice's (see SQLLogic/SQLLogicFormatter.swift); the column classes
(I, R, T, B) are checked against DuckDB's types. Trino and DuckDB differ in places, so a
record may carry, in the comment lines right above its header:

    # duckdb: <SQL>      the same query in DuckDB's dialect (several lines are joined)
    # by-hand: <why>     expected rows written by hand from Trino's documentation; not run

`read_json`, `read_csv` and `read_parquet` calls and the `__DATA__`/`__PARQUET__` placeholders
are translated automatically (Parquet copies are read from their JSON originals; timestamps
with a `Z` are read as UTC timestamps, Hive folders give string partition columns).
`statement …`, `query error …` and `query … contains` records are not run here.
"""
import datetime
import decimal
import math
import os
import re
import sys

import duckdb

SQL_FOLDER = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(SQL_FOLDER, "data")


# ---- printing, as SQLLogicFormatter does -------------------------------------------------

def double_text(value, rounded=True):
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if rounded and value != 0:
        value = float("%.11e" % value)
    return repr(float(value))


def timestamp_text(value):
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    if value.microsecond:
        text += "." + ("%06d" % value.microsecond).rstrip("0")
    return text


def decimal_text(value):
    return format(value, "f")


def nested_text(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return double_text(value, rounded=False)
    if isinstance(value, decimal.Decimal):
        return decimal_text(value)
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, (bytes, bytearray)):
        return "0x" + bytes(value).hex()
    if isinstance(value, datetime.datetime):
        return timestamp_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(nested_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (k, nested_text(v)) for k, v in value.items()) + "}"
    raise ValueError("cannot print %r" % (value,))


def value_text(value):
    if isinstance(value, str):
        return value if value else "(empty)"
    if isinstance(value, float):
        return double_text(value)
    return nested_text(value)


def column_class(type_name):
    name = str(type_name).upper()
    if name in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"):
        return "I"
    if name in ("FLOAT", "DOUBLE") or name.startswith("DECIMAL"):
        return "R"
    if name == "BOOLEAN":
        return "B"
    return "T"


# ---- reading .slt files --------------------------------------------------------------------

class Record:
    def __init__(self, header_index, comments, header, sql_lines, end_index, expected):
        self.header_index = header_index  # 0-based line of the header
        self.comments = comments
        self.header = header
        self.sql = "\n".join(sql_lines)
        self.end_index = end_index  # 0-based line after the expected rows
        self.expected = expected

    @property
    def directives(self):
        duck, by_hand = [], None
        for comment in self.comments:
            body = comment[1:].strip()
            if body.startswith("duckdb:"):
                duck.append(body[len("duckdb:"):].strip())
            elif body.startswith("by-hand"):
                by_hand = body
        return ("\n".join(duck) if duck else None), by_hand


def read_records(lines):
    records = []
    index = 0
    comments = []
    while index < len(lines):
        line = lines[index].rstrip()
        if line.startswith("#"):
            comments.append(line)
            index += 1
            continue
        if not line:
            comments = []
            index += 1
            continue
        header = line
        start = index
        index += 1
        sql = []
        while index < len(lines) and lines[index].rstrip() and lines[index].rstrip() != "----":
            sql.append(lines[index].rstrip())
            index += 1
        expected = None
        if index < len(lines) and lines[index].rstrip() == "----":
            index += 1
            expected = []
            while index < len(lines) and lines[index].rstrip():
                expected.append(lines[index].rstrip())
                index += 1
        records.append(Record(start, comments, header, sql, index, expected))
        comments = []
    return records


# ---- translating to DuckDB -----------------------------------------------------------------

TABLE_FUNCTION = re.compile(r"read_(json|csv|parquet)\(\s*'([^']*)'\s*\)")


class Translator:
    def __init__(self, connection):
        self.connection = connection

    def source(self, kind, path):
        path = path.replace("__DATA__", DATA)
        if kind == "parquet":
            kind = "json"
            path = path.replace("__PARQUET__", DATA)
            path = re.sub(r"\.parquet$", ".json", path)
        is_folder = os.path.isdir(path)
        if is_folder:
            path = path.rstrip("/") + "/**/*." + kind
        if kind == "json":
            call = "read_json('%s', format='newline_delimited', hive_partitioning=true, hive_types_autocast=false)" % path
        else:
            call = "read_csv('%s', header=true, hive_partitioning=true, hive_types_autocast=false)" % path
        columns = self.connection.sql("DESCRIBE SELECT * FROM " + call).fetchall()
        replaced = ["CAST(\"%s\" AS TIMESTAMP) AS \"%s\"" % (c[0], c[0]) for c in columns if c[1] == "TIMESTAMP WITH TIME ZONE"]
        if not replaced:
            return call
        return "(SELECT * REPLACE (%s) FROM %s)" % (", ".join(replaced), call)

    def translate(self, sql):
        sql = TABLE_FUNCTION.sub(lambda m: self.source(m.group(1), m.group(2)), sql)
        return sql.replace("__DATA__", DATA)


def connect():
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("SET threads = 1")
    return connection


def sort_key(text):
    return text.encode("utf-8")


def duckdb_rows(translator, sql, sort):
    relation = translator.connection.sql(translator.translate(sql))
    types = "".join(column_class(t) for t in relation.types)
    rows = [" ".join(value_text(v) for v in row).rstrip() for row in relation.fetchall()]
    if sort == "rowsort":
        rows.sort(key=sort_key)
    return types, rows


def check_file(path, write):
    with open(path) as handle:
        lines = handle.read().split("\n")
    translator = Translator(connect())
    problems = []
    checked = 0
    replacements = []
    for record in read_records(lines):
        words = record.header.split()
        if words[0] != "query" or len(words) < 2 or words[1] == "error":
            continue
        sort = words[2] if len(words) > 2 else "nosort"
        if sort == "contains":
            continue
        duck_sql, by_hand = record.directives
        if by_hand:
            continue
        where = "%s:%d" % (os.path.relpath(path, SQL_FOLDER), record.header_index + 1)
        try:
            types, rows = duckdb_rows(translator, duck_sql or record.sql, sort)
        except Exception as error:  # noqa: BLE001 - every DuckDB failure is reported with its record
            problems.append("%s: DuckDB failed: %s\n%s" % (where, str(error).splitlines()[0], duck_sql or record.sql))
            continue
        checked += 1
        if types != words[1]:
            problems.append("%s: column classes %s, DuckDB says %s\n%s" % (where, words[1], types, record.sql))
        expected = record.expected or []
        compare = (lambda r: sorted(r, key=sort_key)) if sort == "rowsort" else (lambda r: r)
        if compare(expected) != compare(rows):
            if write:
                replacements.append((record, rows))
            else:
                problems.append("%s: rows differ\n%s\n--- file ---\n%s\n--- DuckDB ---\n%s" % (
                    where, record.sql, "\n".join(expected), "\n".join(rows)))
    if write and replacements:
        for record, rows in sorted(replacements, key=lambda r: -r[0].header_index):
            start = record.header_index + 1 + len(record.sql.split("\n"))
            lines[start:record.end_index] = ["----"] + rows
        with open(path, "w") as handle:
            handle.write("\n".join(lines))
    return checked, problems


def main(arguments):
    write = "--write" in arguments
    files = [a for a in arguments if not a.startswith("--")]
    if not files:
        files = sorted(
            os.path.join(root, name) for root, _, names in os.walk(SQL_FOLDER) for name in names if name.endswith(".slt"))
    total = 0
    all_problems = []
    for path in files:
        checked, problems = check_file(path, write)
        total += checked
        all_problems += problems
    for problem in all_problems:
        print(problem + "\n")
    print("%d queries checked against DuckDB, %d problems" % (total, len(all_problems)))
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
