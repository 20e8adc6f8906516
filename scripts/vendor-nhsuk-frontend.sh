#!/usr/bin/env bash
# Reproduces the vendored NHS design system in src/RecordAccess.Server/wwwroot from npm (decision 0097):
#   npm ci in src/RecordAccess.Server/frontend (nhsuk-frontend 10.6.1, pinned by its package-lock.json), then copies
#   dist/nhsuk/nhsuk-frontend.min.css and .min.js to wwwroot/nhsuk/ and dist/nhsuk/assets/ to wwwroot/assets/
#   (the stylesheet refers to /assets/images/...).
# The copies are committed, so `dotnet run --project src/RecordAccess.Server` works on a clean machine without npm;
# run this after changing the version, and commit the result. `--check` fails if the committed copies differ.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
frontend="$root/src/RecordAccess.Server/frontend"
wwwroot="$root/src/RecordAccess.Server/wwwroot"
(cd "$frontend" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >&2; else npm install --no-audit --no-fund >&2; fi)
dist="$frontend/node_modules/nhsuk-frontend/dist/nhsuk"
target="$wwwroot"
if [ "${1:-}" = "--check" ]; then
  target="$(mktemp -d)"
  trap 'rm -rf "$target"' EXIT
fi
mkdir -p "$target/nhsuk" "$target/assets"
cp "$dist/nhsuk-frontend.min.css" "$dist/nhsuk-frontend.min.js" "$target/nhsuk/"
cp -R "$dist/assets/." "$target/assets/"
version=$(node -p "require('$frontend/node_modules/nhsuk-frontend/package.json').version")
cat > "$target/nhsuk/NOTICE.md" <<NOTICE
nhsuk-frontend $version (https://github.com/nhsuk/nhsuk-frontend), MIT Licence, © NHS England.
Copied from the npm package by scripts/vendor-nhsuk-frontend.sh: dist/nhsuk/nhsuk-frontend.min.css,
dist/nhsuk/nhsuk-frontend.min.js, and dist/nhsuk/assets (here under ../assets).
NOTICE
if [ "${1:-}" = "--check" ]; then
  diff -r "$target/nhsuk" "$wwwroot/nhsuk" && diff -r "$target/assets" "$wwwroot/assets"
  echo "vendored nhsuk-frontend matches npm" >&2
fi
