#!/bin/sh
# Build kith's front-end assets into web/dist (called by `make`; needs node and npm):
# the npm packages pinned in package-lock.json, the stylesheet compiled with Sass using
# Arial, GOV.UK Frontend's and MoJ Frontend's JavaScript modules, MoJ's icons, and
# kith's own two scripts. The C build embeds web/dist into the binary.
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p dist/images
# Sass's deprecation notices about the packages' own Sass are noise; its errors are not.
if ! npx sass --no-source-map --style=compressed --load-path=. --load-path=node_modules \
    --quiet-deps --silence-deprecation=import kith.scss dist/kith.css 2>dist/sass.log; then
    cat dist/sass.log >&2
    exit 1
fi
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js dist/govuk-frontend.min.js
cp node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js dist/moj-frontend.min.js
cp node_modules/@ministryofjustice/frontend/moj/assets/images/*.svg dist/images/
cp js/supported.js js/init.js favicon.svg dist/
