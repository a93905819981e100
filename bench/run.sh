#!/usr/bin/env bash
# preview-routes on synthetic clusters of 1/10, 1/2 and full reference size (5,000 nodes, 50,000
# services, 250,000 endpoints): wall time, peak RSS and input throughput of the whole process,
# -o json to /dev/null. Targets at full size: at most 1.5 s and 600 MB.
#   bench/run.sh [BUILD_DIR]      (make bench builds first)
set -euo pipefail
build=${1:-build}
svcadv="$build/svcadv"
generate="$build/bench/gen_snapshot"
work=$(mktemp -d "${TMPDIR:-/tmp}/svcadv-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
printf '%-8s %7s %8s %10s %9s %9s %9s %10s\n' SIZE NODES SERVICES ENDPOINTS INPUT_MB WALL_S PEAK_MB MB_PER_S
for size in 10 2 1; do
    nodes=$((5000 / size)) services=$((50000 / size)) endpoints=$((250000 / size))
    input="$work/cluster-$size.json"
    "$generate" "$nodes" "$services" "$endpoints" >"$input"
    bytes=$(stat -c %s "$input")
    # The best of three runs: the machine's noise is not the program's cost.
    best_wall= best_rss=
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$work/time" "$svcadv" preview-routes --from "$input" -o json >/dev/null
        read -r wall rss <"$work/time"
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; fi
        if [ -z "$best_rss" ] || [ "$rss" -gt "$best_rss" ]; then best_rss=$rss; fi
    done
    awk -v s="1/$size" -v n="$nodes" -v sv="$services" -v e="$endpoints" -v b="$bytes" \
        -v w="$best_wall" -v r="$best_rss" 'BEGIN {
            if (s == "1/1") s = "full"
            printf "%-8s %7d %8d %10d %9.1f %9.2f %9.0f %10.0f\n", s, n, sv, e, b/1e6, w, r/1024, (w > 0 ? b/1e6/w : 0)
        }'
done
