#!/usr/bin/env bash
# Installs the system library SiteGen links against (libcmark), when it is missing.
set -euo pipefail
if pkg-config --exists libcmark 2>/dev/null; then
  exit 0
fi
echo "libcmark is missing; installing Debian's libcmark-dev" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libcmark-dev pkg-config
