#!/usr/bin/env bash
# preview-routes --from on synthetic clusters of 1/10, 1/2 and full reference size (5,000 nodes,
# 50,000 services, 250,000 endpoints), against `jq '.items|length'` on the same file measured in
# the same run: runs alternate (svcadv, jq, svcadv, jq, ...) and the medians are compared, so the
# machine's load weighs on both alike. Also `snapshot save` of the same file into a new directory,
# alternating with `cp -r` of the saved tree (what creating that many files costs here).
# Targets at full size: at least 6x jq's speed, at most 250 MB peak RSS, a save in at most 2 s
# (out of reach where cp -r of the same tree takes longer, as it does on the development machine).
# Then live (LIVE=0 skips it): svcadv-test-apiserver seeded with the same file, `preview-routes`
# against it and `kubectl get nodes,svc,endpointslices -A -o json` through a kubeconfig pointing
# at it, alternating; target: at most 0.5x kubectl's time and 300 MB, the same output as --from.
#   bench/run.sh [BUILD_DIR]      (make bench builds first; RUNS=N alternations, default 5;
#                                  SAVES=N snapshot saves per size, default 3, 0 for none;
#                                  SIZES="10 2 1" the fractions of the reference size;
#                                  LIVE=0 no live table; LIVE_RUNS=N its alternations, default 3)
set -euo pipefail
build=${1:-build}
runs=${RUNS:-5}
saves=${SAVES:-3}
svcadv="$build/svcadv"
generate="$build/bench/gen_snapshot"
work=$(mktemp -d "${TMPDIR:-/tmp}/svcadv-bench-XXXXXX")
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

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

printf '%-5s %6s %7s %8s %8s %7s %8s %7s %7s %7s %7s\n' \
    SIZE NODES SVCS ENDPTS INPUT_MB WALL_S PEAK_MB JQ_S VS_JQ SAVE_S CP_R_S
for size in ${SIZES:-10 2 1}; do
    nodes=$((5000 / size)) services=$((50000 / size)) endpoints=$((250000 / size))
    input="$work/cluster-$size.json"
    "$generate" "$nodes" "$services" "$endpoints" >"$input"
    bytes=$(stat -c %s "$input")
    rm -f "$work/svcadv" "$work/jq" "$work/save" "$work/copy"
    for _ in $(seq "$runs"); do
        measure svcadv "$svcadv" preview-routes --from "$input" -o json
        measure jq jq '.items|length' "$input"
    done
    for run in $(seq "$saves"); do
        # Kept until the end: ext4 makes new inodes slow for a while after mass deletes (its
        # recently_deleted scan), which would weigh on the next save.
        measure save "$svcadv" snapshot save "$work/snapshot-$size-$run" --from "$input"
        # The file system's own cost of that tree, alternating with the saves: cp -r of the first
        # saved snapshot creates the same folders and files from the page cache.
        measure copy cp -r "$work/snapshot-$size-1" "$work/copy-$size-$run"
    done
    awk -v s="1/$size" -v n="$nodes" -v sv="$services" -v e="$endpoints" -v b="$bytes" \
        -v w="$(median "$work/svcadv" 1)" -v r="$(sort -n -k2,2 "$work/svcadv" | tail -1 | cut -d' ' -f2)" \
        -v j="$(median "$work/jq" 1)" -v save="$( [ "$saves" -gt 0 ] && median "$work/save" 1 || echo -)" \
        -v copy="$( [ "$saves" -gt 0 ] && median "$work/copy" 1 || echo -)" 'BEGIN {
            if (s == "1/1") s = "full"
            printf "%-5s %6d %7d %8d %8.1f %7.2f %8.0f %7.2f %6.1fx %7s %7s\n",
                s, n, sv, e, b / 1e6, w, r / 1024, j, (w > 0 ? j / w : 0), save, copy
        }'
done
echo "WALL_S and JQ_S: medians of $runs alternating runs; PEAK_MB: the highest of svcadv's runs;"
echo "SAVE_S: median of $saves runs of 'snapshot save' into a new directory; CP_R_S: median of as"
echo "many 'cp -r' of the first saved snapshot, run alternately with them (the file system's cost)."

# Writes and dry runs in a saved snapshot of the same sizes (WRITES=0 skips them).
if [ "${WRITES:-1}" != 0 ]; then
    echo
    SIZES="${SIZES:-10 2 1}" RUNS="$runs" bash "$(dirname "$0")/writes.sh" "$build"
fi

[ "${LIVE:-1}" = 0 ] && exit 0
command -v kubectl >/dev/null || { echo "bench: kubectl is missing (LIVE=0 to skip)" >&2; exit 2; }
live_runs=${LIVE_RUNS:-3}
apiserver="$build/tests/svcadv-test-apiserver"
echo
printf '%-5s %8s %7s %8s %9s %10s %5s\n' SIZE OBJECTS LIVE_S PEAK_MB KUBECTL_S VS_KUBECTL SAME
for size in ${SIZES:-10 2 1}; do
    nodes=$((5000 / size)) services=$((50000 / size)) endpoints=$((250000 / size))
    input="$work/cluster-$size.json"
    "$generate" "$nodes" "$services" "$endpoints" >"$input"
    "$apiserver" --seed "$input" >"$work/apiserver.out" 2>&1 &
    server_pid=$!
    url=
    for _ in $(seq 600); do
        url=$(sed -n 's/^listening on //p' "$work/apiserver.out")
        [ -n "$url" ] && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/apiserver.out" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$url" ] || { echo "bench: the test server did not start" >&2; exit 1; }
    cat >"$work/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: bench, cluster: {server: "$url"}}]
users: [{name: bench, user: {}}]
contexts: [{name: bench, context: {cluster: bench, user: bench}}]
current-context: bench
YAML
    export KUBECONFIG="$work/kubeconfig" DATASTORE_TYPE=kubernetes
    # The server holds the ClusterInformation the file lacks: the file preview is told its version.
    "$svcadv" preview-routes -o json >"$work/live.json" 2>/dev/null
    "$svcadv" preview-routes --from "$input" -o json --calico-version v3.33.0 >"$work/file.json" 2>/dev/null
    same=no
    cmp -s "$work/live.json" "$work/file.json" && same=yes
    rm -f "$work/live" "$work/kubectl"
    for _ in $(seq "$live_runs"); do
        # The shell execs svcadv: it only sends the Calico version line to /dev/null.
        measure live sh -c 'exec "$0" preview-routes -o json 2>/dev/null' "$svcadv"
        measure kubectl kubectl get nodes,svc,endpointslices -A -o json
    done
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    unset KUBECONFIG DATASTORE_TYPE
    awk -v s="1/$size" -v o="$((nodes + services * 2))" -v w="$(median "$work/live" 1)" \
        -v r="$(sort -n -k2,2 "$work/live" | tail -1 | cut -d' ' -f2)" \
        -v k="$(median "$work/kubectl" 1)" -v same="$same" 'BEGIN {
            if (s == "1/1") s = "full"
            printf "%-5s %8d %7.2f %8.0f %9.2f %9.2fx %5s\n",
                s, o, w, r / 1024, k, (k > 0 ? w / k : 0), same
        }'
done
echo "LIVE_S and KUBECTL_S: medians of $live_runs alternating runs against svcadv-test-apiserver"
echo "seeded with the same file; VS_KUBECTL: svcadv's time over kubectl's (target <= 0.5x);"
echo "SAME: preview-routes' output equals the --from preview of the same file."
