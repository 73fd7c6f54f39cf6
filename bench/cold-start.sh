#!/usr/bin/env bash
# Cold start of the Functions executable (its local host): from process start to the first 200 on /api/health/live
# (the process answers) and on /api/health (storage reachable and initialised), N times against one Azurite.
#   bench/cold-start.sh [runs, default 10]
# Builds Release first; prints one line per run and the median, min and max. See docs/benchmarks.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/ensure-tools.sh
ensure_azurite
runs=${1:-10}

dotnet build functions/PartnerIntake.Functions -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dll="$repo/functions/PartnerIntake.Functions/bin/Release/net10.0/PartnerIntake.Functions.dll"
work="$(mktemp -d "${TMPDIR:-/tmp}/partnerintake-coldstart.XXXXXX")"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
qp=$(port); tp=$(port); bp=$(port)
node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --loose --inMemoryPersistence \
  --blobPort "$bp" --queuePort "$qp" --tablePort "$tp" >/dev/null 2>&1 &
azurite=$!
app=""
trap 'kill $app $azurite 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 2
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$bp/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$qp/devstoreaccount1;TableEndpoint=http://127.0.0.1:$tp/devstoreaccount1;"
export Links__SigningKey="cold-start-signing-key-only-for-this-measurement" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
now_ms() { date +%s%3N; }
live=(); healthy=()
for i in $(seq 1 "$runs"); do
  p=$(port)
  start=$(now_ms)
  (cd "$work" && exec dotnet "$dll" --urls "http://127.0.0.1:$p") >"$work/app.log" 2>&1 &
  app=$!
  l=""; h=""
  for _ in $(seq 1 3000); do
    if [ -z "$l" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/api/health/live" || true)" = 200 ]; then l=$(( $(now_ms) - start )); fi
    if [ -n "$l" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/api/health" || true)" = 200 ]; then h=$(( $(now_ms) - start )); break; fi
    sleep 0.01
  done
  kill "$app"; wait "$app" 2>/dev/null || true; app=""
  echo "run $i: /api/health/live after ${l:-?} ms, /api/health after ${h:-?} ms"
  live+=("$l"); healthy+=("$h")
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms (min %d, max %d, %d runs)", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR], NR}'; }
echo "/api/health/live: $(stats "${live[@]}")"
echo "/api/health:      $(stats "${healthy[@]}")"
