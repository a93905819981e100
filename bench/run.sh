#!/usr/bin/env bash
# preview-routes --from on synthetic clusters of 1/10, 1/2 and full reference size (5,000 nodes,
# 50,000 services, 250,000 endpoints), against `jq '.items|length'` on the same file measured in
# the same run: runs alternate (svcadv, jq, svcadv, jq, ...) and the medians are compared, so the
# machine's load weighs on both alike. Also `snapshot save` of the same file into a new directory.
# Targets at full size: at least 6x jq's speed, at most 250 MB peak RSS, a save in at most 2 s.
#   bench/run.sh [BUILD_DIR]      (make bench builds first; RUNS=N alternations, default 5;
#                                  SAVES=N snapshot saves per size, default 3, 0 for none;
#                                  SIZES="10 2 1" the fractions of the reference size)
set -euo pipefail
build=${1:-build}
runs=${RUNS:-5}
saves=${SAVES:-3}
svcadv="$build/svcadv"
generate="$build/bench/gen_snapshot"
work=$(mktemp -d "${TMPDIR:-/tmp}/svcadv-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench: jq is missing (apt-get install jq)" >&2; exit 2; }

# `measure NAME CMD...`: appends "wall peak_kb" of one run to $work/NAME.
measure() {
    local name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null
    cat "$work/time" >>"$work/$name"
}
# `median FILE COLUMN`
median() {
    sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '%-5s %6s %7s %8s %8s %7s %8s %7s %7s %7s\n' \
    SIZE NODES SVCS ENDPTS INPUT_MB WALL_S PEAK_MB JQ_S VS_JQ SAVE_S
for size in ${SIZES:-10 2 1}; do
    nodes=$((5000 / size)) services=$((50000 / size)) endpoints=$((250000 / size))
    input="$work/cluster-$size.json"
    "$generate" "$nodes" "$services" "$endpoints" >"$input"
    bytes=$(stat -c %s "$input")
    rm -f "$work/svcadv" "$work/jq" "$work/save"
    for _ in $(seq "$runs"); do
        measure svcadv "$svcadv" preview-routes --from "$input" -o json
        measure jq jq '.items|length' "$input"
    done
    for run in $(seq "$saves"); do
        # Kept until the end: ext4 makes new inodes slow for a while after mass deletes (its
        # recently_deleted scan), which would weigh on the next save.
        measure save "$svcadv" snapshot save "$work/snapshot-$size-$run" --from "$input"
    done
    awk -v s="1/$size" -v n="$nodes" -v sv="$services" -v e="$endpoints" -v b="$bytes" \
        -v w="$(median "$work/svcadv" 1)" -v r="$(sort -n -k2,2 "$work/svcadv" | tail -1 | cut -d' ' -f2)" \
        -v j="$(median "$work/jq" 1)" -v save="$( [ "$saves" -gt 0 ] && median "$work/save" 1 || echo -)" 'BEGIN {
            if (s == "1/1") s = "full"
            printf "%-5s %6d %7d %8d %8.1f %7.2f %8.0f %7.2f %6.1fx %7s\n",
                s, n, sv, e, b / 1e6, w, r / 1024, j, (w > 0 ? j / w : 0), save
        }'
done
echo "WALL_S and JQ_S: medians of $runs alternating runs; PEAK_MB: the highest of svcadv's runs;"
echo "SAVE_S: median of $saves runs of 'snapshot save' into a new directory."

# Writes and dry runs in a saved snapshot of the same sizes (WRITES=0 skips them).
if [ "${WRITES:-1}" != 0 ]; then
    echo
    SIZES="${SIZES:-10 2 1}" RUNS="$runs" bash "$(dirname "$0")/writes.sh" "$build"
fi
