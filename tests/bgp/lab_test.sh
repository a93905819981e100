#!/usr/bin/env bash
# Proof with real BGP daemons: every node of a cluster runs Debian's bird and bird6 with the
# configuration `preview-routes -o bird|bird6` renders for it, a ToR runs gobgpd, and after
# convergence the ToR's RIB equals `preview-routes --by prefix`: every prefix, every prefix's set
# of next-hop nodes, and the communities on every path. Changes (a node excluded, one included, a
# new BGPConfiguration) are rendered again while the lab runs and must arrive at the ToR. Then
# generated clusters (Local, Cluster, single-IP, dual-stack services). Skipped (exit 77, never a
# pass) where network namespaces are not permitted.
source "$(dirname "$0")/../integration/lib.sh"
LAB_WORK="$WORK"
source "$(dirname "$0")/lab.sh"
trap 'lab_cleanup; cleanup' EXIT
trap 'exit 130' INT TERM HUP
lab_require
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"
STARTED=$SECONDS

# check_converges LABEL CLUSTER [ARGS...]: the ToR's RIB reaches the preview (ARGS as lab_render).
check_converges() {
    local label=$1
    shift
    local begin=$SECONDS
    if lab_expect "$@"; then
        pass "$label: the ToR's RIB equals the preview ($(tail -1 "$WORK/compare.txt"), $((SECONDS - begin))s)"
    else
        RC=1 OUT=$(cat "$WORK/compare.txt") ERR=
        fail "$label: the ToR's RIB differs from the preview after ${LAB_TIMEOUT}s"
    fi
}

# --- the example cluster -------------------------------------------------------------------------
lab_start "$EXAMPLE" || { RC=1 OUT= ERR=; fail "the lab starts"; finish; }
check_converges "example cluster" "$EXAMPLE"
check_true "grep -q '10.96.40.4/32' '$WORK/rib4.json' && grep -q 'fd00:10:96::4/128' '$WORK/rib6.json'" \
    "host routes of both families reach the ToR"

# The comparison can fail: the running lab against a plan it was not given.
"$SVCADV" preview-routes --from "$EXAMPLE" --exclude node-a --by prefix -o json >"$WORK/other.json"
python3 "$(dirname "$0")/rib_compare.py" "$WORK/other.json" "$WORK/nexthops.txt" "$WORK/rib4.json" \
    "$WORK/rib6.json" >"$WORK/out" 2>&1
RC=$? OUT=$(cat "$WORK/out")
check_rc 1 "a plan the lab was not given differs"
check_out_has "10.96.14.7/32: at the ToR from node-a, not planned" "and names the prefix and node"

# --- svcadv verify against the running BIRDs ----------------------------------------------------
# run_verify N ARGS...: verify for the lab's node N (1-based) on its sockets.
run_verify() {
    local n=$1
    shift
    run verify --node "${LAB_NODES[$((n - 1))]}" --from "$EXAMPLE" \
        --bird-socket "$(lab_node_dir "$n")/bird.ctl" --bird6-socket "$(lab_node_dir "$n")/bird6.ctl" "$@"
}
for n in 1 2 3 4 5; do
    run_verify $n
    check_rc 0 "verify is quiet on ${LAB_NODES[$((n - 1))]}"
done
run_verify 3
check_out_has "bird ($(lab_node_dir 3)/bird.ctl): no drift: 7 static routes, 1 BGP peers" "and says what it checked"
check_out_has "bird6 ($(lab_node_dir 3)/bird6.ctl): no drift: 2 static routes, 1 BGP peers" "both families"
run_verify 3 -o json
check_rc 0 "verify -o json, quiet"
check_true "echo \"\$OUT\" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"drift\"]==[] and d[\"birds\"][0][\"peers\"][0][\"exported\"]==7'" \
    "the JSON document counts the exported routes"

# Drift 1: the peer disabled (birdc disable): every planned IPv4 route is missing at that peer.
birdc -s "$(lab_node_dir 3)/bird.ctl" disable Global_10_254_3_1 >/dev/null
run_verify 3
check_rc 1 "verify finds a disabled peer"
check_true "echo \"\$OUT\" | grep -Eq '^MissingExport +10.96.40.4/32 +Global_10_254_3_1 +LocalEndpoint +shop/search; peer is down$'" \
    "each planned route missing at the peer, with the plan's reason"
check_true "[ \$(echo \"\$OUT\" | grep -c MissingExport) = 7 ]" "all seven IPv4 routes"
birdc -s "$(lab_node_dir 3)/bird.ctl" enable Global_10_254_3_1 >/dev/null
check_converges "the peer enabled again" "$EXAMPLE"
# Drift 2: the static protocol disabled: every route is missing, in BIRD and at the peer.
birdc -s "$(lab_node_dir 3)/bird.ctl" disable static1 >/dev/null
run_verify 3
check_rc 1 "verify finds a disabled static protocol"
check_true "[ \$(echo \"\$OUT\" | grep -c '^MissingStatic ') = 7 ] && [ \$(echo \"\$OUT\" | grep -c '^MissingExport ') = 7 ]" \
    "every IPv4 route missing, statically and at the peer"
birdc -s "$(lab_node_dir 3)/bird.ctl" enable static1 >/dev/null
check_converges "the static protocol enabled again" "$EXAMPLE"
# Drift 3: a configuration with one static route removed and one added.
cfg="$(lab_node_dir 3)/bird.cfg"
sed -i -e '/route 10.96.40.4\/32 blackhole;/d' \
    -e 's|   route 10.96.0.0/12 blackhole;|&\n   route 10.1.2.3/32 blackhole;|' "$cfg"
birdc -s "$(lab_node_dir 3)/bird.ctl" configure >/dev/null
sleep 1
run_verify 3
check_rc 1 "verify finds changed static routes"
check_true "echo \"\$OUT\" | grep -Eq '^MissingStatic +10.96.40.4/32 +- +LocalEndpoint +shop/search$'" \
    "the removed route is missing, with its reason and service"
check_true "echo \"\$OUT\" | grep -q 'UnplannedStatic .*10.1.2.3/32 .*NotPlanned'" "the added route is unplanned"
check_true "echo \"\$OUT\" | grep -q 'MissingExport .*10.96.40.4/32 .*Global_10_254_3_1'" "and no longer exported"
run_verify 3 -o json
check_true "echo \"\$OUT\" | python3 -c 'import json,sys; d=json.load(sys.stdin); k=sorted((x[\"kind\"],x[\"prefix\"]) for x in d[\"drift\"]); assert k==[(\"MissingExport\",\"10.96.40.4/32\"),(\"MissingStatic\",\"10.96.40.4/32\"),(\"UnplannedStatic\",\"10.1.2.3/32\")], k'" \
    "the same drift as JSON"
# The ToR sees the drift too; restored, everything is quiet again.
lab_reconfigure "$EXAMPLE" || fail "the lab's configurations restored"
check_converges "restored after the drift" "$EXAMPLE"
run_verify 3
check_rc 0 "verify is quiet again"
run verify --node node-c --from "$EXAMPLE" --bird-socket "$WORK/absent.ctl" --bird6-socket "$WORK/absent6.ctl"
check_rc 5 "no BIRD at the socket"
check_err_has "cannot connect" "says so"

# --- a label-exclude while the lab runs: node-a excluded, node-d included --------------------------
CHANGE=(--exclude node-a --include node-d)
"$SVCADV" preview-routes --from "$EXAMPLE" "${CHANGE[@]}" --diff >"$WORK/diff.txt"
check_true "grep -q node-a '$WORK/diff.txt' && grep -q node-d '$WORK/diff.txt'" "the change moves routes"
lab_reconfigure "$EXAMPLE" "${CHANGE[@]}" && pass "every BIRD reconfigures" || fail "every BIRD reconfigures"
check_converges "node-a excluded, node-d included" "$EXAMPLE" "${CHANGE[@]}"

# --- a BGPConfiguration change while the lab runs -----------------------------------------------
NEW_DEFAULT=$(write_file new-default.yaml <<'EOF'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  asNumber: 64512
  serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00:10:96::/112'}]
  serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}, {cidr: 198.51.100.21/32}]
  communities: [{name: edge, value: '65000:100'}, {name: big, value: '65000:1:2'}]
  prefixAdvertisements:
    - {cidr: 198.51.100.0/24, communities: [edge, big]}
    - {cidr: 'fd00:10:96::/112', communities: ['65000:6']}
EOF
)
CHANGE=(--bgpconfig "$NEW_DEFAULT")
lab_reconfigure "$EXAMPLE" "${CHANGE[@]}" && pass "every BIRD takes the new default" ||
    fail "every BIRD takes the new default"
check_converges "new BGPConfiguration (external range withdrawn, a /32 entry, communities)" \
    "$EXAMPLE" "${CHANGE[@]}"
check_true "! grep -q '\"192.0.2.0/24\"' '$WORK/rib4.json'" "the withdrawn external range left the ToR"
check_true "grep -q '\"198.51.100.21/32\"' '$WORK/rib4.json'" "the new single-IP entry arrived"
check_true "grep -q '\"LocalData2\": *2' '$WORK/rib4.json'" "a large community (65000:1:2) on the ToR's paths"
lab_cleanup

# --- generated clusters ------------------------------------------------------------------------------
for seed in 1 2; do
    python3 "$(dirname "$0")/gen_cluster.py" "$seed" "$WORK/gen$seed" 4
    lab_start "$WORK/gen$seed" || { RC=1 OUT= ERR=; fail "the lab starts (seed $seed)"; continue; }
    check_converges "generated cluster $seed" "$WORK/gen$seed"
    lab_cleanup
done

echo "# the lab took $((SECONDS - STARTED))s"
finish
