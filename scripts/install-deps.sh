#!/usr/bin/env bash
# Installs the system libraries SiteGen links against (libcmark, edlib, xxHash), when they are missing.
set -euo pipefail
if pkg-config --exists libcmark edlib-1 libxxhash 2>/dev/null; then
  exit 0
fi
echo "libcmark, edlib or xxHash is missing; installing Debian's libcmark-dev, libedlib-dev and libxxhash-dev" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libcmark-dev libedlib-dev libxxhash-dev pkg-config
