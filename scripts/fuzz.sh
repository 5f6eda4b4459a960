#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 20).
# Longer runs: scripts/fuzz.sh 3600   (see docs/development.md)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
CC=clang CXX=clang++ cmake -S . -B build/fuzz -DQUAY_FUZZ=ON -DQUAY_UI=OFF -DQUAY_TESTS=OFF \
  -DQUAY_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target fuzzers
for bin in build/fuzz/fuzz/*_fuzz; do
  name=$(basename "$bin")
  work="build/fuzz/corpus/$name"
  mkdir -p "$work"
  echo "== $name for ${seconds}s"
  max_len=()
  # reply classification sees whole portal replies, up to the 1 MiB cap
  [ "$name" = reply_fuzz ] && max_len=(-max_len=1048576)
  "$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 "${max_len[@]}" \
    "$work" "fuzz/corpus/$name" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss|#[0-9]+ *DONE)|ERROR|SUMMARY" || true
  # libFuzzer exits non-zero and writes crash-* when it finds a bug
  if ls crash-* leak-* timeout-* oom-* 2>/dev/null | grep -q .; then
    echo "fuzzer $name found a failing input" >&2
    exit 1
  fi
done
