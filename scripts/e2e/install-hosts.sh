#!/usr/bin/env bash
# Installs every pinned host of the end-to-end tests (scripts/e2e/hosts.json) into the
# cache folder, once. n8n takes about 6 minutes and 2.3 GB the first time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
node -e 'for (const h of Object.values(require(process.argv[1]))) console.log(h.package, h.version)' "$here/hosts.json" |
  while read -r package version; do
    echo "host: $package@$version -> $("$here/install-host.sh" "$package" "$version")"
  done
