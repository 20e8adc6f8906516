#!/usr/bin/env bash
# Installs what the test suites need that the machine image lacks, from Debian's packages:
#   postgresql                          the PostgreSQL server of the storage contract and crash tests
#   python3-grpcio python3-grpc-tools   Google's C-core gRPC client, for the interop tests
# and, from npm (pinned by tests/fhir-validation/package-lock.json), the independent FHIR validators
# (fhirpath.js, FHIR.js) when tests/fhir-validation/node_modules is missing.
# Does nothing when everything is present; runs `apt-get update` once when something is missing.
set -euo pipefail

validation="$(dirname "$0")/../tests/fhir-validation"
if [ ! -d "$validation/node_modules" ]; then
  echo "install-test-deps: npm ci in tests/fhir-validation" >&2
  (cd "$validation" && npm ci --no-audit --no-fund >&2)
fi

needed=(postgresql python3-grpcio python3-grpc-tools)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

echo "install-test-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" != 0 ]; then
  echo "install-test-deps: installing needs root (or sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
