#!/usr/bin/env bash
# Makes sure Playwright has a Chromium to drive. Prefers one that is already there:
# PLAYWRIGHT_CHROMIUM_PATH, the system Chromium, or Playwright's own download
# (`npx playwright install chromium`). Where none is and we are root on Debian, it
# installs the `chromium` package — machines that cannot download Playwright's browsers
# can still reach Debian's archive.
set -euo pipefail

if [[ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" && -x "${PLAYWRIGHT_CHROMIUM_PATH}" ]]; then exit 0; fi
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
if ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium*-*/ >/dev/null 2>&1; then exit 0; fi

if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the e2e suite…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi

echo "No Chromium found. Run 'npx playwright install chromium' (or install your system's chromium and set PLAYWRIGHT_CHROMIUM_PATH)." >&2
exit 1
