#!/usr/bin/env bash
# Copy the dashboard's and the API docs' third-party assets from npm (pinned with integrity
# hashes in package-lock.json) into the package: src/khaldun/serve/static/vendor/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
dest=../src/khaldun/serve/static/vendor
if ! command -v npm >/dev/null 2>&1; then
  echo "warning: npm not found: the dashboard's vendored assets are not installed;" \
       "install Node.js 20 and run 'make vendor' (the browser test skips meanwhile)" >&2
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --silent
rm -rf "$dest"
mkdir -p "$dest"/{leaflet,topojson-client,world-atlas,chart.js,swagger-ui}
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE "$dest/leaflet/"
cp -r node_modules/leaflet/dist/images "$dest/leaflet/"
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE "$dest/topojson-client/"
cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/LICENSE "$dest/world-atlas/"
cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md "$dest/chart.js/"
for f in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE; do cp "node_modules/swagger-ui-dist/$f" "$dest/swagger-ui/"; done
touch "$dest/.installed"
echo "vendored front-end assets into ${dest#../}"
