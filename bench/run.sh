#!/usr/bin/env bash
# One command for the whole benchmark (see docs/benchmarks.md):
#   bench/run.sh [extra generator options, e.g. --concurrency 16 --duration 10]
# Builds Release, starts Azurite (temporary data folder, free ports) and the app in standalone mode,
# runs the load generator, writes bench/results/latest.md, and stops everything on exit.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/ensure-tools.sh
ensure_azurite

echo "[run] building (Release)"
dotnet build functions/PartnerIntake.Functions/PartnerIntake.Functions.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/PartnerIntake.Bench/PartnerIntake.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly

work="$(mktemp -d "${TMPDIR:-/tmp}/partnerintake-bench.XXXXXX")"
mkdir -p "$work/azurite" "$work/outbox" "$work/cwd" bench/results
azurite_pid=""
app_pid=""
cleanup() {
  local status=$?
  for pid in $app_pid $azurite_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $app_pid $azurite_pid; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ] && [ -f "$work/app.log" ]; then
    echo "[run] failed; last lines of the app's log:" >&2
    tail -n 40 "$work/app.log" >&2 || true
  fi
  [ -f "$work/app.log" ] && cp "$work/app.log" bench/results/app.log
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Free TCP ports on loopback, all different.
taken=" "
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    case "$taken" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      taken="$taken$p "
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}
blob_port=$(free_port); taken="$taken$blob_port "
queue_port=$(free_port); taken="$taken$queue_port "
table_port=$(free_port); taken="$taken$table_port "
app_port=$(free_port)

wait_for_port() { # port, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1 after $2 s" >&2
  return 1
}

echo "[run] starting Azurite (blob $blob_port, queue $queue_port, table $table_port, data in $work/azurite)"
node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --disableProductStyleUrl \
  --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" \
  --location "$work/azurite" ${BENCH_AZURITE_DEBUG:+--debug "$BENCH_AZURITE_DEBUG"} >"$work/azurite.log" 2>&1 &
azurite_pid=$!
wait_for_port "$queue_port" 30
wait_for_port "$table_port" 30

account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
app_url="http://127.0.0.1:$app_port"

# BENCH_APP_DLL runs another build of the app (e.g. a copy with a different host.json) for experiments.
app_dll="${BENCH_APP_DLL:-$repo/functions/PartnerIntake.Functions/bin/Release/net10.0/PartnerIntake.Functions.dll}"
echo "[run] starting the app (standalone, $app_dll) on $app_url"
# Run from an empty folder so no local.settings.json is picked up from the current directory; every
# setting the app needs is given here, and environment variables win over local.settings.json anyway.
(
  cd "$work/cwd"
  unset FUNCTIONS_CUSTOMHANDLER_PORT
  export AzureWebJobsStorage="$storage" \
    ASPNETCORE_URLS="$app_url" \
    ASPNETCORE_ENVIRONMENT=Production \
    App__PublicBaseUrl="$app_url" \
    Mail__OutboxPath="$work/outbox" \
    Mail__FromEmail="bench@example.org" \
    Mail__FromName="PartnerIntake bench" \
    SendGrid__ApiKey="" \
    Admin__Key="bench" \
    Logging__LogLevel__Default=Warning
  exec dotnet "$app_dll"
) >"$work/app.log" 2>&1 &
app_pid=$!

for i in $(seq 1 600); do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "[run] the app exited during start-up" >&2
    exit 1
  fi
  code=$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' "$app_url/api/health" || true)
  [ "$code" = "200" ] && break
  if [ "$i" = 600 ]; then
    echo "[run] GET /api/health did not answer 200 within 60 s (last: $code)" >&2
    exit 1
  fi
  sleep 0.1
done
echo "[run] app healthy"

azurite_version=$(node -p "require('./node_modules/azurite/package.json').version" 2>/dev/null || echo unknown)
mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
cpu_model=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)

dotnet bench/PartnerIntake.Bench/bin/Release/net10.0/PartnerIntake.Bench.dll \
  --app-url "$app_url" \
  --storage "$storage" \
  --watch "app=$app_pid" \
  --watch "azurite=$azurite_pid" \
  --note "CPU: $cpu_model; RAM $mem_total; dotnet SDK $(dotnet --version); Azurite $azurite_version (node $(node --version))" \
  --note "App: standalone Release build, Logging:LogLevel:Default=Warning; Azurite, app and load generator share the machine" \
  --out bench/results/latest.md \
  "$@"
