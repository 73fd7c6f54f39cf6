#!/usr/bin/env bash
# Runs every test project. Installs what the tests need first: Azurite from npm (pinned by
# package-lock.json) and Chromium from Debian. Integration and browser tests start their own Azurite on free
# ports and never touch .data/.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
source scripts/ensure-tools.sh
ensure_node_tools
ensure_chromium

dotnet test PartnerIntake.sln -c Release --logger "console;verbosity=normal" "$@"
