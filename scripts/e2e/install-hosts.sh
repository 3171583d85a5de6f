#!/usr/bin/env bash
# Installs every pinned host of the end-to-end tests (scripts/e2e/hosts.json) into the
# cache folder, once, and Debian's Chromium and a CJK font. n8n takes about 6 minutes and
# 2.3 GB the first time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# One line per host: package, version, and the runtime it runs on ("-" for this Node).
hosts=$(node -e '
  const hosts = require(process.argv[1]);
  const runtimes = new Set(Object.values(hosts).map((h) => h.node).filter(Boolean));
  for (const [name, h] of Object.entries(hosts)) {
    const runtime = h.node ? `${hosts[h.node].package}@${hosts[h.node].version}` : "-";
    console.log(runtimes.has(name) ? "runtime" : "host", h.package, h.version, runtime);
  }
' "$here/hosts.json")

install() {
  local package=$1 version=$2 runtime=$3 node_home="" dir
  if [ "$runtime" != "-" ]; then
    node_home="$("$here/install-host.sh" "${runtime%@*}" "${runtime##*@}")/node_modules/${runtime%@*}"
  fi
  dir="$("$here/install-host.sh" "$package" "$version" $node_home)"
  echo "host: $package@$version -> $dir"
}

# Node.js runtimes first (the hosts that run on them build native modules against them),
# then every host at once: the first install on a new machine takes minutes each.
while read -r kind package version runtime; do
  if [ "$kind" = runtime ]; then install "$package" "$version" "$runtime"; fi
done <<<"$hosts"
pids=()
while read -r kind package version runtime; do
  if [ "$kind" != host ]; then continue; fi
  install "$package" "$version" "$runtime" &
  pids+=("$!")
done <<<"$hosts"
for pid in "${pids[@]}"; do wait "$pid"; done

# The editor tests drive Debian's Chromium (browsers cannot be downloaded here); a CJK font
# makes the Chinese in their screenshots readable instead of boxes.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -n "$(fc-list :lang=zh family 2>/dev/null)" ] || missing+=(fonts-wqy-zenhei)
if [ "${#missing[@]}" -gt 0 ]; then "$here/apt-install.sh" "The editor tests" "${missing[@]}"; fi
echo "host: $(chromium --version 2>/dev/null), CJK font: $(fc-list :lang=zh family | head -n 1)"
