#!/usr/bin/env bash
# EscalateAssignments benchmark (see docs/benchmarks.md "EscalateAssignments: cost follows what is due"):
#   bench/PartnerIntake.EscalationBench/run.sh [options, e.g. --repeats 3 --open 10000 --due 100 --small 100 --fresh-large]
# Builds Release, then, in one process, with the app's real services (AddPartnerIntake, the registrations both apps make;
# no host, so no listener and no timer runs on its own) on fresh in-memory Azurites started on free ports:
#   A: 10,000 open assignments, 100 of them due, seeded once with a wave of 100 due reminders per repetition;
#   B: 100 open assignments, all 100 due, a fresh Azurite per repetition;
# measures one AssignmentLifecycle.ProcessDueAsync call (what the EscalateAssignments timer runs) and an empty one
# right after, 3 times each, interleaved. Each assignment is seeded with one due row, its reminder; the reminder run
# schedules the escalation. Seeding A takes about 35 s on 2 cores; the whole
# run, build included, about 2 minutes.
# Writes bench/results/escalation.md (git-ignored). Azurite processes are the benchmark's children and are stopped by it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
source scripts/ensure-tools.sh
ensure_azurite

echo "[run] $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); dotnet $(dotnet --version)"
echo "[run] building (Release)"
dotnet build "$here/PartnerIntake.EscalationBench.csproj" -c Release -nologo -v q -clp:ErrorsOnly

azurite_version=$(node -p "require('./node_modules/azurite/package.json').version" 2>/dev/null || echo unknown)
mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
cpu_model=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mkdir -p bench/results

# Run from an empty folder: the app's services then find no local.settings.json in the current directory (every
# setting they need is given in memory by the benchmark and wins anyway).
work="$(mktemp -d "${TMPDIR:-/tmp}/partnerintake-escalation.XXXXXX")"
trap 'rm -rf "$work"' EXIT
out="$repo/bench/results/escalation.md"
(
  cd "$work"
  dotnet "$here/bin/Release/net10.0/PartnerIntake.EscalationBench.dll" \
    --out "$out" \
    --note "CPU: $cpu_model; RAM $mem_total; dotnet SDK $(dotnet --version); Azurite $azurite_version (node $(node --version)), in memory" \
    --note "Azurite and the benchmark (the app's services in-process) share the machine; app log level Warning; mail to the local outbox (.eml files)." \
    "$@"
)
echo "[run] report: $out"
