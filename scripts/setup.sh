#!/usr/bin/env bash
# Installs what building and testing Sluice needs on a Debian machine with Swift 6.3.
# Idempotent and quiet when everything is present. `--test` also installs what the interop
# tests check Sluice against (pyarrow, DuckDB and Spark with a Java runtime; boto3 and the aws
# CLI for the server's Kinesis tests) and the PostgreSQL server the connector tests start a
# throwaway cluster of; `--bench` the
# reference tools the benchmarks compare against (DuckDB CLI, Polars, pyarrow).
set -euo pipefail

DEBIAN_PACKAGES=(zlib1g-dev libsnappy-dev libzstd-dev liblz4-dev libsqlite3-dev pkg-config)
PYTHON_BENCH_PACKAGES=(duckdb-cli polars pyarrow)
PYTHON_TEST_PACKAGES=(pyarrow duckdb pyspark boto3 awscli)

if [ "${1:-}" = "--test" ] && ! command -v java >/dev/null 2>&1; then
    DEBIAN_PACKAGES+=(default-jre-headless)
fi
# The PostgreSQL tests run initdb/pg_ctl from /usr/lib/postgresql/<version>/bin (Debian's
# server package; the client alone is not enough).
if [ "${1:-}" = "--test" ] && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    DEBIAN_PACKAGES+=(postgresql)
fi
# …and make a self-signed certificate for the TLS cluster with openssl.
if [ "${1:-}" = "--test" ] && ! command -v openssl >/dev/null 2>&1; then
    DEBIAN_PACKAGES+=(openssl)
fi

missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing Debian packages: ${missing[*]}" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: swift is not on PATH; install Swift 6.3 (https://swift.org/install) and run again." >&2
    exit 1
fi

# pip, quiet unless it fails (then its output and a non-zero exit).
pip_install() {
    local log
    log=$(mktemp)
    if ! python3 -m pip install -q "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "setup: 'pip install $*' failed; see above." >&2
        exit 1
    fi
    rm -f "$log"
}

if [ "${1:-}" = "--test" ]; then
    python3 -c "import pyarrow, duckdb, pyspark, boto3, awscli" 2>/dev/null && command -v aws >/dev/null 2>&1 || {
        echo "setup: installing test tools: ${PYTHON_TEST_PACKAGES[*]}" >&2
        pip_install "${PYTHON_TEST_PACKAGES[@]}"
    }
fi

if [ "${1:-}" = "--bench" ]; then
    python3 -c "import polars, pyarrow" 2>/dev/null && command -v duckdb >/dev/null 2>&1 || {
        echo "setup: installing benchmark tools: ${PYTHON_BENCH_PACKAGES[*]}" >&2
        pip_install "${PYTHON_BENCH_PACKAGES[@]}"
    }
fi
