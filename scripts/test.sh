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

# Node 20 (engines' floor, this machine's) ran everything above; Node 24 is the LTS people deploy
# on. Its leg runs the unit tests, a production build of its own (into .next-node24, so the Node 20
# build stays usable) and the offline end-to-end project against that build.
step "Node 24: the runtime (npm registry package, cached)"
node24="$(bash scripts/node24.sh)"
on_node24() { PATH="$(dirname "$node24"):$PATH" LOUPE_DIST_DIR=.next-node24 "$@"; }
on_node24 node -e 'if (process.versions.node.split(".")[0] !== "24") { console.error("expected Node 24, got " + process.version); process.exit(1) } console.log("node " + process.version)'

step "Node 24: unit tests"
on_node24 npx vitest run

step "Node 24: production build"
on_node24 npx next build

step "Node 24: end-to-end, offline project (Playwright, real Chromium)"
on_node24 env LOUPE_E2E_ONLY=offline npx playwright test --project=offline
