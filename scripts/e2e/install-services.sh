#!/usr/bin/env bash
# Installs what the n8n queue-mode test runs beside n8n: Debian's Redis and PostgreSQL
# (the test starts its own servers on free loopback ports, never the system's).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then "$here/apt-install.sh" "The queue-mode test" "${missing[@]}"; fi
echo "services: $(redis-server --version | cut -d' ' -f1-3), PostgreSQL $(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)"
