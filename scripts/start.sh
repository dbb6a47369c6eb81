#!/usr/bin/env bash
# The one run command (README): builds the cloud functions and the H5 app, starts the local CloudBase serving both,
# seeds realistic demo data on first run, and prints the URL. Ctrl-C stops it.
#   PORT=8080 (default)   DATA=.local/demo (default)   FRESH=1 wipes the demo data first.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
DATA="${DATA:-.local/demo}"

SKIP_BROWSER=1 bash scripts/ensure-deps.sh
if [ "${FRESH:-}" = "1" ]; then rm -rf "$DATA"; fi
mkdir -p "$DATA"

echo "== building cloud functions and the H5 app (about half a minute)"
npm run --silent build:functions
npm run --silent build:h5 > .local/build-h5.log 2>&1 || { tail -40 .local/build-h5.log; exit 1; }

exec npx tsx scripts/run-local.ts --port "$PORT" --data "$DATA"
