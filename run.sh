#!/usr/bin/env bash
# Starts the whole system locally: Azurite (data under .data/azurite), the Functions app's local host (the JSON API,
# the queue trigger and the timers) on http://localhost:7071 and the web app (every page) on http://localhost:5071.
# Ctrl-C stops all three. Settings: local.settings.json (created from local.settings.example.json on first run).
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

if grep -q '"FUNCTIONS_WORKER_RUNTIME": "custom"' local.settings.json; then
  # Settings from the custom-handler days: the app is an isolated worker now, and the pages have an app of their own.
  sed -i -e 's/"FUNCTIONS_WORKER_RUNTIME": "custom"/"FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated"/' \
         -e 's#"App__PublicBaseUrl": "http://localhost:7071"#"App__PublicBaseUrl": "http://localhost:5071",\n    "App__ApiBaseUrl": "http://localhost:7071"#' local.settings.json
  echo "Updated local.settings.json for the isolated worker and the web app"
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
functions_pid=""
web_pid=""
cleanup() {
  for pid in $web_pid $functions_pid $azurite_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dotnet build functions/PartnerIntake.Functions -c Release -nologo -v quiet
dotnet build web/PartnerIntake.Web -c Release -nologo -v quiet
# Both run from the repository root so local.settings.json is read, as `func start` would.
dotnet functions/PartnerIntake.Functions/bin/Release/net10.0/PartnerIntake.Functions.dll --urls http://localhost:7071 &
functions_pid=$!
dotnet web/PartnerIntake.Web/bin/Release/net10.0/PartnerIntake.Web.dll --urls http://localhost:5071 &
web_pid=$!
echo "Functions app (local host): http://localhost:7071/api/health"
echo "Web app (form, status pages, console): http://localhost:5071"
wait -n "$functions_pid" "$web_pid"
