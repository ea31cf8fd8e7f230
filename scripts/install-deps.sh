#!/usr/bin/env bash
# Installs the system libraries SiteGen links against (libcmark, edlib), when they are missing.
set -euo pipefail
if pkg-config --exists libcmark edlib-1 2>/dev/null; then
  exit 0
fi
echo "libcmark or edlib is missing; installing Debian's libcmark-dev and libedlib-dev" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libcmark-dev libedlib-dev pkg-config
