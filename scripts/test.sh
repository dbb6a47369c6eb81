#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need, builds what they load, runs every layer,
# and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .local

bash scripts/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

echo "== build: cloud functions, weapp, h5"
npm run --silent build:functions || { echo "0 passed, 1 failed"; exit 1; }
npm run --silent build:weapp > .local/build-weapp.log 2>&1 || { tail -40 .local/build-weapp.log; echo "0 passed, 1 failed"; exit 1; }
npm run --silent build:h5 > .local/build-h5.log 2>&1 || { tail -40 .local/build-h5.log; echo "0 passed, 1 failed"; exit 1; }

# Static checks count like tests: the types of the whole tree (src, functions, local CloudBase, tests, scripts, bench)
# and the linter (typescript-eslint + react-hooks, eslint.config.mjs). Their verdicts go into the closing line.
echo "== tsc --noEmit (whole tree)"
checks=.local/static-checks.txt
: > "$checks"
if npx tsc -p tsconfig.json --noEmit; then echo "tsc passed" >> "$checks"; else echo "tsc failed" >> "$checks"; fi
echo "== eslint"
if npx eslint --max-warnings 0 .; then echo "eslint passed" >> "$checks"; else echo "eslint failed" >> "$checks"; fi

echo "== jest"
npx jest --ci --maxWorkers=2 --json --outputFile=.local/jest-results.json "$@"
status=$?
node scripts/test-summary.js .local/jest-results.json "$checks" || status=1
exit $status
