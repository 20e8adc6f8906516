#!/usr/bin/env bash
# Installs what the test suites need that the machine image lacks, from Debian's packages:
#   postgresql                          the PostgreSQL server of the storage contract and crash tests
#   python3-grpcio python3-grpc-tools   Google's C-core gRPC client, for the interop tests
#   chromium                            Debian's Chromium, driven by Playwright in tests/RecordAccess.Browser.Tests
#                                       (no browser download: the tests launch /usr/bin/chromium)
# and, from npm, `npm ci` (versions pinned by each package-lock.json) in every test folder with Node dependencies:
#   tests/interop/node                  @grpc/grpc-js and @grpc/proto-loader, for the Node interop tests
#   tests/fhir-validation               the independent FHIR validators (fhirpath.js, FHIR.js), where present
#   src/RecordAccess.Server/frontend    nhsuk-frontend 10.6.1; `scripts/vendor-nhsuk-frontend.sh --check` then proves
#                                       the copy committed in wwwroot is the npm package's
# Does nothing when everything is present; runs `apt-get update` once when something is missing, and `npm ci` in a
# folder whose node_modules is missing or was installed from another package-lock.json.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
for folder in tests/interop/node tests/fhir-validation src/RecordAccess.Server/frontend; do
  dir="$root/$folder"
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.installed-from-package-lock.json"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "install-test-deps: npm ci in $folder" >&2
    (cd "$dir" && npm ci --no-audit --no-fund >&2)
    cp "$dir/package-lock.json" "$stamp"
  fi
done

needed=(postgresql python3-grpcio python3-grpc-tools chromium)
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
