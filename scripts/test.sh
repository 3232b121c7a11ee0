#!/usr/bin/env bash
# Every test: unit and server tests (vitest), then the built app in Chromium (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need[*]} from Debian's packages…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "The tests need ${need[*]}: install with 'sudo apt-get install -y ${need[*]}' and run npm test again." >&2
    exit 1
  fi
fi

if [ -z "${PG_URL:-}" ]; then
  echo "PG_URL is not set: the PostgreSQL store tests will be skipped (e.g. PG_URL=postgres://postgres@127.0.0.1:5432/test)."
fi

rm -rf reports && mkdir -p reports
rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json || rc=$?
npx vite build --logLevel error >/dev/null
npx playwright test || rc=$?
node scripts/test-summary.mjs || true
exit $rc
