#!/usr/bin/env bash
# One command for the whole benchmark (see docs/benchmarks.md):
#   bench/run.sh [generator options, e.g. --concurrency 16 --duration 10 --e2e-rate 30 --sweep off]
# Builds Release, then, each time with a fresh Azurite (temporary data folder, free ports) and the
# app in standalone mode:
#   1. diagnostic: raw storage ceiling, then intake with routing paused (the app with
#      AzureWebJobs__RouteInquiry__Disabled=true, as the Functions host disables a function); skip with BENCH_DIAGNOSTIC=0;
#   2. the real app: liveness, raw storage ceiling, end to end at 30/s (with the app's storage
#      requests per routed inquiry, read from GET /admin/storage/requests with the admin key below),
#      then a rising-rate sweep for the highest sustained rate (--sweep, --sweep-start,
#      --sweep-step, --sweep-step-duration), then intake.
# Writes bench/results/latest.md (and the app's log, bench/results/app.log); stops everything on exit.
# BENCH_APP_DLL runs another build of the app in step 2; BENCH_AZURITE_DEBUG=file turns on Azurite's debug log.
set -euo pipefail
command_line="bench/run.sh"
[ "$#" -gt 0 ] && command_line="$command_line$(printf ' %q' "$@")"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/ensure-tools.sh
ensure_azurite

echo "[run] building (Release)"
dotnet build functions/PartnerIntake.Functions/PartnerIntake.Functions.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/PartnerIntake.Bench/PartnerIntake.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly
app_build="$repo/functions/PartnerIntake.Functions/bin/Release/net10.0"
generator="$repo/bench/PartnerIntake.Bench/bin/Release/net10.0/PartnerIntake.Bench.dll"

work="$(mktemp -d "${TMPDIR:-/tmp}/partnerintake-bench.XXXXXX")"
mkdir -p "$work/cwd" bench/results
azurite_pid=""
app_pid=""
app_log=""

stop_all() {
  for pid in $app_pid $azurite_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $app_pid $azurite_pid; do
    wait "$pid" 2>/dev/null || true
  done
  app_pid=""
  azurite_pid=""
}
cleanup() {
  local status=$?
  stop_all
  if [ "$status" -ne 0 ] && [ -n "$app_log" ] && [ -f "$app_log" ]; then
    echo "[run] failed; last lines of the app's log ($app_log):" >&2
    tail -n 40 "$app_log" >&2 || true
  fi
  [ -f "$work/app.log" ] && cp "$work/app.log" bench/results/app.log
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

taken=" "
free_port() { # a free TCP port on loopback, different from the ones handed out before
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    case "$taken" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}
next_port() { # sets $port (not in a subshell, so $taken is kept)
  port=$(free_port)
  taken="$taken$port "
}

wait_for_port() { # port, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1 after $2 s" >&2
  return 1
}

start_azurite() { # name; sets $storage and $azurite_pid
  local dir="$work/$1/azurite" blob_port queue_port table_port
  mkdir -p "$dir"
  next_port; blob_port=$port
  next_port; queue_port=$port
  next_port; table_port=$port
  echo "[run] $1: starting Azurite (blob $blob_port, queue $queue_port, table $table_port)"
  node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --loose --disableProductStyleUrl \
    --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" \
    --location "$dir" ${BENCH_AZURITE_DEBUG:+--debug "$BENCH_AZURITE_DEBUG"} >"$work/$1/azurite.log" 2>&1 &
  azurite_pid=$!
  wait_for_port "$queue_port" 30
  wait_for_port "$table_port" 30
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
}

start_app() { # name, dll, log[, extra VAR=value ...]; sets $app_url and $app_pid
  local name=$1 dll=$2
  app_log=$3
  shift 3
  local extra=("$@")
  next_port
  app_url="http://127.0.0.1:$port"
  mkdir -p "$work/$name/outbox"
  echo "[run] $name: starting the app (standalone, $dll) on $app_url"
  # Run from an empty folder so no local.settings.json is picked up from the current directory; every
  # setting the app needs is given here, and environment variables win over local.settings.json anyway.
  (
    cd "$work/cwd"
    export AzureWebJobsStorage="$storage" \
      ASPNETCORE_URLS="$app_url" \
      ASPNETCORE_ENVIRONMENT=Production \
      App__PublicBaseUrl="$app_url" \
      App__ApiBaseUrl="$app_url" \
      Mail__OutboxPath="$work/$name/outbox" \
      Mail__FromEmail="bench@example.org" \
      Mail__FromName="PartnerIntake bench" \
      SendGrid__ApiKey="" \
      Admin__Key="$admin_key" \
      Links__SigningKey="bench-signing-key-only-for-this-benchmark-run" \
      Intake__PermitLimit=1000000 \
      Intake__MailsPerAddressPerDay=1000000 \
      Logging__LogLevel__Default=Warning
    for setting in "${extra[@]}"; do export "$setting"; done
    exec dotnet "$dll"
  ) >"$app_log" 2>&1 &
  app_pid=$!

  local code=""
  for i in $(seq 1 600); do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "[run] the app exited during start-up" >&2
      return 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' "$app_url/api/health" || true)
    [ "$code" = "200" ] && break
    if [ "$i" = 600 ]; then
      echo "[run] GET /api/health did not answer 200 within 60 s (last: $code)" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "[run] $name: app healthy"
}

# The admin key the app is started with; the generator reads GET /admin/storage/requests with it.
admin_key="bench"
azurite_version=$(node -p "require('./node_modules/azurite/package.json').version" 2>/dev/null || echo unknown)
mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
cpu_model=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
includes=()

if [ "${BENCH_DIAGNOSTIC:-1}" = "1" ]; then
  # The same build with RouteInquiry disabled (the host's AzureWebJobs.<function>.Disabled setting): the app
  # accepts inquiries exactly as usual and nothing routes them.
  mkdir -p "$work/paused"
  start_azurite paused
  start_app paused "$app_build/PartnerIntake.Functions.dll" "$work/paused/app.log" AzureWebJobs__RouteInquiry__Disabled=true
  dotnet "$generator" --app-url "$app_url" --storage "$storage" \
    --watch "app=$app_pid" --watch "azurite=$azurite_pid" \
    "$@" --phases raw,intake-paused --out "$work/paused/report.md" --json-out "$work/paused/results.json" >/dev/null
  includes=(--include "$work/paused/results.json")
  stop_all
fi

start_azurite main
start_app main "${BENCH_APP_DLL:-$app_build/PartnerIntake.Functions.dll}" "$work/app.log"
dotnet "$generator" \
  --app-url "$app_url" \
  --storage "$storage" \
  --watch "app=$app_pid" \
  --watch "azurite=$azurite_pid" \
  --admin-key "$admin_key" \
  --note "CPU: $cpu_model ($(nproc) cores); RAM $mem_total; dotnet SDK $(dotnet --version); Azurite $azurite_version (node $(node --version))" \
  --note "Command: \`$command_line\`${BENCH_DIAGNOSTIC:+ (BENCH_DIAGNOSTIC=$BENCH_DIAGNOSTIC)}${BENCH_APP_DLL:+ (BENCH_APP_DLL=$BENCH_APP_DLL)}" \
  --note "App: standalone Release build, Logging:LogLevel:Default=Warning. Azurite, the app and the load generator share the machine." \
  --note "Each part ran against a fresh Azurite; the raw loop's table and queue are deleted after it." \
  --out bench/results/latest.md \
  "${includes[@]}" \
  "$@"
