#!/usr/bin/env bash
# Prints the path of a Node 24 binary, fetching it once into a cache. The npm registry's
# node-<platform>-<arch> package ships the official Node binary; it is fetched with npm's own
# client (so a registry mirror or proxy configured for npm applies) and never becomes a
# dependency of the app. Cache: $LOUPE_NODE_CACHE, default ~/.cache/loupe.
set -euo pipefail

major=24
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "node24.sh: no Node package for $(uname -s)" >&2; exit 1 ;; esac
case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "node24.sh: no Node package for $(uname -m)" >&2; exit 1 ;; esac

cache="${LOUPE_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/loupe}/node-$major-$os-$arch"
if [ ! -x "$cache/bin/node" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "node-$os-$arch@$major" --silent >/dev/null)
  tar -xzf "$work"/node-*.tgz -C "$work" package/bin/node
  mkdir -p "$cache/bin"
  mv "$work/package/bin/node" "$cache/bin/node.partial"
  # Renamed last, so an interrupted fetch never leaves a half-written binary that looks cached.
  mv "$cache/bin/node.partial" "$cache/bin/node"
fi
"$cache/bin/node" --version >/dev/null
echo "$cache/bin/node"
