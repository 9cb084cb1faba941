#!/usr/bin/env bash
# The test command (README, .ci/run): build, then run every test against a real Docker engine.
# Prints a last line "N passed, N failed". Extra arguments are passed to mocha (e.g. a file glob).
set -uo pipefail
cd "$(dirname "$0")/.."

rm -rf dist
if ! npx tsc -p tsconfig.json; then
  echo "type check failed"
  echo "0 passed, 1 failed"
  exit 1
fi

specs=("$@")
[ ${#specs[@]} -eq 0 ] && specs=('dist/test/**/*.test.js')
npx mocha --reporter ./dist/test/support/summary-reporter.js --require ./dist/test/support/global-hooks.js \
  --timeout 60000 --exit "${specs[@]}"
