#!/usr/bin/env bash
# Writes and dry runs in a data directory the size of bench/run.sh's clusters (1/10, 1/2 and full
# reference size), saved by `snapshot save`, each against its baseline measured in the same run,
# alternating:
#   CIDR: `cidr add` (its route impact read from the whole cluster) in the saved snapshot; also the
#         same `cidr add` in a data directory that holds only the same BGPConfiguration (EMPTY),
#         and `cidr add --force --quiet` in the snapshot (FORCED: no impact, so no cluster read);
#   DRY:  `label-exclude NODE --dry-run` in the snapshot;
# each against `preview-routes` of the snapshot. Targets at full size: CIDR and DRY at most 2x the
# preview (the cluster is read once; the version is the high-water mark alone); FORCED as fast as
# EMPTY.
#   bench/writes.sh [BUILD_DIR]   (RUNS=N alternations, default 5; SIZES="10 2 1")
set -euo pipefail
build=${1:-build}
runs=${RUNS:-5}
svcadv="$build/svcadv"
generate="$build/bench/gen_snapshot"
work=$(mktemp -d "${TMPDIR:-/tmp}/svcadv-bench-writes-XXXXXX")
trap 'rm -rf "$work"' EXIT

# `measure NAME CMD...`: appends the wall time of one run to $work/NAME (the run must succeed).
measure() {
    local name=$1
    shift
    /usr/bin/time -f '%e' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" ||
        { cat "$work/stderr" >&2; return 1; }
    cat "$work/time" >>"$work/$name"
}
median() {
    sort -n "$1" | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '%-5s %7s %9s %7s %7s %9s %8s %11s %10s %13s\n' \
    SIZE OBJECTS PREVIEW_S CIDR_S DRY_S EMPTY_S FORCED_S CIDR_VS_PRV DRY_VS_PRV FORCED_VS_EMP
for size in ${SIZES:-10 2 1}; do
    nodes=$((5000 / size)) services=$((50000 / size)) endpoints=$((250000 / size))
    "$generate" "$nodes" "$services" "$endpoints" >"$work/cluster.json"
    rm -rf "$work/snapshot" "$work/empty"
    objects=$("$svcadv" snapshot save "$work/snapshot" --from "$work/cluster.json" |
        sed -E 's/^Saved ([0-9]+) .*/\1/')
    "$svcadv" --data-dir "$work/snapshot" get bgpconfig default -o json |
        jq 'del(.metadata.resourceVersion, .metadata.uid, .metadata.creationTimestamp)' \
            >"$work/default.json"
    "$svcadv" --data-dir "$work/empty" create -f "$work/default.json" >/dev/null 2>&1
    rm -f "$work/cidr" "$work/empty-cidr" "$work/forced" "$work/dry" "$work/preview"
    for _ in $(seq "$runs"); do
        for run in cidr:snapshot forced:snapshot empty-cidr:empty; do
            name=${run%%:*} dir=${run#*:}
            flags=$([ "$name" = forced ] && echo "--force --quiet" || true)
            # shellcheck disable=SC2086 # $flags: none or two words
            measure "$name" "$svcadv" --data-dir "$work/$dir" cidr add --external-ips 192.0.2.0/24 \
                $flags
            "$svcadv" --data-dir "$work/$dir" cidr remove --external-ips 192.0.2.0/24 \
                --force --quiet >/dev/null 2>&1
        done
        measure dry "$svcadv" --data-dir "$work/snapshot" label-exclude node-1 --dry-run --force
        measure preview "$svcadv" --data-dir "$work/snapshot" preview-routes -o json
    done
    awk -v s="1/$size" -v o="$objects" -v c="$(median "$work/cidr")" \
        -v e="$(median "$work/empty-cidr")" -v d="$(median "$work/dry")" \
        -v f="$(median "$work/forced")" -v p="$(median "$work/preview")" 'BEGIN {
            if (s == "1/1") s = "full"
            printf "%-5s %7d %9.2f %7.2f %7.2f %9.2f %8.2f %10.1fx %9.1fx %12.1fx\n",
                s, o, p, c, d, e, f, (p > 0 ? c / p : 0), (p > 0 ? d / p : 0), (e > 0 ? f / e : 0)
        }'
done
echo "Medians of $runs alternating runs in the saved snapshot as --data-dir: PREVIEW_S preview-routes,"
echo "CIDR_S cidr add (with its route impact), DRY_S label-exclude NODE --dry-run; EMPTY_S the same"
echo "cidr add in a data directory holding only the BGPConfiguration; FORCED_S cidr add --force"
echo "--quiet in the snapshot. *_VS_PRV: ratio to PREVIEW_S; FORCED_VS_EMP: FORCED_S to EMPTY_S."
