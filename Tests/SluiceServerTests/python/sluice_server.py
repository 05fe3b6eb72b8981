"""Starts and stops a `sluice server` for the client tests: a free loopback port, its own
data folder, stdout/stderr captured to a log file in that folder."""

import os
import signal
import socket
import subprocess
import time
import urllib.request

import boto3
from botocore.config import Config


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


STARTED = []


def stop_all():
    """Kills every server this run started that still runs (after a failed assertion)."""
    for server in STARTED:
        server.kill()


class Server:
    def __init__(self, binary, data_dir, port=None, extra=()):
        self.binary = binary
        self.data_dir = data_dir
        self.port = port or free_port()
        self.extra = list(extra)
        self.process = None
        self.log_path = os.path.join(data_dir, "server.log")

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=30):
        os.makedirs(self.data_dir, exist_ok=True)
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "server", "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", self.data_dir] + self.extra,
            stdout=log, stderr=log)
        STARTED.append(self)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}; log:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.endpoint + "/health", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"server did not answer /health within {timeout}s; log:\n{self.log()}")

    def stop(self):
        """SIGTERM: the graceful path (requests finish, logs are synced)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)
        return self.process.returncode if self.process else None

    def kill(self):
        """kill -9: the crash path."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def log(self):
        try:
            with open(self.log_path, "r", errors="replace") as handle:
                return handle.read()[-4000:]
        except OSError:
            return "(no log)"

    def kinesis(self, retries=1, key="test", secret="test"):
        return boto3.client(
            "kinesis", endpoint_url=self.endpoint, region_name="us-east-1",
            aws_access_key_id=key, aws_secret_access_key=secret,
            config=Config(retries={"max_attempts": retries, "mode": "standard"}, connect_timeout=5, read_timeout=30))

    def raw(self, body, target="Kinesis_20131202.ListStreams", content_type="application/x-amz-json-1.1", headers=None):
        """POSTs raw bytes, unsigned; returns (status, parsed JSON body)."""
        import json
        request = urllib.request.Request(self.endpoint + "/", data=body, method="POST")
        if target is not None:
            request.add_header("X-Amz-Target", target)
        request.add_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")
