#!/usr/bin/env bash
# Runs the whole test suite the way CI does: set-up, a build with warnings as errors and
# checked target imports, then every test (unit, format, CLI and interop tests).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
export SLUICE_WARNINGS_AS_ERRORS=1
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build
