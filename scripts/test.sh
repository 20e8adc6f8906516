#!/usr/bin/env bash
# Runs every test suite of RecordAccess from a clean clone, installing what the tests need.
# Ends with the line "N passed, N failed" (all suites together) and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
cleanup() {
  [ -n "${RECORDACCESS_PG_DIR:-}" ] && bash scripts/postgres.sh stop >/dev/null 2>&1
  rm -rf "$results"
}
trap cleanup EXIT

summary() { echo "$1 passed, $2 failed"; }

echo "== test dependencies (apt) and a throwaway PostgreSQL"
if ! bash scripts/install-test-deps.sh || ! pg_env=$(bash scripts/postgres.sh start); then
  echo "could not install or start what the tests need"
  summary 0 1
  exit 1
fi
eval "$pg_env"

echo "== build (warnings are errors)"
if ! dotnet build RecordAccess.sln -nologo -v:q -clp:ErrorsOnly; then
  echo "build failed"
  summary 0 1
  exit 1
fi

status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" --no-build -nologo -v:q \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=1
  [ -e "$results/$name.trx" ] || { echo "$name: no results written"; status=1; }
done

# Count every test of every suite from the TRX files (one per test project).
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

# The safety case checks itself (issue 15): every hazard row of docs/hazard-log.md must name tests that ran
# in this run and passed. The hazard -> test table is printed; each red hazard counts as one failure.
echo "== hazard -> test evidence (docs/hazard-log.md against this run)"
hazards=$(dotnet tools/RecordAccess.SafetyCase/bin/Debug/net10.0/RecordAccess.SafetyCase.dll \
  --hazard-log docs/hazard-log.md --results "$results" 2>&1)
hazard_status=$?
echo "$hazards"
if [ "$hazard_status" -ne 0 ]; then
  red=$(sed -n 's/^[0-9]* hazards: [0-9]* green, \([0-9]*\) red$/\1/p' <<<"$hazards")
  failed=$((failed + ${red:-1}))
  status=1
fi

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "no test ran"
  failed=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
summary "$passed" "$failed"
[ "$failed" -eq 0 ]
