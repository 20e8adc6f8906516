#!/usr/bin/env bash
# Issue 14: the request path end to end, one revision at a time, so BEFORE and AFTER can be run side by side.
#
#   scripts/measure-request-path.sh [--rev REV | --build-dir DIR] [--seconds N] [--gc MODE] [--label NAME]
#
#   --rev REV         build and run that commit (a detached worktree in $TMPDIR/ra-measure-REV, kept for reruns)
#   --build-dir DIR   build and run the repository checkout at DIR (default: this checkout)
#   --seconds N       seconds per closed-loop level and for the open loop (default 10)
#   --gc MODE         as-built (default: the build's runtimeconfig) | server | workstation | datas | conserve
#                     (server GC with DOTNET_GCConserveMemory=5)
#   --label NAME      name of the results directory under $TMPDIR/ra-measure-results (default: the revision)
#   --skip-build      reuse an earlier Release build of that checkout
#
# What it does: builds Release (server and CLI), starts the server (SQLite file store: WAL, synchronous=FULL, so
# every audit record is durable before its answer; development issuer; demo data; logging at Warning) on loopback
# ports, mints a supplier token (gate.evaluate, A81001), builds the request (EvaluateEntries, 1,000 entries of a
# realistic mix, tests/RecordAccess.Benchmarks/h2load/make_body.py) and then with h2load:
#   1. a 3 s warm-up (counted, not reported),
#   2. the closed-loop peak: c=1 m=4, c=2 m=8, c=4 m=16 for N s each,
#   3. an open loop at half the best of those rates for N s (a --timing-script-file schedule: two clients, each
#      sending at fixed offsets), reporting how much of the schedule was kept,
# and prints for each: requests/s, entry decisions/s and p50/p90/p99 (from h2load's --log-file). Finally it stops the
# server (SIGTERM: a graceful stop) and counts the audit rows against the calls h2load saw answered (2xx), plus the
# one capture call of make_body.py. Each run also prints the server's CPU time per answered request (from
# /proc/PID/stat): on a shared machine a steadier figure than the rates. Load average is printed before and after
# each run: on a shared machine the numbers are indicative only.
#
# Needs: h2load (apt nghttp2-client), python3 with grpcio and grpcio-tools (scripts/install-test-deps.sh).
# The helper scripts (make_body.py, latency.py) always come from THIS checkout, so both revisions get the same bytes.
set -euo pipefail
here_repo=$(cd "$(dirname "$0")/.." && pwd)
helpers=$here_repo/tests/RecordAccess.Benchmarks/h2load
rev="" src="" seconds=10 gc=as-built label="" skip_build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rev) rev=$2; shift 2 ;;
    --build-dir) src=$(cd "$2" && pwd); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --gc) gc=$2; shift 2 ;;
    --label) label=$2; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    -h|--help) sed -n 2,30p "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)"; exit 2 ;;
  esac
done

command -v h2load >/dev/null || { echo "h2load missing: apt-get install nghttp2-client"; exit 1; }
tmp=${TMPDIR:-/tmp}
if [ -n "$rev" ]; then
  commit=$(git -C "$here_repo" rev-parse --short "$rev")
  src=$tmp/ra-measure-$commit
  [ -d "$src" ] || git -C "$here_repo" worktree add --detach "$src" "$commit" >/dev/null
fi
src=${src:-$here_repo}
commit=$(git -C "$src" rev-parse --short HEAD)
label=${label:-$commit-$gc}
out=$tmp/ra-measure-results/$label
rm -rf "$out"; mkdir -p "$out"
grpc_port=${RA_MEASURE_PORT:-5311}
http_port=$(( grpc_port + 1 ))
path=/recordaccess.v1.RecordAccessGate/EvaluateEntries
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

case "$gc" in
  as-built) gc_env=() ;;
  server) gc_env=(DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0) ;;
  workstation) gc_env=(DOTNET_gcServer=0) ;;
  datas) gc_env=(DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=1) ;;
  conserve) gc_env=(DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0 DOTNET_GCConserveMemory=5) ;;
  *) echo "--gc: as-built | server | workstation | datas | conserve"; exit 2 ;;
esac

load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== revision $commit ($src), GC $gc, ${seconds}s per run, results in $out"
echo "   $(nproc) cores, load average $(load_avg) at the start"

if [ "$skip_build" = 0 ]; then
  for project in src/RecordAccess.Server src/RecordAccess.Cli; do
    dotnet build -c Release -nologo -v:q -clp:ErrorsOnly "$src/$project"
  done
fi

wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 did not open"; cat "$out/server.log"; exit 1; }

db=$out/recordaccess.db
( cd "$src/src/RecordAccess.Server/bin/Release/net10.0" && exec env "${gc_env[@]}" ASPNETCORE_ENVIRONMENT=Development \
    Identity__Development__Enabled=true Identity__Development__KeyPath="$out/key.pem" \
    Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" Policy__SeedDemoData=true \
    Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$grpc_port" Kestrel__Endpoints__Http__Url="http://127.0.0.1:$http_port" \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Grpc=Warning Logging__LogLevel__Grpc.AspNetCore.Server=Warning \
    dotnet RecordAccess.Server.dll >"$out/server.log" 2>&1 ) &
server=$!
wait_port "$grpc_port"
sleep 1
server_pid=$(pgrep -P "$server" -f RecordAccess.Server.dll || echo "$server")
echo "   server pid $server_pid: $(tr '\0' ' ' <"/proc/$server_pid/environ" 2>/dev/null | grep -o 'DOTNET_[A-Za-z]*=[^ ]*' | tr '\n' ' ')"

token=$(dotnet "$src/src/RecordAccess.Cli/bin/Release/net10.0/recordaccess.dll" token --kind supplier --client-id bench \
  --scope gate.evaluate --practice A81001 --key "$out/key.pem" --lifetime 4h)
/usr/bin/python3 "$helpers/make_body.py" --protos "$src/protos" --out "$out" --target "127.0.0.1:$grpc_port" --token "$token" | sed 's/^/   /'

answered=1   # make_body.py's capture call
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
# Server CPU time per answered request: on a shared machine a steadier figure than the rates, which depend on the
# share of the cores the server gets.
cpu_per_request() { # $1 ticks before, $2 requests
  awk -v t="$(( $(cpu_ticks) - $1 ))" -v ms="$tick_ms" -v n="$2" 'BEGIN { if (n > 0) printf "server CPU %.2f ms/request", t * ms / n; else print "server CPU ?" }'
}
succeeded() { grep -o '[0-9]* succeeded' "$1" | grep -o '[0-9]*' || echo 0; }
h2() { # $1 label, rest: h2load arguments
  local name=$1; shift
  h2load "$@" -t 1 -d "$out/body.bin" -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $token" \
    >"$out/$name.txt" 2>&1 || { cat "$out/$name.txt"; exit 1; }
  answered=$(( answered + $(succeeded "$out/$name.txt") ))
}

h2 warm-up -D 3 -c 2 -m 8 "http://127.0.0.1:$grpc_port$path"
rates=()
for level in "1 4" "2 8" "4 16"; do
  set -- $level
  name=closed-c$1m$2
  before=$(load_avg) ticks=$(cpu_ticks)
  h2 "$name" -D "$seconds" -c "$1" -m "$2" --log-file="$out/$name.log" "http://127.0.0.1:$grpc_port$path"
  printf '   %-14s %s %s  (load %s -> %s)\n' "$name" "$(/usr/bin/python3 "$helpers/latency.py" "$out/$name.log")" \
    "$(cpu_per_request "$ticks" "$(succeeded "$out/$name.txt")")" "$before" "$(load_avg)"
  rates+=("$(/usr/bin/python3 "$helpers/latency.py" "$out/$name.log" | grep -o 'req/s=[0-9]*' | cut -d= -f2)")
done
peak=$(printf '%s\n' "${rates[@]}" | sort -n | tail -1)
half=$(( peak / 2 ))

# Open loop: two clients, each sending one request every 2000/half ms from the start, whatever the answers do.
per_client_ms=$(awk -v r="$half" 'BEGIN { printf "%.3f", 2000 / r }')
lines=$(( half * seconds / 2 ))
awk -v n="$lines" -v step="$per_client_ms" -v url="http://127.0.0.1:$grpc_port$path" \
  'BEGIN { for (i = 0; i < n; i++) printf "%.3f\t%s\n", i * step, url }' >"$out/open.script"
before=$(load_avg) ticks=$(cpu_ticks)
h2 open-half-peak --timing-script-file="$out/open.script" -c 2 -m 32 --log-file="$out/open-half-peak.log"
printf '   %-14s asked %s req/s for %ss: %s %s  (load %s -> %s)\n' "open-half-peak" "$half" "$seconds" \
  "$(/usr/bin/python3 "$helpers/latency.py" "$out/open-half-peak.log")" "$(cpu_per_request "$ticks" "$(succeeded "$out/open-half-peak.txt")")" \
  "$before" "$(load_avg)"

rss=$(awk '/VmHWM/ { print $2 / 1024 " MB" }' "/proc/$server_pid/status" 2>/dev/null || echo "?")
kill -TERM "$server_pid" 2>/dev/null || true
wait "$server" 2>/dev/null || true
server=""
audited=$(/usr/bin/python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in db.execute("select name from sqlite_master where type='table' and name like '%audit%' and name not like '%migration%'")]
counts = {t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
print(" ".join(f"{t}={n}" for t, n in counts.items()))
PY
)
echo "   peak server memory (VmHWM) $rss"
echo "   answered calls (h2load 2xx, warm-up and capture call included): $answered; audit rows: $audited"
echo "   (every answered call must be audited: the decision audit table holds at least the answered calls; calls still"
echo "    in flight when h2load stopped may be audited and not counted as answered)"
echo "   load average $(load_avg) at the end; logs in $out"
