#!/usr/bin/env bash
# Routing-decision micro-benchmark (BenchmarkDotNet), see docs/benchmarks.md "Routing decision".
#   bench/PartnerIntake.RoutingBench/run.sh [extra BenchmarkDotNet options, e.g. --job medium]
# Builds Release and runs every benchmark (Floor and Route for each case) with a short custom job:
# 1 launch, 5 warm-ups, 15 measured iterations of ~200 ms each. About 2 minutes on 2 cores, build included.
# Reports (GitHub markdown, CSV, HTML) land in bench/PartnerIntake.RoutingBench/BenchmarkDotNet.Artifacts/
# results/ and the log in BenchmarkDotNet.Artifacts/ (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# Other work on the machine skews a micro-benchmark: note the load it started under.
echo "[run] $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); dotnet $(dotnet --version)"
dotnet build PartnerIntake.RoutingBench.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet bin/Release/net10.0/PartnerIntake.RoutingBench.dll \
  --filter '*' \
  --launchCount 1 \
  --warmupCount 5 \
  --iterationCount 15 \
  --iterationTime 200 \
  --artifacts "$here/BenchmarkDotNet.Artifacts" \
  "$@"

echo "[run] markdown: $(ls "$here"/BenchmarkDotNet.Artifacts/results/*-report-github.md)"
