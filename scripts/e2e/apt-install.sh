#!/usr/bin/env bash
# apt-install.sh WHAT PACKAGE...: installs Debian's PACKAGEs when run as root with apt-get,
# else names WHAT needs them and fails.
set -euo pipefail
what=$1
shift
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
else
  echo "$what: missing Debian packages, run as root: apt-get install $*" >&2
  exit 1
fi
