#!/usr/bin/env bash
# Starts the whole system locally: Azurite (data under .data/azurite) and the app in standalone mode
# on http://localhost:7071. Ctrl-C stops both. Extra arguments go to the app (e.g. --urls http://localhost:8080).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
source scripts/ensure-tools.sh
ensure_node_tools

if [ ! -f local.settings.json ]; then
  # First run: local settings from the example, with a random admin key that never leaves this machine.
  key="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  signing="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')"
  sed -e "s/\"Admin__Key\": \"[^\"]*\"/\"Admin__Key\": \"$key\"/" \
      -e "s/\"Links__SigningKey\": \"[^\"]*\"/\"Links__SigningKey\": \"$signing\"/" local.settings.example.json > local.settings.json
  echo "Created local.settings.json (admin key: $key)"
fi

if ! grep -q '"Links__SigningKey"' local.settings.json; then
  # Settings from before action links existed: add a signing key rather than fail at start.
  signing="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')"
  sed -i "s/\"Values\": {/\"Values\": {\n    \"Links__SigningKey\": \"$signing\",/" local.settings.json
  echo "Added a Links__SigningKey to local.settings.json"
fi

mkdir -p .data/azurite
azurite_pid=""
if ! (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null; then
  node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --loose --disableProductStyleUrl \
    --location .data/azurite --debug .data/azurite/debug.log >/dev/null 2>&1 &
  azurite_pid=$!
  echo "Azurite started (pid $azurite_pid), data in .data/azurite"
else
  echo "Azurite (or another storage emulator) already listens on 10001; using it"
fi
cleanup() { [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

dotnet build functions/PartnerIntake.Functions -c Release -nologo -v quiet
# Run from the repository root so local.settings.json is read, as `func start` would.
dotnet functions/PartnerIntake.Functions/bin/Release/net10.0/PartnerIntake.Functions.dll "$@"
