# The BGP lab, sourced by lab_test.sh and demo.sh: one network namespace per node of a cluster
# snapshot running Debian's bird and bird6 with the configuration `svcadv preview-routes -o bird`
# renders for it, and a ToR namespace running gobgpd that peers with every node over a veth pair.
# Names carry the shell's PID so that parallel runs never share a namespace; lab_cleanup (an EXIT
# trap) stops every process and removes every namespace whatever happens.
#
# Needs: SVCADV (the binary), LAB_WORK (a scratch directory).

LAB_PREFIX="svl$$"
LAB_TOR_NS="${LAB_PREFIX}t"
LAB_TOR_AS=65000
LAB_TIMEOUT=${LAB_TIMEOUT:-60}  # seconds for a convergence
LAB_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB_NODES=()
LAB_PIDS=()

lab_say() { echo "lab: $*" >&2; }

# Exits 77 (ctest's skip) with the reason when this machine cannot run the lab.
lab_require() {
    local tool
    if [ "$(id -u)" != 0 ]; then
        echo "skip: the BGP lab needs root for network namespaces (ip netns); running as uid $(id -u)" >&2
        exit 77
    fi
    for tool in ip bird bird6 birdc birdc6 gobgpd gobgp python3; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "skip: the BGP lab needs '$tool' (Debian packages iproute2, bird, gobgpd, python3)" >&2
            exit 77
        fi
    done
    if ! ip netns add "${LAB_PREFIX}probe" 2>"$LAB_WORK/netns.err"; then
        echo "skip: network namespaces are not permitted here: ip netns add failed: $(cat "$LAB_WORK/netns.err")" >&2
        exit 77
    fi
    ip netns del "${LAB_PREFIX}probe"
    lab_remove_orphans
}

# Namespaces a lab left behind when it was killed (SIGKILL runs no trap): those whose shell is gone.
lab_remove_orphans() {
    local ns owner pid
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^svl[0-9]+(t|n[0-9]+|probe)$'); do
        owner=${ns#svl}
        owner=${owner%%[!0-9]*}
        kill -0 "$owner" 2>/dev/null && continue
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null && lab_say "removed $ns, left behind by a killed lab"
    done
}

lab_cleanup() {
    local pid ns i
    for pid in "${LAB_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    for i in 1 2 3 4 5 6 7 8 9 10; do
        local alive=0
        for pid in "${LAB_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.2
    done
    for pid in "${LAB_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
    LAB_PIDS=()
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${LAB_PREFIX}"); do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
    done
}

lab_node_ns() { echo "${LAB_PREFIX}n$1"; }
lab_node_ip4() { echo "10.254.$1.2"; }
lab_tor_ip4() { echo "10.254.$1.1"; }
lab_node_ip6() { echo "fd00:254:$1::2"; }
lab_tor_ip6() { echo "fd00:254:$1::1"; }
lab_node_dir() { echo "$LAB_WORK/node$1"; }

# The node names of a cluster, in the preview's order.
lab_nodes_of() {
    "$SVCADV" preview-routes --from "$1" -o json 2>/dev/null |
        python3 -c 'import json,sys; print("\n".join(n["name"] for n in json.load(sys.stdin)["nodes"]))'
}

# lab_render CLUSTER [ARGS...]: writes every node's bird.cfg and bird6.cfg (ARGS go to
# preview-routes, e.g. --exclude NODE or --bgpconfig FILE).
lab_render() {
    local cluster=$1 i dir
    shift
    for i in "${!LAB_NODES[@]}"; do
        local n=$((i + 1))
        dir=$(lab_node_dir $n)
        mkdir -p "$dir"
        "$SVCADV" preview-routes --from "$cluster" "$@" -o bird --node "${LAB_NODES[$i]}" \
            --bird-peer "$(lab_tor_ip4 $n),$LAB_TOR_AS" --bird-router-id "$(lab_node_ip4 $n)" \
            >"$dir/bird.cfg.new" 2>"$dir/render.err" || { cat "$dir/render.err" >&2; return 1; }
        "$SVCADV" preview-routes --from "$cluster" "$@" -o bird6 --node "${LAB_NODES[$i]}" \
            --bird-peer "$(lab_tor_ip6 $n),$LAB_TOR_AS" --bird-router-id "$(lab_node_ip4 $n)" \
            >"$dir/bird6.cfg.new" 2>"$dir/render.err" || { cat "$dir/render.err" >&2; return 1; }
        mv "$dir/bird.cfg.new" "$dir/bird.cfg"
        mv "$dir/bird6.cfg.new" "$dir/bird6.cfg"
    done
}

# The ToR's gobgpd configuration: one IPv4 and one IPv6 neighbor per node.
lab_tor_config() {
    local i
    cat <<EOF
[global.config]
  as = $LAB_TOR_AS
  router-id = "10.254.0.1"
EOF
    for i in "${!LAB_NODES[@]}"; do
        local n=$((i + 1)) family address
        for family in 4 6; do
            if [ $family = 4 ]; then address=$(lab_node_ip4 $n); else address=$(lab_node_ip6 $n); fi
            cat <<EOF
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$address"
    peer-as = ${LAB_CLUSTER_AS:-64512}
  [neighbors.timers.config]
    connect-retry = 2
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv${family}-unicast"
EOF
        done
    done
}

# The local AS of the nodes is the cluster's asNumber (64512 unless set): the ToR's neighbors
# must name it.
lab_cluster_as() {
    "$SVCADV" preview-routes --from "$1" -o bird --node "${LAB_NODES[0]}" 2>/dev/null |
        awk '/^  local as /{gsub(";","",$3); print $3; exit}'
}

lab_tor() { ip netns exec "$LAB_TOR_NS" gobgp "$@"; }

# lab_start CLUSTER: namespaces, links, gobgpd, and every node's bird and bird6.
lab_start() {
    local cluster=$1 i
    mapfile -t LAB_NODES < <(lab_nodes_of "$cluster")
    [ "${#LAB_NODES[@]}" -gt 0 ] || { lab_say "no nodes in $cluster"; return 1; }
    lab_render "$cluster" || return 1
    LAB_CLUSTER_AS=$(lab_cluster_as "$cluster")
    ip netns add "$LAB_TOR_NS" || return 1
    ip -n "$LAB_TOR_NS" link set lo up
    for i in "${!LAB_NODES[@]}"; do
        local n=$((i + 1)) ns
        ns=$(lab_node_ns $n)
        ip netns add "$ns" || return 1
        ip -n "$ns" link set lo up
        ip -n "$ns" link add tor type veth peer name "n$n" netns "$LAB_TOR_NS" || return 1
        ip -n "$ns" addr add "$(lab_node_ip4 $n)/24" dev tor
        ip -n "$ns" addr add "$(lab_node_ip6 $n)/64" dev tor nodad
        ip -n "$ns" link set tor up
        ip -n "$LAB_TOR_NS" addr add "$(lab_tor_ip4 $n)/24" dev "n$n"
        ip -n "$LAB_TOR_NS" addr add "$(lab_tor_ip6 $n)/64" dev "n$n" nodad
        ip -n "$LAB_TOR_NS" link set "n$n" up
    done
    lab_tor_config >"$LAB_WORK/gobgpd.toml"
    ip netns exec "$LAB_TOR_NS" gobgpd -f "$LAB_WORK/gobgpd.toml" --api-hosts 127.0.0.1:50051 \
        --pprof-disable -p >"$LAB_WORK/gobgpd.log" 2>&1 &
    LAB_PIDS+=($!)
    for i in $(seq 50); do
        lab_tor global >/dev/null 2>&1 && break
        sleep 0.1
    done
    lab_tor global >/dev/null 2>&1 || { lab_say "gobgpd did not start:"; tail -5 "$LAB_WORK/gobgpd.log" >&2; return 1; }
    for i in "${!LAB_NODES[@]}"; do
        local n=$((i + 1)) dir ns
        dir=$(lab_node_dir $n)
        ns=$(lab_node_ns $n)
        ip netns exec "$ns" bird -f -c "$dir/bird.cfg" -s "$dir/bird.ctl" >"$dir/bird.log" 2>&1 &
        LAB_PIDS+=($!)
        ip netns exec "$ns" bird6 -f -c "$dir/bird6.cfg" -s "$dir/bird6.ctl" >"$dir/bird6.log" 2>&1 &
        LAB_PIDS+=($!)
    done
}

# lab_reconfigure CLUSTER [ARGS...]: renders again and tells every BIRD to read its file.
lab_reconfigure() {
    local cluster=$1 i out
    shift
    lab_render "$cluster" "$@" || return 1
    for i in "${!LAB_NODES[@]}"; do
        local dir
        dir=$(lab_node_dir $((i + 1)))
        for daemon in bird bird6; do
            out=$(birdc -s "$dir/$daemon.ctl" configure 2>&1)
            case "$out" in
            *Reconfigur*) ;;
            *) lab_say "$daemon of ${LAB_NODES[$i]} refused its configuration: $out"; return 1 ;;
            esac
        done
    done
}

# The next hop -> node map the comparison reads.
lab_next_hops() {
    local i
    for i in "${!LAB_NODES[@]}"; do
        echo "$(lab_node_ip4 $((i + 1))) ${LAB_NODES[$i]}"
        echo "$(lab_node_ip6 $((i + 1))) ${LAB_NODES[$i]}"
    done
}

lab_dump_rib() {
    lab_tor global rib -a ipv4 -j >"$LAB_WORK/rib4.json" 2>"$LAB_WORK/rib.err" &&
        lab_tor global rib -a ipv6 -j >"$LAB_WORK/rib6.json" 2>>"$LAB_WORK/rib.err"
}

# lab_expect CLUSTER [ARGS...]: polls the ToR until its RIB equals `preview-routes --by prefix`
# (ARGS as lab_render's), LAB_TIMEOUT seconds at most. Returns 1 with the difference on timeout.
lab_expect() {
    local cluster=$1 deadline
    shift
    "$SVCADV" preview-routes --from "$cluster" "$@" --by prefix -o json >"$LAB_WORK/preview.json" ||
        return 1
    lab_next_hops >"$LAB_WORK/nexthops.txt"
    deadline=$((SECONDS + LAB_TIMEOUT))
    while :; do
        if lab_dump_rib; then
            python3 "$LAB_HERE/rib_compare.py" "$LAB_WORK/preview.json" "$LAB_WORK/nexthops.txt" \
                "$LAB_WORK/rib4.json" "$LAB_WORK/rib6.json" >"$LAB_WORK/compare.txt" 2>&1
            case $? in
            0) return 0 ;;
            1) ;;
            *) lab_say "the comparison failed:"; cat "$LAB_WORK/compare.txt" >&2; return 1 ;;
            esac
        fi
        if [ $SECONDS -ge $deadline ]; then
            lab_say "no convergence within ${LAB_TIMEOUT}s: the ToR's RIB still differs from the preview:"
            cat "$LAB_WORK/compare.txt" >&2
            lab_tor neighbor >&2 2>&1
            return 1
        fi
        sleep 0.5
    done
}
