"""`sluice server` driven by unmodified boto3 and the aws CLI, as a user would.

    python3 kinesis_clients.py SLUICE_BINARY WORK_FOLDER lifecycle|bad-input|signatures|awscli|crash

Each scenario starts its own server on a free loopback port with its own data folder, checks
everything with asserts, prints `PASS <scenario>: <facts>` and exits 0; any failure exits 1
with the reason and the server's log.
"""

import base64
import datetime
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

import botocore.exceptions

from sluice_server import Server, stop_all


def error_code(call):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        return error.response["Error"]["Code"], error.response["Error"].get("Message", "")
    raise AssertionError("expected an error, the call succeeded")


def read_shard(client, stream, shard_id, iterator_type="TRIM_HORIZON", **extra):
    """Every record of one shard from the start point; also the final GetRecords response."""
    iterator = client.get_shard_iterator(StreamName=stream, ShardId=shard_id, ShardIteratorType=iterator_type, **extra)["ShardIterator"]
    records, last = [], None
    while iterator:
        last = client.get_records(ShardIterator=iterator, Limit=1000)
        records += last["Records"]
        if not last["Records"] and last.get("MillisBehindLatest", 0) == 0:
            break
        iterator = last.get("NextShardIterator")
    return records, last


def all_shards(client, stream):
    shards, token = [], None
    while True:
        page = client.list_shards(NextToken=token) if token else client.list_shards(StreamName=stream)
        shards += page["Shards"]
        token = page.get("NextToken")
        if not token:
            return shards


def read_stream(client, stream):
    records = []
    for shard in all_shards(client, stream):
        records += read_shard(client, stream, shard["ShardId"])[0]
    return records


def shard_for(key, shards):
    hashed = int(hashlib.md5(key.encode()).hexdigest(), 16)
    for shard in shards:
        if "EndingSequenceNumber" in shard["SequenceNumberRange"]:
            continue
        if int(shard["HashKeyRange"]["StartingHashKey"]) <= hashed <= int(shard["HashKeyRange"]["EndingHashKey"]):
            return shard["ShardId"]
    raise AssertionError(f"no open shard holds {key}")


def lifecycle(binary, work):
    server = Server(binary, os.path.join(work, "lifecycle")).start()
    client = server.kinesis()
    client.create_stream(StreamName="orders", ShardCount=3)
    client.get_waiter("stream_exists").wait(StreamName="orders", WaiterConfig={"Delay": 0.1, "MaxAttempts": 20})
    client.create_stream(StreamName="clicks")
    description = client.describe_stream(StreamName="orders")["StreamDescription"]
    assert description["StreamStatus"] == "ACTIVE"
    assert description["StreamModeDetails"]["StreamMode"] == "PROVISIONED"
    assert len(description["Shards"]) == 3 and description["HasMoreShards"] is False
    assert description["RetentionPeriodHours"] == 24
    assert isinstance(description["StreamCreationTimestamp"], datetime.datetime)
    summary = client.describe_stream_summary(StreamName="clicks")["StreamDescriptionSummary"]
    assert summary["OpenShardCount"] == 4 and summary["StreamModeDetails"]["StreamMode"] == "ON_DEMAND", summary
    listed = client.list_streams()
    assert listed["StreamNames"] == ["clicks", "orders"] and listed["HasMoreStreams"] is False
    assert [s["StreamName"] for s in listed["StreamSummaries"]] == ["clicks", "orders"]
    page = client.list_streams(Limit=1)
    assert page["StreamNames"] == ["clicks"] and page["HasMoreStreams"] and page["NextToken"]
    assert client.list_streams(NextToken=page["NextToken"])["StreamNames"] == ["orders"]

    shards = description["Shards"]
    single = client.put_record(StreamName="orders", PartitionKey="user-42", Data=b'{"order": 1}')
    assert single["ShardId"] == shard_for("user-42", shards), single
    expected = {("user-42", b'{"order": 1}')}

    entries = [{"PartitionKey": f"user-{i}", "Data": json.dumps({"order": i}).encode()} for i in range(300)]
    entries.insert(150, {"PartitionKey": "too-big", "Data": b"x" * (1024 * 1024 + 1)})
    result = client.put_records(StreamName="orders", Records=entries)
    assert result["FailedRecordCount"] == 1, result["FailedRecordCount"]
    failed = result["Records"][150]
    assert failed["ErrorCode"] == "InvalidArgumentException" and "exceeds" in failed["ErrorMessage"], failed
    assert "SequenceNumber" not in failed
    for entry, outcome in zip(entries, result["Records"]):
        if entry["PartitionKey"] == "too-big":
            continue
        assert outcome["ShardId"] == shard_for(entry["PartitionKey"], shards), (entry["PartitionKey"], outcome)
        expected.add((entry["PartitionKey"], entry["Data"]))

    # Every shard from TRIM_HORIZON: each record exactly once, in sequence order per shard.
    seen = []
    for shard in shards:
        records, last = read_shard(client, "orders", shard["ShardId"])
        numbers = [int(r["SequenceNumber"]) for r in records]
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
        assert last["MillisBehindLatest"] == 0 and last["NextShardIterator"]
        for record in records:
            assert isinstance(record["ApproximateArrivalTimestamp"], datetime.datetime)
            seen.append((record["PartitionKey"], record["Data"]))
    assert len(seen) == 301 and set(seen) == expected, (len(seen), len(expected))

    # The other iterator types, on the shard of the single record.
    shard_id = single["ShardId"]
    at = read_shard(client, "orders", shard_id, "AT_SEQUENCE_NUMBER", StartingSequenceNumber=single["SequenceNumber"])[0]
    assert at[0]["SequenceNumber"] == single["SequenceNumber"]
    after = read_shard(client, "orders", shard_id, "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber=single["SequenceNumber"])[0]
    assert len(after) == len(at) - 1 and after[0]["SequenceNumber"] == at[1]["SequenceNumber"]
    latest = client.get_shard_iterator(StreamName="orders", ShardId=shard_id, ShardIteratorType="LATEST")["ShardIterator"]
    assert client.get_records(ShardIterator=latest)["Records"] == []
    # boto3 sends AT_TIMESTAMP in whole seconds: start the later record in a second of its own.
    boundary = int(time.time()) + 1
    time.sleep(boundary - time.time() + 0.05)
    marker = datetime.datetime.fromtimestamp(boundary, datetime.timezone.utc)
    client.put_record(StreamName="orders", PartitionKey="user-42", Data=b"later")
    got = client.get_records(ShardIterator=latest)["Records"]
    assert [r["Data"] for r in got] == [b"later"], got
    stamped = read_shard(client, "orders", shard_id, "AT_TIMESTAMP", Timestamp=marker)[0]
    assert [r["Data"] for r in stamped] == [b"later"], stamped
    expected.add(("user-42", b"later"))

    # Retention and tags.
    client.increase_stream_retention_period(StreamName="orders", RetentionPeriodHours=48)
    assert client.describe_stream_summary(StreamName="orders")["StreamDescriptionSummary"]["RetentionPeriodHours"] == 48
    client.decrease_stream_retention_period(StreamName="orders", RetentionPeriodHours=24)
    code, _ = error_code(lambda: client.decrease_stream_retention_period(StreamName="orders", RetentionPeriodHours=12))
    assert code == "InvalidArgumentException"
    client.add_tags_to_stream(StreamName="orders", Tags={"team": "sales", "env": "test"})
    tags = client.list_tags_for_stream(StreamName="orders")
    assert tags["Tags"] == [{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "sales"}] and tags["HasMoreTags"] is False

    # Resharding 3 → 6 (every shard splits) and reading across parents and children.
    scaled = client.update_shard_count(StreamName="orders", TargetShardCount=6, ScalingType="UNIFORM_SCALING")
    assert scaled["CurrentShardCount"] == 3 and scaled["TargetShardCount"] == 6, scaled
    after_split = all_shards(client, "orders")
    open_shards = [s for s in after_split if "EndingSequenceNumber" not in s["SequenceNumberRange"]]
    closed = [s for s in after_split if "EndingSequenceNumber" in s["SequenceNumberRange"]]
    assert len(open_shards) == 6 and len(closed) == 3, (len(open_shards), len(closed))
    assert all(s.get("ParentShardId") in {c["ShardId"] for c in closed} for s in open_shards)
    records, last = read_shard(client, "orders", closed[0]["ShardId"])
    assert "NextShardIterator" not in last or last["NextShardIterator"] is None, last
    assert {c["ShardId"] for c in last["ChildShards"]} == {s["ShardId"] for s in open_shards if s["ParentShardId"] == closed[0]["ShardId"]}
    more = [{"PartitionKey": f"late-{i}", "Data": f"late {i}".encode()} for i in range(120)]
    result = client.put_records(StreamName="orders", Records=more)
    assert result["FailedRecordCount"] == 0
    for entry, outcome in zip(more, result["Records"]):
        assert outcome["ShardId"] == shard_for(entry["PartitionKey"], after_split)
        expected.add((entry["PartitionKey"], entry["Data"]))
    page = client.list_shards(StreamName="orders", MaxResults=4)
    assert len(page["Shards"]) == 4 and page["NextToken"]
    assert len(client.list_shards(NextToken=page["NextToken"])["Shards"]) == 5
    # 6 → 3: merges (children with an adjacent parent).
    client.update_shard_count(StreamName="orders", TargetShardCount=3, ScalingType="UNIFORM_SCALING")
    merged = [s for s in all_shards(client, "orders") if "EndingSequenceNumber" not in s["SequenceNumberRange"]]
    assert len(merged) == 3 and all(s.get("AdjacentParentShardId") for s in merged), merged

    everything = read_stream(client, "orders")
    assert len(everything) == len(expected) and {(r["PartitionKey"], r["Data"]) for r in everything} == expected

    # A graceful restart keeps streams, records, tags and shard lineage.
    assert server.stop() == 0, server.log()
    server.start()
    client = server.kinesis()
    again = read_stream(client, "orders")
    assert sorted(r["SequenceNumber"] for r in again) == sorted(r["SequenceNumber"] for r in everything)
    assert len(client.list_tags_for_stream(StreamName="orders")["Tags"]) == 2

    metrics = urllib.request.urlopen(server.endpoint + "/metrics", timeout=5).read().decode()
    assert "sluice_aws_requests_total" in metrics, metrics[:500]
    read_back = [line for line in metrics.splitlines() if line.startswith('sluice_stream_records_read{stream="orders"}')]
    assert read_back and float(read_back[0].split()[-1]) == len(again), read_back

    client.delete_stream(StreamName="orders")
    code, message = error_code(lambda: client.describe_stream(StreamName="orders"))
    assert code == "ResourceNotFoundException" and "orders" in message
    assert client.list_streams()["StreamNames"] == ["clicks"]
    assert server.stop() == 0
    print(f"PASS lifecycle: {len(expected)} records read back once each across 3 → 6 → 3 shards; restart kept them")


def bad_input(binary, work):
    server = Server(binary, os.path.join(work, "bad-input"), extra=["--iterator-lifetime-seconds", "1"]).start()
    client = server.kinesis()
    client.create_stream(StreamName="events", ShardCount=1)
    checks = []

    def expect(status_and_body, status, error_type):
        got_status, body = status_and_body
        assert got_status == status and body.get("__type") == error_type and body.get("message"), (status_and_body, status, error_type)
        checks.append(error_type)

    expect(server.raw(b"{not json"), 400, "SerializationException")
    expect(server.raw(b'{"StreamName": 5}', target="Kinesis_20131202.DescribeStream"), 400, "SerializationException")
    expect(server.raw(b'{"Records": "nope", "StreamName": "events"}', target="Kinesis_20131202.PutRecords"), 400, "SerializationException")
    expect(server.raw(b"{}", target="Kinesis_20131202.PutRecord"), 400, "ValidationException")
    expect(server.raw(b"{}", target="Kinesis_20131202.Explode"), 400, "UnknownOperationException")
    expect(server.raw(b"{}", target=None), 400, "UnknownOperationException")
    expect(server.raw(b"{}", target="DynamoDB_20120810.ListTables"), 400, "UnknownOperationException")
    expect(server.raw(b"\xa0", content_type="application/x-amz-cbor-1.1"), 400, "SerializationException")
    expect(server.raw(b'{"StreamName": "events", "PartitionKey": "k", "Data": "***"}', target="Kinesis_20131202.PutRecord"), 400, "SerializationException")

    def code_of(call):
        code, message = error_code(call)
        assert message, code
        checks.append(code)
        return code

    assert code_of(lambda: client.describe_stream(StreamName="missing")) == "ResourceNotFoundException"
    assert code_of(lambda: client.put_record(StreamName="missing", PartitionKey="k", Data=b"x")) == "ResourceNotFoundException"
    assert code_of(lambda: client.create_stream(StreamName="events", ShardCount=1)) == "ResourceInUseException"
    assert code_of(lambda: client.create_stream(StreamName="bad/name", ShardCount=1)) == "ValidationException"
    assert code_of(lambda: client.put_record(StreamName="events", PartitionKey="k", Data=b"x" * (1024 * 1024 + 1))) == "InvalidArgumentException"
    assert code_of(lambda: client.put_records(StreamName="events", Records=[{"PartitionKey": "k", "Data": b"x"}] * 501)) == "ValidationException"
    assert code_of(lambda: client.put_records(StreamName="events", Records=[{"PartitionKey": "k", "Data": b"x" * 1000000}] * 6)) == "InvalidArgumentException"
    assert code_of(lambda: client.put_record(StreamName="events", PartitionKey="k", ExplicitHashKey="abc", Data=b"x")) == "InvalidArgumentException"
    assert code_of(lambda: client.get_records(ShardIterator="not-an-iterator")) == "InvalidArgumentException"
    assert code_of(lambda: client.get_shard_iterator(StreamName="events", ShardId="shardId-000000000007", ShardIteratorType="LATEST")) == "ResourceNotFoundException"
    assert code_of(lambda: client.get_shard_iterator(StreamName="events", ShardId="shardId-000000000000", ShardIteratorType="AT_SEQUENCE_NUMBER", StartingSequenceNumber="12345")) == "InvalidArgumentException"
    assert code_of(lambda: client.update_shard_count(StreamName="events", TargetShardCount=5, ScalingType="UNIFORM_SCALING")) == "InvalidArgumentException"
    assert code_of(lambda: client.increase_stream_retention_period(StreamName="events", RetentionPeriodHours=10)) == "InvalidArgumentException"
    iterator = client.get_shard_iterator(StreamName="events", ShardId="shardId-000000000000", ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    time.sleep(1.2)
    assert code_of(lambda: client.get_records(ShardIterator=iterator)) == "ExpiredIteratorException"

    assert server.alive(), server.log()
    assert urllib.request.urlopen(server.endpoint + "/health", timeout=5).status == 200
    client.put_record(StreamName="events", PartitionKey="k", Data=b"still fine")
    assert server.stop() == 0
    print(f"PASS bad-input: {len(checks)} bad requests answered with AWS error types; the server stayed up")


def signatures(binary, work):
    server = Server(binary, os.path.join(work, "signatures"),
                    extra=["--access-key-id", "AKIDSLUICE", "--secret-access-key", "s3cret"]).start()
    good = server.kinesis(key="AKIDSLUICE", secret="s3cret")
    good.create_stream(StreamName="signed", ShardCount=1)
    good.put_record(StreamName="signed", PartitionKey="k", Data=b"x")
    assert good.list_streams()["StreamNames"] == ["signed"]
    code, _ = error_code(lambda: server.kinesis(key="AKIDSLUICE", secret="wrong").list_streams())
    assert code == "InvalidSignatureException", code
    code, _ = error_code(lambda: server.kinesis(key="AKIDOTHER", secret="s3cret").list_streams())
    assert code == "UnrecognizedClientException", code
    status, body = server.raw(b"{}")
    assert status == 400 and body["__type"] == "UnrecognizedClientException", body
    assert server.stop() == 0
    print("PASS signatures: good key accepted; wrong secret, unknown key and unsigned requests refused")


def awscli(binary, work):
    server = Server(binary, os.path.join(work, "awscli")).start()
    environment = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1")

    def aws(*arguments):
        result = subprocess.run(["aws", "--endpoint-url", server.endpoint, "--output", "json", "kinesis", *arguments],
                                capture_output=True, text=True, env=environment, timeout=60)
        assert result.returncode == 0, (arguments, result.stdout, result.stderr)
        return json.loads(result.stdout) if result.stdout.strip() else {}

    aws("create-stream", "--stream-name", "cli", "--shard-count", "2")
    assert aws("list-streams")["StreamNames"] == ["cli"]
    put = aws("put-record", "--stream-name", "cli", "--partition-key", "p1", "--data", "aGVsbG8gY2xp")
    shard = put["ShardId"]
    iterator = aws("get-shard-iterator", "--stream-name", "cli", "--shard-id", shard, "--shard-iterator-type", "TRIM_HORIZON")["ShardIterator"]
    records = aws("get-records", "--shard-iterator", iterator)["Records"]
    assert len(records) == 1 and records[0]["PartitionKey"] == "p1", records
    # aws CLI v1 sends --data as given; v2 treats it as base64. Either way the bytes come back.
    assert base64.b64decode(records[0]["Data"]) in (b"aGVsbG8gY2xp", b"hello cli"), records
    summary = aws("describe-stream-summary", "--stream-name", "cli")["StreamDescriptionSummary"]
    assert summary["OpenShardCount"] == 2
    aws("update-shard-count", "--stream-name", "cli", "--target-shard-count", "4", "--scaling-type", "UNIFORM_SCALING")
    assert len(aws("list-shards", "--stream-name", "cli")["Shards"]) == 6
    aws("delete-stream", "--stream-name", "cli")
    assert aws("list-streams")["StreamNames"] == []
    assert server.stop() == 0
    print("PASS awscli: create, put, read, reshard and delete through the aws CLI")


def crash(binary, work, kills=3, seconds=1.0):
    server = Server(binary, os.path.join(work, "crash")).start()
    server.kinesis().create_stream(StreamName="durable", ShardCount=2)
    acknowledged = set()
    lock = threading.Lock()
    counter = [0]

    def writer(name):
        client = server.kinesis(retries=1)
        while True:
            with lock:
                start = counter[0]
                counter[0] += 10
            batch = [{"PartitionKey": f"{name}-{start + i}", "Data": f"{start + i}".encode()} for i in range(10)]
            try:
                result = client.put_records(StreamName="durable", Records=batch)
            except Exception:
                return  # the server died mid-request: nothing of this batch counts as acknowledged
            with lock:
                for entry, outcome in zip(batch, result["Records"]):
                    if "SequenceNumber" in outcome:
                        acknowledged.add(entry["Data"].decode())

    for round_number in range(kills):
        threads = [threading.Thread(target=writer, args=(f"w{n}",)) for n in range(3)]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        server.kill()
        for thread in threads:
            thread.join(timeout=30)
        server.start()
    records = read_stream(server.kinesis(), "durable")
    values = [r["Data"].decode() for r in records]
    missing = acknowledged - set(values)
    duplicates = len(values) - len(set(values))
    assert not missing, f"{len(missing)} acknowledged records lost, e.g. {sorted(missing)[:5]}"
    assert duplicates == 0, f"{duplicates} records stored twice"
    assert len(acknowledged) > 0
    assert server.stop() == 0
    print(f"PASS crash: {kills} kill -9s; {len(acknowledged)} acknowledged records all present once ({len(values)} stored)")


def cli(binary, work):
    """`sluice stream …` against a running server, and the message when none runs."""
    server = Server(binary, os.path.join(work, "cli")).start()

    def sluice(*arguments, stdin=None, expect=0):
        result = subprocess.run([binary, "stream", *arguments, "--endpoint", server.endpoint],
                                input=stdin, capture_output=True, text=True, timeout=60)
        assert result.returncode == expect, (arguments, result.returncode, result.stdout, result.stderr)
        return result

    assert "Created stream events (PROVISIONED, 2 shards)." in sluice("create", "events", "--shards", "2").stdout
    assert "Created stream auto (ON_DEMAND, 4 shards)." in sluice("create", "auto").stdout
    one = sluice("put", "events", "--partition-key", "user-1", '{"page": "/"}').stdout.split()
    assert one[0].startswith("shardId-") and len(one[1]) == 46, one
    lines = "".join(f'{{"n": {i}}}\n' for i in range(25))
    assert "Put 25 records into events." in sluice("put", "events", stdin=lines).stdout
    listing = sluice("list").stdout
    assert "events" in listing and "PROVISIONED" in listing and "auto" in listing and "ON_DEMAND" in listing, listing
    described = sluice("describe", "events").stdout
    assert "shardId-000000000001" in described and "open" in described and "Retention:  24 hours" in described, described
    got = sluice("get", "events", "--format", "json").stdout
    records = json.loads(got)
    assert len(records) == 26 and {r["data"] for r in records} >= {'{"page": "/"}', '{"n": 24}'}, records[:3]
    table = sluice("get", "events", "--shard", "shardId-000000000000").stdout
    assert "sequence number" in table
    # tail follows: start it, put a record, see it printed.
    tail = subprocess.Popen([binary, "stream", "tail", "events", "--endpoint", server.endpoint],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    sluice("put", "events", "--partition-key", "k", "tailed record")
    deadline = time.time() + 10
    line = ""
    os.set_blocking(tail.stdout.fileno(), False)
    while time.time() < deadline and "tailed record" not in line:
        chunk = tail.stdout.readline()
        line += chunk or ""
        if not chunk:
            time.sleep(0.1)
    tail.kill()
    assert "tailed record" in line, line
    missing = sluice("describe", "nope", expect=66)
    assert "Stream nope under account 000000000000 not found." in missing.stderr, missing.stderr
    server.stop()
    down = subprocess.run([binary, "stream", "list", "--endpoint", server.endpoint], capture_output=True, text=True, timeout=60)
    assert down.returncode == 69, (down.returncode, down.stderr)
    assert f"No Sluice server at 127.0.0.1:{server.port}" in down.stderr and "sluice server" in down.stderr, down.stderr
    print("PASS cli: create, put, list, describe, get, tail, and the errors for a missing stream and a stopped server")


SCENARIOS = {"lifecycle": lifecycle, "bad-input": bad_input, "signatures": signatures, "awscli": awscli, "crash": crash, "cli": cli}

if __name__ == "__main__":
    binary, work, name = sys.argv[1], sys.argv[2], sys.argv[3]
    try:
        SCENARIOS[name](binary, work)
        stop_all()
    except Exception as error:  # noqa: BLE001 — report any failure with the server's log
        import traceback
        traceback.print_exc()
        for folder in os.listdir(work):
            log = os.path.join(work, folder, "server.log")
            if os.path.exists(log):
                print(f"--- {log} ---\n" + open(log, errors="replace").read()[-3000:], file=sys.stderr)
        stop_all()
        sys.exit(1)
