#!/usr/bin/env bash
# Runs every fuzz target for SECONDS from its committed seed corpus (tests/fuzz/corpus/<target>/),
# new inputs going to a scratch corpus in the build directory, and prints executions per target.
#   tests/fuzz/run.sh BUILD_DIR SECONDS
set -euo pipefail
build=$1 seconds=$2
source_dir=$(cd "$(dirname "$0")" && pwd)
status=0
for fuzzer in "$build"/fuzz/fuzz_*; do
    name=${fuzzer##*/fuzz_}
    scratch="$build/fuzz-corpus/$name"
    mkdir -p "$scratch" "$build/fuzz-artifacts"
    log="$build/fuzz-artifacts/$name.log"
    if "$fuzzer" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$name-" \
        "$scratch" "$source_dir/corpus/$name" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        printf 'fuzz %-16s ok      %10s executions in %ss\n' "$name" "$runs" "$seconds"
    else
        printf 'fuzz %-16s FAILED  (see %s)\n' "$name" "$log"
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
        status=1
    fi
done
exit $status
