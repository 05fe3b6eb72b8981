#!/usr/bin/env bash
# Installs what building and testing Sluice needs on a Debian machine with Swift 6.3.
# Idempotent and quiet when everything is present. `--bench` also installs the reference
# tools the benchmarks compare against (DuckDB CLI, Polars).
set -euo pipefail

DEBIAN_PACKAGES=(zlib1g-dev libsnappy-dev libzstd-dev liblz4-dev pkg-config)
PYTHON_BENCH_PACKAGES=(duckdb-cli polars)

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

if [ "${1:-}" = "--bench" ]; then
    python3 -c "import polars" 2>/dev/null && command -v duckdb >/dev/null 2>&1 || {
        echo "setup: installing benchmark tools: ${PYTHON_BENCH_PACKAGES[*]}" >&2
        python3 -m pip install -q "${PYTHON_BENCH_PACKAGES[@]}" 2>&1 | grep -v "WARNING: Running pip as the 'root' user" >&2 || true
    }
fi
