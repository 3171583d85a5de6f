#!/usr/bin/env bash
# Installs every pinned host of the end-to-end tests (scripts/e2e/hosts.json) into the
# cache folder, once, and Debian's Chromium. n8n takes about 6 minutes and 2.3 GB the first time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Node.js binaries first: hosts that run on them build their native modules with them.
node -e '
  const hosts = require(process.argv[1]);
  const sorted = Object.values(hosts).sort((a, b) => Boolean(a.node) - Boolean(b.node));
  for (const h of sorted) console.log(h.package, h.version, h.node ? `${hosts[h.node].package}@${hosts[h.node].version}` : "-");
' "$here/hosts.json" |
  while read -r package version runtime; do
    node_home=""
    if [ "$runtime" != "-" ]; then
      node_home="$("$here/install-host.sh" "${runtime%@*}" "${runtime##*@}")/node_modules/${runtime%@*}"
    fi
    echo "host: $package@$version -> $("$here/install-host.sh" "$package" "$version" $node_home)"
  done

# The Node-RED editor test drives Debian's Chromium (browsers cannot be downloaded here).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    echo "The editor test needs Debian's chromium package: apt-get install chromium" >&2
    exit 1
  fi
fi
echo "host: $(chromium --version 2>/dev/null)"
