#!/usr/bin/env bash
# A first call to a running development server (`dotnet run --project src/RecordAccess.Server`):
# mints a development supplier token for the demo practice and asks the gate about demo patients.
# Needs Debian's python3-grpcio and python3-grpc-tools (scripts/install-test-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
token=$(dotnet run --project src/RecordAccess.Cli -v:q -- token --kind supplier --client-id first-call \
  --scope gate.evaluate --practice A81001)
exec /usr/bin/python3 scripts/first_call.py "$token" "${1:-localhost:5001}"
