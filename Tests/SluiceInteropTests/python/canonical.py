"""Canonical Python values for comparing what another library reads from a Parquet file with
what Sluice reports as NDJSON (its JSON writer's conventions: ISO dates and UTC timestamps,
decimals as JSON numbers, binary as base64, maps as objects, NaN and infinities as null).

Both sides are turned into the same plain values, driven by the Arrow type of the column, so
a difference means a real difference in the data.
"""
import base64
import datetime
import decimal
import json
import math
import uuid

import pyarrow as pa

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def micros(value):
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    delta = value - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def microsecond_types(arrow_type):
    """The same type with every timestamp at microsecond precision (Sluice's precision)."""
    if pa.types.is_timestamp(arrow_type):
        return pa.timestamp("us", tz=arrow_type.tz)
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return pa.list_(pa.field(arrow_type.value_field.name, microsecond_types(arrow_type.value_type)))
    if pa.types.is_struct(arrow_type):
        return pa.struct([pa.field(f.name, microsecond_types(f.type), f.nullable) for f in arrow_type])
    if pa.types.is_map(arrow_type):
        return pa.map_(microsecond_types(arrow_type.key_type), microsecond_types(arrow_type.item_type))
    return arrow_type


def arrow_rows(table):
    """Rows of an Arrow table as lists of canonical values."""
    schema = pa.schema([pa.field(f.name, microsecond_types(f.type), f.nullable) for f in table.schema])
    table = table.cast(schema, safe=False)
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return [
        [from_arrow(columns[c][r], table.schema.field(c).type) for c in range(table.num_columns)]
        for r in range(table.num_rows)
    ]


def json_rows(path, schema):
    """Rows of a Sluice NDJSON file as lists of canonical values, in `schema`'s column order."""
    rows = []
    with open(path) as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line, parse_float=decimal.Decimal, parse_int=decimal.Decimal)
            rows.append([from_json(record.get(f.name), f.type) for f in schema])
    return rows


def float_value(value):
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def from_arrow(value, arrow_type):
    if value is None:
        return None
    if pa.types.is_boolean(arrow_type):
        return bool(value)
    if pa.types.is_integer(arrow_type):
        return int(value)
    if pa.types.is_floating(arrow_type):
        return float_value(value)
    if pa.types.is_decimal(arrow_type):
        return ("decimal", decimal.Decimal(value))
    if pa.types.is_date(arrow_type):
        return value.isoformat()
    if pa.types.is_timestamp(arrow_type):
        return ("micros", micros(value))
    if pa.types.is_time(arrow_type):
        return value.isoformat()
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return value
    if pa.types.is_binary(arrow_type) or pa.types.is_large_binary(arrow_type) or pa.types.is_fixed_size_binary(arrow_type):
        return base64.b64encode(value).decode()
    if isinstance(value, uuid.UUID):
        return str(value)
    if pa.types.is_map(arrow_type):
        return {map_key(k, arrow_type.key_type): from_arrow(v, arrow_type.item_type) for k, v in value}
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type) or pa.types.is_fixed_size_list(arrow_type):
        return [from_arrow(v, arrow_type.value_type) for v in value]
    if pa.types.is_struct(arrow_type):
        return {f.name: from_arrow(value.get(f.name), f.type) for f in arrow_type}
    if isinstance(arrow_type, pa.ExtensionType):
        return from_arrow(value, arrow_type.storage_type)
    raise TypeError(f"no canonical form for {arrow_type}")


def map_key(key, key_type):
    canonical = from_arrow(key, key_type)
    if isinstance(canonical, tuple):
        canonical = canonical[1]
    return str(canonical)


def from_json(value, arrow_type):
    if value is None:
        return None
    if pa.types.is_boolean(arrow_type):
        return bool(value)
    if pa.types.is_integer(arrow_type):
        return int(value)
    if pa.types.is_floating(arrow_type):
        return float_value(value)
    if pa.types.is_decimal(arrow_type):
        return ("decimal", decimal.Decimal(value))
    if pa.types.is_date(arrow_type):
        return value
    if pa.types.is_timestamp(arrow_type):
        return ("micros", micros(datetime.datetime.fromisoformat(value)))
    if pa.types.is_time(arrow_type):
        return datetime.time.fromisoformat(value).isoformat()
    if pa.types.is_map(arrow_type):
        return {str(json_map_key(k, arrow_type.key_type)): from_json(v, arrow_type.item_type) for k, v in value.items()}
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type) or pa.types.is_fixed_size_list(arrow_type):
        return [from_json(v, arrow_type.value_type) for v in value]
    if pa.types.is_struct(arrow_type):
        return {f.name: from_json(value.get(f.name), f.type) for f in arrow_type}
    if isinstance(arrow_type, pa.ExtensionType):
        return from_json(value, arrow_type.storage_type)
    return value  # strings, base64 binary, UUID text


def json_map_key(key, key_type):
    if pa.types.is_timestamp(key_type):
        return micros(datetime.datetime.fromisoformat(key))
    if pa.types.is_integer(key_type):
        return int(key)
    return key


def first_difference(expected, actual, names):
    if len(expected) != len(actual):
        return f"{len(expected)} rows expected, {len(actual)} found"
    for index, (left, right) in enumerate(zip(expected, actual)):
        for name, a, b in zip(names, left, right):
            if a != b:
                return f"row {index}, column {name}: expected {a!r}, found {b!r}"
    return None


def report(name, table, json_path):
    """Compares an Arrow table with a Sluice NDJSON file and prints one line; True when equal."""
    expected = arrow_rows(table)
    actual = json_rows(json_path, table.schema)
    difference = first_difference(expected, actual, table.schema.names)
    print(f"{name}: {difference}" if difference else f"{name}: {table.num_rows} rows equal")
    return difference is None
