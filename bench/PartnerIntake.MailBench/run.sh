#!/usr/bin/env bash
# Mail benchmark (see docs/benchmarks.md "Mail: templates and sending"):
#   bench/PartnerIntake.MailBench/run.sh [--runs 7 --iterations 2000 --sends 500 --label after]
# Builds Release, then in one process: MailTemplates.Render for each mail kind in English (full sample models), and
# sending a Polish thank-you notice three ways, sequentially: a bare HttpClient POST of the same JSON to a local fake
# SendGrid listener (Kestrel, 202 + X-Message-Id), the app's SendGrid transport as AddPartnerIntake registers it, and
# the app's local .eml transport into a temporary folder. About 1 minute on 2 cores, build included.
# Writes bench/results/mail.md (git-ignored) unless --out is given.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
echo "[run] $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); dotnet $(dotnet --version)"
dotnet build "$here/PartnerIntake.MailBench.csproj" -c Release -nologo -v q -clp:ErrorsOnly
cpu_model=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
dotnet "$here/bin/Release/net10.0/PartnerIntake.MailBench.dll" --out "$repo/bench/results/mail.md" \
  --note "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu_model); dotnet SDK $(dotnet --version); load average before: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)" \
  "$@"
