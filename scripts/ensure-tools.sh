#!/usr/bin/env bash
# Installs what the run and test commands need, only when missing. Sourced by run.sh and test.sh.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ensure_azurite() {
  if [ ! -x "$repo/node_modules/.bin/azurite" ]; then
    echo "Installing Azurite from npm (pinned by package-lock.json)..."
    (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
