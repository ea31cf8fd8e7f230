#!/usr/bin/env bash
# Fuzzes the three surfaces that read untrusted text with libFuzzer and the
# address sanitizer: scrape cleaning with front matter, the claims loader with
# anchoring, and the figure, quotation and date extractors. Seeds come from the
# real Content/. Usage: scripts/fuzz.sh [seconds per target, default 60]
# Crash inputs are kept in .build-fuzz/crashes/; replay one with
#   swift build --product SiteGenFuzz && SITEGEN_FUZZ_TARGET=<target> .build/debug/SiteGenFuzz <file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
swift build --product SiteGenFuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc FUZZING 2>&1 | grep -v "Cannot export local symbol" || true
binary=.build-fuzz/debug/SiteGenFuzz
[ -x "$binary" ] || { echo "fuzz: the fuzz build failed" >&2; exit 1; }
mkdir -p .build-fuzz/crashes
status=0
for target in cleaning claims extraction; do
  corpus=".build-fuzz/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    cleaning) cp Content/articles/* Content/pages/*.md "$corpus/" ;;
    claims) cp Content/claims/*.yaml "$corpus/" ;;
    extraction) cp Content/articles/*.txt "$corpus/" ;;
  esac
  log=".build-fuzz/$target.log"
  if SITEGEN_FUZZ_TARGET="$target" "$binary" "$corpus" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 \
       -artifact_prefix=".build-fuzz/crashes/$target-" > "$log" 2>&1; then
    result="no crash"
  else
    result="CRASH (see $log)"; status=1
  fi
  runs=$(grep -oE "Done [0-9]+ runs" "$log" | grep -oE "[0-9]+" || echo "?")
  echo "fuzz $target: $runs executions in ${seconds} s, $result"
done
exit "$status"
