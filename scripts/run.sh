#!/usr/bin/env bash
# Builds Sluice (release) and runs it on its embedded defaults: generates a small sample of the
# seed data sets (users/orders and titles/events, Hive-partitioned NDJSON) under .sluice/sample,
# then shows `sluice schema` and `sluice head` on it. Extra arguments go to `sluice generate`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
swift build -c release --product sluice
SLUICE="$(swift build -c release --show-bin-path)/sluice"
SAMPLE=.sluice/sample

"$SLUICE" generate --dataset all --users 1000 --orders 10000 --events 10000 --out "$SAMPLE" "$@"
echo
echo "\$ sluice schema $SAMPLE/orders"
"$SLUICE" schema "$SAMPLE/orders"
echo
echo "\$ sluice head $SAMPLE/orders -n 5"
"$SLUICE" head "$SAMPLE/orders" -n 5
echo
echo "\$ sluice head $SAMPLE/titles -n 5"
"$SLUICE" head "$SAMPLE/titles" -n 5
echo
echo "Sluice is built at $SLUICE. Try: $SLUICE --help"
