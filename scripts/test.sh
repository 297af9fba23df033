#!/usr/bin/env bash
# `npm test`: everything a change must pass, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "typecheck"
npx tsc --noEmit

step "lint"
npx eslint --max-warnings 0 .

step "dependency audit (production, high and critical)"
bash scripts/audit.sh

step "unit tests"
npx vitest run

step "browser"
bash scripts/ensure-chromium.sh

step "production build"
npx next build

step "reliability (idempotency, SIGKILL crash suite, upstream fault suite) against the production build"
npx tsx tests/reliability/run.ts

step "end-to-end (Playwright, real Chromium)"
npx playwright test
