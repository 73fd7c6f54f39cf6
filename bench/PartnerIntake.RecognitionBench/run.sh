#!/usr/bin/env bash
# SendRecognitions benchmark (see docs/benchmarks.md "SendRecognitions: reads follow what is due"):
#   bench/PartnerIntake.RecognitionBench/run.sh [options, e.g. --repeats 3 --large 100000 --small 1000 --due 100]
# Builds Release, then, in one process, with the app's real Recognition (real Table stores, outbox, local .eml
# transport) on one fresh in-memory Azurite per scenario (free ports):
#   A: 100,000 donations (300,000 notices), 100 thank-yous due at each measured run;
#   B: 1,000 donations (3,000 notices), 100 due likewise;
# seeds Donations and Notices rows directly (Notices in entity-group batches of 100 per due-day partition), then
# measures one Recognition.SendDueAsync call (what the SendRecognitions timer runs) and an empty one right after,
# 3 times per scenario, interleaved; then times single Notices requests, and the template render time per notice
# (3 kinds × 7 languages). About 4 minutes on 2 cores, over 3 of them seeding A
# (300,000 Notices rows in batches, then 100,000 Donations rows one by one).
# Writes bench/results/recognition.md (git-ignored). Azurite processes are the benchmark's children and are stopped by it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
source scripts/ensure-tools.sh
ensure_azurite

echo "[run] $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); dotnet $(dotnet --version)"
echo "[run] building (Release)"
dotnet build "$here/PartnerIntake.RecognitionBench.csproj" -c Release -nologo -v q -clp:ErrorsOnly

azurite_version=$(node -p "require('./node_modules/azurite/package.json').version" 2>/dev/null || echo unknown)
mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
cpu_model=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mkdir -p bench/results

# Run from an empty folder, so that nothing in the current directory is picked up.
work="$(mktemp -d "${TMPDIR:-/tmp}/partnerintake-recognition.XXXXXX")"
trap 'rm -rf "$work"' EXIT
out="$repo/bench/results/recognition.md"
(
  cd "$work"
  dotnet "$here/bin/Release/net10.0/PartnerIntake.RecognitionBench.dll" \
    --out "$out" \
    --note "CPU: $cpu_model; RAM $mem_total; dotnet SDK $(dotnet --version); Azurite $azurite_version (node $(node --version)), in memory; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" \
    --note "Azurite and the benchmark (the app's Recognition in-process) share the machine; mail through the real LocalOutboxTransport (.eml files in a temporary folder)." \
    "$@"
)
echo "[run] report: $out"
