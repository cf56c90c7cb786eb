#!/usr/bin/env bash
# Regenerates the vendored GOV.UK Frontend assets in this folder (run by hand, not by the app):
# govuk-frontend's Sass compiled once with Arial instead of GDS Transport (that typeface is
# for gov.uk domains only) and without its font-face, plus its JavaScript, as shipped.
# Needs node and npm (packages from the npm registry). Keep VERSION in step with the
# govuk-frontend-jinja release in pyproject.toml (4.1.x matches govuk-frontend 6.3.0).
set -euo pipefail
VERSION=6.3.0
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "govuk-frontend@$VERSION" sass
cat > arial.scss <<'SCSS'
@use "node_modules/govuk-frontend/dist/govuk" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-include-default-font-face: false
);
SCSS
npx sass --style=compressed --no-source-map --quiet-deps --load-path=. arial.scss \
  "$here/govuk-frontend-$VERSION.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$here/govuk-frontend-$VERSION.min.js"
echo "govuk-frontend $VERSION compiled into $here"
