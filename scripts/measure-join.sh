#!/usr/bin/env bash
# Times a server joining: from process start to GET /healthz/ready answering 200 (the policy state is
# loaded), then prints the process's CPU time and peak resident memory (VmHWM) and stops it.
#
#   scripts/measure-join.sh <RecordAccess.Server.dll> <Sqlite|Postgres> <connection string> [label]
#
# Development environment (development issuer, key in a temp dir), no demo data, loopback ports.
# Extra runtime settings pass through the environment (e.g. DOTNET_gcServer=0).
# The server loads the latest projection snapshot in the store plus the log after it (decision 0100); write one
# first with `recordaccess load-state --write-snapshot`, or pass Policy__UseSnapshots=false to time a full replay.
set -u
dll=$1; provider=$2; connection=$3; label=${4:-$provider}
grpc_port=$(( (RANDOM % 10000) + 40000 )); http_port=$((grpc_port + 1))
tmp=$(mktemp -d /tmp/recordaccess-join.XXXXXX)
start=$(date +%s.%N)
Storage__Provider=$provider Storage__ConnectionString="$connection" \
Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$grpc_port Kestrel__Endpoints__Http__Url=http://127.0.0.1:$http_port \
ASPNETCORE_ENVIRONMENT=Development Identity__Development__KeyPath=$tmp/dev-key.pem Policy__SeedDemoData=false \
  dotnet "$dll" >"$tmp/server.log" 2>&1 &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/healthz/ready")" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || { echo "$label: the server exited; log in $tmp/server.log" >&2; exit 1; }
  sleep 0.05
done
ready=$(date +%s.%N)
sleep 1
cpu=$(awk '{ print ($14 + $15) / 100 }' "/proc/$pid/stat")
hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
kill "$pid"; wait "$pid" 2>/dev/null
printf '%s: ready after %.2f s; server CPU %s s; VmHWM %d MiB\n' "$label" "$(echo "$ready - $start" | bc)" "$cpu" $((hwm / 1024))
grep -m1 -o "Policy state loaded.*" "$tmp/server.log"
rm -rf "$tmp"
