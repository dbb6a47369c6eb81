#!/usr/bin/env bash
# Installs what a clean machine lacks: npm packages from the lockfile, Debian's Chromium and CJK fonts for browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

# The e2e layer needs Debian's Chromium, and CJK fonts so screenshots show the Chinese UI rather than boxes.
if [ "${SKIP_BROWSER:-}" != "1" ] && { ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; }; then
  echo "== apt-get install chromium fonts-noto-cjk"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
