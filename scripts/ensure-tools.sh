#!/usr/bin/env bash
# Installs what the run and test commands need, only when missing. Sourced by run.sh, test.sh and the bench scripts.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The npm tools in package.json, pinned by package-lock.json: Azurite (the storage emulator).
# `npm ci` again when one is missing or not the pinned version.
ensure_node_tools() {
  if ! (cd "$repo" && node -e '
    const wanted = require("./package.json").devDependencies;
    for (const [name, version] of Object.entries(wanted)) {
      let installed;
      try { installed = require(`./node_modules/${name}/package.json`).version; } catch { process.exit(1); }
      if (installed !== version) process.exit(1);
    }') 2>/dev/null; then
    echo "Installing the npm tools (Azurite; pinned by package-lock.json)..."
    (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Kept for scripts that still call it by its old name.
ensure_azurite() {
  ensure_node_tools
}

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
# Without recommends, which would add printing, notifications and systemd; fonts-liberation is the one kept.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium from Debian (browser tests)..."
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      sudo="sudo"
    fi
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  fi
}
