#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 20).
# Longer runs: scripts/fuzz.sh 3600   (see docs/development.md)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
CC=clang CXX=clang++ cmake -S . -B build/fuzz -DQUAY_FUZZ=ON -DQUAY_UI=OFF -DQUAY_TESTS=OFF \
  -DQUAY_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target fuzzers
# Every fuzzer the build defines must exist, start and finish clean: a fuzzer that is
# missing, cannot start, or exits non-zero (a crash, leak, timeout or OOM) fails the run.
expected=$(for src in fuzz/*_fuzz.cpp; do [ -e "$src" ] && basename "$src" .cpp; done)
if [ -z "$expected" ]; then
  echo "no fuzzers found (fuzz/*_fuzz.cpp)" >&2
  exit 1
fi
failed=0
for name in $expected; do
  bin="build/fuzz/fuzz/$name"
  if [ ! -x "$bin" ]; then
    echo "fuzzer $name was not built ($bin missing)" >&2
    failed=1
    continue
  fi
  work="build/fuzz/corpus/$name"
  artifacts="build/fuzz/artifacts/$name/"
  mkdir -p "$work" "$artifacts"
  echo "== $name for ${seconds}s"
  log="build/fuzz/$name.log"
  status=0
  max_len=()
  # reply classification sees whole portal replies, up to the 1 MiB cap
  [ "$name" = reply_fuzz ] && max_len=(-max_len=1048576)
  "$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
    "${max_len[@]}" -artifact_prefix="$artifacts" "$work" "fuzz/corpus/$name" >"$log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss|#[0-9]+ *DONE)|ERROR|SUMMARY" "$log" || true
  if [ "$status" -ne 0 ]; then
    echo "fuzzer $name failed (exit $status; log $log, inputs in $artifacts)" >&2
    failed=1
  fi
done
exit "$failed"
