#!/usr/bin/env bash
# Refresh the JavaScript libraries vendored under static/vendor/ from the npm registry.
# Run at development time only (the package serves the copied files; nothing is fetched at run time):
#     bash detente/serve/web/refresh-vendor.sh                       # the versions pinned below
#     CYTOSCAPE=3.36.0 bash detente/serve/web/refresh-vendor.sh      # another version
# then run the browser tests (tests/test_browser.py) and commit static/vendor/.
set -euo pipefail
CYTOSCAPE="${CYTOSCAPE:-3.35.0}"
SWAGGER_UI="${SWAGGER_UI:-5.35.0}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "cytoscape@$CYTOSCAPE" "swagger-ui-dist@$SWAGGER_UI" >/dev/null
vendor="$here/static/vendor"
mkdir -p "$vendor/cytoscape" "$vendor/swagger-ui"
cp node_modules/cytoscape/dist/cytoscape.min.js node_modules/cytoscape/LICENSE "$vendor/cytoscape/"
cp node_modules/swagger-ui-dist/{swagger-ui-bundle.js,swagger-ui-bundle.js.LICENSE.txt,swagger-ui.css,LICENSE,NOTICE} \
   "$vendor/swagger-ui/"
echo "vendored cytoscape $CYTOSCAPE and swagger-ui-dist $SWAGGER_UI into $vendor" >&2
