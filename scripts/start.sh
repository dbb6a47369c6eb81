#!/usr/bin/env bash
# The one run command (README): builds the cloud functions and the H5 app when their sources changed since the last
# build, starts the local CloudBase serving both, seeds realistic demo data on first run, and prints the URL.
# Ctrl-C stops it.
#   PORT=8080 (default)   DATA=.local/demo (default)   FRESH=1 wipes the demo data and rebuilds everything.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
DATA="${DATA:-.local/demo}"

SKIP_BROWSER=1 bash scripts/ensure-deps.sh
mkdir -p .local
if [ "${FRESH:-}" = "1" ]; then rm -rf "$DATA" .local/build-*.stamp; fi
mkdir -p "$DATA"

# A build is current when a hash of its inputs (paths and contents) equals the one stamped after its last success and
# its output is still there. Inputs are everything the build reads from the repo; node_modules counts through the lockfile.
if command -v sha1sum >/dev/null 2>&1; then SHA1=(sha1sum); else SHA1=(shasum -a 1); fi
sources_hash() {
  find "$@" -type f -not -name '.*' -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 "${SHA1[@]}" | "${SHA1[@]}" | cut -d' ' -f1
}
# build_if_stale <name> <output dir> <command> -- <inputs...>
build_if_stale() {
  local name="$1" out="$2" cmd="$3"
  shift 4
  local stamp=".local/build-$name.stamp" hash
  hash="$(sources_hash "$@")"
  if [ -d "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    echo "== $name: up to date"
    return
  fi
  echo "== building $name"
  rm -f "$stamp"
  eval "$cmd"
  echo "$hash" > "$stamp"
}

COMMON=(src config package.json package-lock.json tsconfig.json babel.config.js)
build_if_stale functions dist/cloudfunctions "npm run --silent build:functions" -- \
  "${COMMON[@]}" cloudfunctions scripts/build-functions.ts scripts/lib
build_if_stale h5 dist/h5 \
  "npm run --silent build:h5 > .local/build-h5.log 2>&1 || { tail -40 .local/build-h5.log; exit 1; }" -- \
  "${COMMON[@]}" project.config.json

# Node runs the server itself with tsx's loader (no wrapper process), so Ctrl-C and SIGTERM reach it directly.
exec node --import tsx scripts/run-local.ts --port "$PORT" --data "$DATA"
