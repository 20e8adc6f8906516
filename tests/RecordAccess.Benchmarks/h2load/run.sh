#!/usr/bin/env bash
# h2load benchmark of RecordAccessGate/EvaluateEntries with 1,000-entry requests (issue 4), end to end:
# the real server (Release, SQLite store, development issuer, demo data) with real tokens, decisions and audit.
#
#   tests/RecordAccess.Benchmarks/h2load/run.sh [shared|pinned|all] [seconds-per-run]
#
# shared: server and h2load share both cores; pinned: server on core 0, h2load on core 1 (taskset).
# For each: the peak (closed loop, several concurrency levels), then an open-loop run at half the peak rate
# (h2load --timing-script-file) for p50/p99; then the same peak against a bare Kestrel endpoint answering
# the same bytes (the wire/auth/decision/audit overhead). Latency percentiles come from h2load's --log-file.
# Needs: apt nghttp2-client (h2load), python3-grpcio, python3-grpc-tools.
set -euo pipefail
cd "$(dirname "$0")/../../.."
mode=${1:-all}
seconds=${2:-10}
here=tests/RecordAccess.Benchmarks/h2load
out=$(mktemp -d /tmp/ra-h2load.XXXXXX)
grpc_port=5301
raw_port=5302
path=/recordaccess.v1.RecordAccessGate/EvaluateEntries
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

command -v h2load >/dev/null || { echo "h2load missing: apt-get install nghttp2-client"; exit 1; }
for project in src/RecordAccess.Server src/RecordAccess.Cli tests/RecordAccess.Benchmarks; do dotnet build -c Release -nologo -v:q -clp:ErrorsOnly "$project"; done

wait_port() { for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 did not open"; exit 1; }

start_server() { # $1 = taskset prefix (may be empty)
  ( cd src/RecordAccess.Server/bin/Release/net10.0 && exec env ASPNETCORE_ENVIRONMENT=Development \
      Identity__Development__KeyPath="$out/key.pem" Storage__ConnectionString="Data Source=$db" \
      Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$grpc_port" Kestrel__Endpoints__Http__Url="http://127.0.0.1:5303" \
      Logging__LogLevel__Default=Warning 'Logging__LogLevel__Grpc=Warning' \
      $1 dotnet RecordAccess.Server.dll >"$out/server.log" 2>&1 ) &
  server=$!; pids+=("$server"); wait_port "$grpc_port"
}

start_raw() {
  ( exec $1 dotnet tests/RecordAccess.Benchmarks/bin/Release/net10.0/RecordAccess.Benchmarks.dll --raw-grpc "$raw_port" "$out/response.bin" >"$out/raw.log" 2>&1 ) &
  raw=$!; pids+=("$raw"); wait_port "$raw_port"
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

load() { # $1 port, $2 taskset prefix, $3 clients, $4 streams per client, $5 label
  local n=$(( 400 * seconds ))
  $2 h2load -D "$seconds" -c "$3" -m "$4" -t 1 --warm-up-time=2 -d "$out/body.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $token" \
    --log-file="$out/$5.log" "http://127.0.0.1:$1$path" >"$out/$5.txt" 2>&1 || { cat "$out/$5.txt"; exit 1; }
  printf '%-28s c=%-2s m=%-2s %s\n' "$5" "$3" "$4" "$(/usr/bin/python3 $here/latency.py "$out/$5.log")"
}

paced() { # $1 port, $2 taskset prefix, $3 total requests/s, $4 label: open loop, 2 clients, each at half the rate
  local per_client_ms lines=$(( $3 * seconds / 2 ))
  per_client_ms=$(awk -v r="$3" 'BEGIN { printf "%.3f", 2000 / r }')
  awk -v n="$lines" -v step="$per_client_ms" -v url="http://127.0.0.1:$1$path" \
    'BEGIN { for (i = 0; i < n; i++) printf "%.3f\t%s\n", i * step, url }' >"$out/$4.script"
  $2 h2load --timing-script-file="$out/$4.script" -c 2 -m 16 -t 1 -d "$out/body.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $token" \
    --log-file="$out/$4.log" >"$out/$4.txt" 2>&1 || { cat "$out/$4.txt"; exit 1; }
  printf '%-28s %-10s %s\n' "$4" "${3} req/s" "$(/usr/bin/python3 $here/latency.py "$out/$4.log")"
}

peak_of() { /usr/bin/python3 - "$@" <<'PY'
import sys
best = 0
for log in sys.argv[1:]:
    rows = [l.split("\t") for l in open(log)]
    span = (max(int(r[0]) + int(r[2]) for r in rows) - min(int(r[0]) for r in rows)) / 1e6
    best = max(best, len(rows) / span)
print(int(best))
PY
}

# Every answered call is audited: the audit count shows how many calls really succeeded (h2load sees only HTTP 200,
# not grpc-status).
audited() { /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from decision_audit').fetchone()[0])" "$1"; }
sent() { local total=0 f; for f in "$@"; do total=$(( total + $(wc -l <"$f") )); done; echo "$total"; }

run_mode() { # $1 = shared|pinned
  local server_pin="" load_pin=""
  [ "$1" = pinned ] && { server_pin="taskset -c 0"; load_pin="taskset -c 1"; }
  echo "== $1 (server ${server_pin:-on both cores}, h2load ${load_pin:-on both cores}), ${seconds}s per run"
  db="$out/ra-$1.db"
  start_server "$server_pin"
  token=$(dotnet src/RecordAccess.Cli/bin/Release/net10.0/recordaccess.dll token --kind supplier --client-id bench \
    --scope gate.evaluate --practice A81001 --key "$out/key.pem" --lifetime 4h)
  /usr/bin/python3 $here/make_body.py --protos protos --out "$out" --target "127.0.0.1:$grpc_port" --token "$token"
  load "$grpc_port" "$load_pin" 1 4 "$1-service-c1m4"
  load "$grpc_port" "$load_pin" 2 8 "$1-service-c2m8"
  load "$grpc_port" "$load_pin" 4 16 "$1-service-c4m16"
  local peak; peak=$(peak_of "$out/$1-service-c1m4.log" "$out/$1-service-c2m8.log" "$out/$1-service-c4m16.log")
  paced "$grpc_port" "$load_pin" $(( peak / 2 )) "$1-service-half-peak"
  stop "$server"
  echo "audited calls: $(audited "$db") (h2load logged $(sent "$out/$1"-service-*.log) responses after warm-up, plus warm-up and the capture call)"
  start_raw "$server_pin"
  load "$raw_port" "$load_pin" 2 8 "$1-raw-kestrel-c2m8"
  load "$raw_port" "$load_pin" 4 16 "$1-raw-kestrel-c4m16"
  stop "$raw"
}

case "$mode" in
  shared|pinned) run_mode "$mode" ;;
  all) run_mode shared; run_mode pinned ;;
  *) echo "usage: $0 [shared|pinned|all] [seconds]"; exit 2 ;;
esac
echo "logs in $out"
